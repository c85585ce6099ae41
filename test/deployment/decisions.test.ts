import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { planFargatePurchase } from '../../src/deployment/fargate-purchase.js';
import { planLoadBalancers } from '../../src/deployment/load-balancers.js';
import { generateIac } from '../../src/iac/generate.js';
import { loadFargateSizes } from '../../src/pricing/fargate-sizes.js';
import { fargateUsage } from '../../src/sizing/fargate-usage.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import { makeService, normalised } from '../helpers/workloads.js';

describe('planLoadBalancers', () => {
  it('puts public and internal long-running services behind one ALB each, and batch jobs and agents behind none', () => {
    const workload = normalised({
      services: [
        makeService({ name: 'web', exposure: 'public' }),
        makeService({ name: 'api', exposure: 'internal' }),
        makeService({ name: 'admin', exposure: 'internal' }),
        makeService({
          name: 'etl',
          exposure: 'public',
          replicas: 3,
          traffic: { pattern: 'batch', durationHours: 1 },
        }),
        makeService({ name: 'agent', exposure: 'internal', needs: { daemon: true } }),
        makeService({ name: 'worker' }),
      ],
    });
    expect(planLoadBalancers(workload.services)).toEqual([
      { scheme: 'public', services: ['web'] },
      { scheme: 'internal', services: ['api', 'admin'] },
    ]);
  });

  it('splits a scheme into ALBs of at most 100 services, the target groups and rules one ALB holds', () => {
    const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
    const workload = normalised({
      services: [
        ...names('web', 201).map((name) => makeService({ name, exposure: 'public' })),
        ...names('api', 100).map((name) => makeService({ name, exposure: 'internal' })),
      ],
    });
    const lbs = planLoadBalancers(workload.services);
    expect(lbs.map((lb) => [lb.scheme, lb.services.length, lb.services[0]])).toEqual([
      ['public', 100, 'web1'],
      ['public', 100, 'web101'],
      ['public', 1, 'web201'],
      ['internal', 100, 'api1'],
    ]);
  });

  it('gives a workload with nothing exposed no load balancer', () => {
    expect(planLoadBalancers(normalised().services)).toEqual([]);
  });
});

describe('planFargatePurchase', () => {
  const sizes = loadFargateSizes();
  const purchase = (overrides: Parameters<typeof makeService>[0], orchestrator: 'ecs' | 'eks' = 'ecs') => {
    const [service] = normalised({ services: [makeService(overrides)] }).services;
    return planFargatePurchase(service!, orchestrator, fargateUsage(service!, orchestrator, sizes)!, true);
  };

  it('keeps one on-demand task under a long-running ECS service on Fargate Spot', () => {
    expect(purchase({ interruptible: true })).toMatchObject({ spot: true, onDemandBaseTasks: 1 });
  });

  it('runs a scheduled batch job wholly on Fargate Spot', () => {
    const batch = purchase({ interruptible: true, traffic: { pattern: 'batch', durationHours: 2 } });
    expect(batch).toMatchObject({ spot: true, onDemandBaseTasks: 0 });
  });

  it('buys no Spot on EKS, where Fargate has none, and runs a multi-arch image on Graviton only on ECS', () => {
    expect(purchase({ interruptible: true, architecture: 'any' }, 'eks')).toMatchObject({
      spot: false,
      onDemandBaseTasks: 0,
      architecture: 'x86_64',
    });
    expect(purchase({ architecture: 'any' })).toMatchObject({ architecture: 'arm64' });
  });

  it('buys no Fargate Spot for an arm64 task, which Fargate Spot does not run, and puts a multi-arch one on x86_64 Spot', () => {
    // With Arm prices in the data (the stub says they are there), AWS still runs only X86_64 on Fargate Spot.
    expect(purchase({ interruptible: true, architecture: 'arm64' })).toMatchObject({
      spot: false,
      onDemandBaseTasks: 0,
      architecture: 'arm64',
    });
    expect(purchase({ interruptible: true, architecture: 'any' })).toMatchObject({
      spot: true,
      onDemandBaseTasks: 1,
      architecture: 'x86_64',
    });
  });
});

describe('one decision, read by the price and the starter code', () => {
  it('prices exactly the load balancers the generated Terraform and CloudFormation create', async () => {
    const rec = await advise(
      {
        services: [
          makeService({ name: 'web', exposure: 'public' }),
          makeService({ name: 'api', exposure: 'internal' }),
        ],
      },
      { fleetSolver: heuristicFleetSolver },
    );
    const candidate = rec.candidates.find((c) => c.id === 'ecs-fargate')!;
    expect(candidate.deployment?.loadBalancers.map((lb) => lb.scheme)).toEqual(['public', 'internal']);
    const albHours = candidate.cost!.lineItems.filter((l) => l.priceId === 'alb:hour');
    expect(albHours).toHaveLength(2);
    const terraform = generateIac(rec, 'terraform', { candidate: 'ecs-fargate' }).files.map(
      (f) => f.contents,
    );
    expect(terraform.join('\n').match(/^resource "aws_lb" /gm)).toHaveLength(2);
    const cfn = generateIac(rec, 'cloudformation', { candidate: 'ecs-fargate' }).files[0]!.contents;
    expect(cfn.match(/Type: AWS::ElasticLoadBalancingV2::LoadBalancer$/gm)).toHaveLength(2);
    expect(`${terraform.join('\n')}\n${cfn}`).not.toMatch(/Berth prices one shared ALB/);
  });

  it('prices an interruptible arm64 service on demand, complete, and writes no Fargate Spot for it', async () => {
    const rec = await advise(
      {
        services: [makeService({ name: 'thumbs', interruptible: true, architecture: 'arm64', replicas: 2 })],
      },
      { fleetSolver: heuristicFleetSolver },
    );
    const candidate = rec.candidates.find((c) => c.id === 'ecs-fargate')!;
    const ids = candidate.cost!.lineItems.map((l) => l.priceId);
    expect(ids).toContain('fargate:arm64:linux:vcpu');
    expect(ids.filter((id) => id?.startsWith('fargate-spot:'))).toEqual([]);
    expect(candidate.cost!.lineItems.filter((l) => l.missing)).toEqual([]);
    expect(rec.warnings.map((w) => w.ruleId)).toContain('fargate-spot-not-arm64');
    // Not also told it runs on Fargate Spot (a fresh-clone trial found both warnings side by side).
    expect(rec.warnings.map((w) => w.ruleId)).not.toContain('fargate-spot-on-ecs-only');
    const tf = generateIac(rec, 'terraform', { candidate: 'ecs-fargate' })
      .files.map((f) => f.contents)
      .join('\n');
    expect(tf).not.toContain('FARGATE_SPOT');
    expect(tf).toContain('cpu_architecture        = "ARM64"');
  });

  it("writes the Spot base task that was priced into the service's capacity provider strategy", async () => {
    const rec = await advise(
      { services: [makeService({ name: 'web', interruptible: true, replicas: 4 })] },
      { fleetSolver: heuristicFleetSolver },
    );
    const candidate = rec.candidates.find((c) => c.id === 'ecs-fargate')!;
    const onDemand = candidate.cost!.lineItems.filter((l) =>
      l.description.includes('(base task, on demand)'),
    );
    expect(onDemand).toHaveLength(2);
    const tf = generateIac(rec, 'terraform', { candidate: 'ecs-fargate' })
      .files.map((f) => f.contents)
      .join('\n');
    expect(tf).toMatch(/capacity_provider = "FARGATE"\n\s+base\s+= 1\n\s+weight\s+= 0/);
  });
});
