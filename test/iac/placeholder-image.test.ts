/**
 * The placeholder image listens on 8080. A service behind a load balancer on another port, with no image in
 * the workload, used to start from it on ECS and fail every health check (the stack rolled back); the
 * fresh-clone trial found it. Now ECS asks for that service's image, and the manifests run the placeholder
 * on its own port behind the named port the Service targets.
 */
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { generateIac } from '../../src/iac/generate.js';
import { PLACEHOLDER_LINUX_IMAGE } from '../../src/iac/images.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import type { WorkloadInput } from '../../src/workload/schema.js';
import { parseTemplate } from './helpers/cloudformation-check.js';
import { parseManifests } from './helpers/kubernetes-check.js';

const rec = await advise(
  {
    name: 'ports',
    team: { kubernetesExperience: 'expert' },
    services: [
      { name: 'web', cpu: 0.25, memory: '512 MiB', replicas: 2, exposure: 'public', port: 8080 },
      { name: 'api', cpu: 0.25, memory: '512 MiB', replicas: 2, exposure: 'public', port: 3000 },
      { name: 'worker', cpu: 0.25, memory: '512 MiB', replicas: 1, exposure: 'none', port: 9000 },
      {
        name: 'shop',
        cpu: 0.25,
        memory: '512 MiB',
        replicas: 2,
        exposure: 'public',
        port: 3000,
        image: 'example.com/shop:1',
      },
    ],
  } as WorkloadInput,
  { fleetSolver: heuristicFleetSolver },
);

describe('a service behind a load balancer on port 3000 with no image', () => {
  it('ECS Terraform: the images variable has no default and says which service needs one, and why', () => {
    const files = generateIac(rec, 'terraform', { candidate: 'ecs-fargate' }).files;
    const variables = files.find((f) => f.path === 'variables.tf')?.contents ?? '';
    const images = variables.slice(variables.indexOf('variable "images"'));
    const block = images.slice(0, images.indexOf('\n}\n'));
    expect(block).toContain(
      'required: the workload names no image for api (port 3000) (the placeholder listens on 8080 only).',
    );
    expect(block).not.toContain('default');
  });

  it('ECS CloudFormation: the api image parameter is required; web and worker keep the placeholder', () => {
    const [file] = generateIac(rec, 'cloudformation', { candidate: 'ecs-fargate' }).files;
    const { Parameters } = parseTemplate(file?.contents ?? '');
    expect(Parameters.ApiImage).toEqual({
      Type: 'String',
      Description:
        'Container image of api (required: the workload names none, and the placeholder listens on 8080, not on 3000).',
      MinLength: 1,
    });
    // Port 8080, and a worker behind no load balancer (nothing checks its port): the placeholder serves.
    expect(Parameters.WebImage?.Default).toBe(PLACEHOLDER_LINUX_IMAGE);
    expect(Parameters.WorkerImage?.Default).toBe(PLACEHOLDER_LINUX_IMAGE);
    expect(Parameters.ShopImage?.Default).toBe('example.com/shop:1');
  });

  it('Kubernetes: the placeholder container listens on 8080, the real image on the workload port', () => {
    const files = generateIac(rec, 'kubernetes', { candidate: 'eks-fargate' }).files;
    const docs = files.flatMap((f) => parseManifests(f.contents, f.path)) as {
      kind: string;
      metadata?: { name?: string };
    }[];
    const container = (name: string) => {
      const deployment = docs.find((d) => d.kind === 'Deployment' && d.metadata?.name === name) as
        | {
            spec: {
              template: { spec: { containers: { image: string; ports?: { containerPort: number }[] }[] } };
            };
          }
        | undefined;
      return deployment?.spec.template.spec.containers[0];
    };
    expect(container('api')).toMatchObject({
      image: PLACEHOLDER_LINUX_IMAGE,
      ports: [{ containerPort: 8080 }],
    });
    expect(container('shop')).toMatchObject({
      image: 'example.com/shop:1',
      ports: [{ containerPort: 3000 }],
    });
    // The first file says so, for the service whose placeholder listens elsewhere than its port.
    expect(files[0]?.contents).toContain(
      '# No image in the workload for api (port 3000; the placeholder listens on 8080): when you set the real',
    );
    expect(files[0]?.contents).not.toContain('worker (port');
    // The Service targets the named port, wherever the container listens.
    const service = docs.find((d) => d.kind === 'Service' && d.metadata?.name === 'api') as
      | { spec: { ports: { port: number; targetPort: string | number }[] } }
      | undefined;
    expect(service?.spec.ports[0]).toMatchObject({ targetPort: 'http' });
  });
});
