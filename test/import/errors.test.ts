import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../src/errors.js';
import { importWorkload } from '../../src/import/import-workload.js';
import type { ImportFile } from '../../src/import/types.js';

function problemsOf(files: ImportFile[], options = {}): { code: string; lines: string[] } {
  try {
    importWorkload(files, options);
  } catch (error) {
    if (!isBerthError(error)) throw error;
    return { code: error.code, lines: error.issues.map((i) => `${i.path}: ${i.message}`) };
  }
  throw new Error('expected the import to fail');
}

describe('importWorkload errors: {file}:{line}: {what}: {why}, all at once', () => {
  it("reports an ECS task definition's wrong-typed values, and the other files' problems beside an unreadable one", () => {
    const bad = JSON.stringify({
      taskDefinition: {
        family: 'bad',
        containerDefinitions: [
          {
            name: 'a',
            image: 5,
            cpu: 'abc',
            memory: 512,
            resourceRequirements: [{ type: 'GPU', value: 'two' }],
          },
        ],
      },
    });
    expect(
      problemsOf([
        { name: 'task.json', text: bad },
        { name: 'broken.json', text: '{ "taskDefinition": ' },
      ]).lines,
    ).toEqual([
      expect.stringMatching(/^broken\.json:1: not readable as YAML or JSON/),
      'task.json:1: taskDefinition.containerDefinitions[0].cpu: expected a number, got "abc"',
      'task.json:1: taskDefinition.containerDefinitions[0].resourceRequirements[0].value: expected a number, got "two"',
      'task.json:1: taskDefinition.containerDefinitions[0].image: expected an image name (a string)',
    ]);
  });

  it('reports every bad value of a manifest in one error', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: api }',
      'spec:',
      '  replicas: three',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          resources:',
      '            requests: { cpu: lots, memory: 1Gi }',
      '---',
      'just: a map',
    ].join('\n');
    expect(problemsOf([{ name: 'k8s.yaml', text }], { from: 'kubernetes' })).toEqual({
      code: 'INVALID_WORKLOAD',
      lines: [
        'k8s.yaml:5: spec.replicas: expected a number, got "three"',
        'k8s.yaml:11: spec.template.spec.containers[0].resources.requests.cpu: expected a Kubernetes quantity such as "250m" or "512Mi", got "lots"',
        'k8s.yaml:13: (document): not a Kubernetes object: expected apiVersion and kind',
      ],
    });
  });

  it('refuses extends and include outside the given files, and never fetches', () => {
    const text = [
      'include:',
      '  - https://example.com/base.yaml',
      '  - ./other.yaml',
      'services:',
      '  web:',
      '    extends: { file: common.yaml, service: base }',
      '    image: nginx',
    ].join('\n');
    expect(problemsOf([{ name: 'compose.yaml', text }]).lines).toEqual([
      'compose.yaml:2: include[0]: "https://example.com/base.yaml" is remote: Berth fetches nothing, pass the file itself',
      'compose.yaml:3: include[1]: "./other.yaml" is not among the files given: Berth reads no other file',
      'compose.yaml:6: services.web.extends: extends "common.yaml", which is not among the files given: Berth reads no other file',
    ]);
  });

  it('follows extends into a file that is given', () => {
    const base = {
      name: 'common.yaml',
      text: 'services:\n  base:\n    image: nginx\n    deploy: { resources: { limits: { cpus: "2", memory: 3g } } }\n',
    };
    const app = {
      name: 'compose.yaml',
      text: 'services:\n  web:\n    extends: { file: common.yaml, service: base }\n    ports: ["8080:80"]\n',
    };
    const result = importWorkload([app, base]);
    expect(result.workload.services.find((s) => s.name === 'web')).toMatchObject({
      image: 'nginx',
      cpu: 2,
      memory: '3072 MiB',
      port: 80,
    });
  });

  it('says which line of YAML is broken, for every file', () => {
    const lines = problemsOf([
      { name: 'a.yaml', text: 'services:\n  web: [\n' },
      { name: 'b.yaml', text: 'services:\n  web: {}\n  web: {}\n' },
    ]);
    expect(lines.code).toBe('INPUT_UNREADABLE');
    expect(lines.lines.map((l) => l.split(': ')[0])).toEqual(['a.yaml:3', 'b.yaml:3']);
  });

  it('refuses mixed formats and a Berth workload', () => {
    expect(
      problemsOf([
        { name: 'compose.yaml', text: 'services:\n  web: { image: nginx }\n' },
        { name: 'task.json', text: '{"family":"x","containerDefinitions":[]}' },
        { name: 'berth.yaml', text: 'services:\n  - { name: web, cpu: 1, memory: 512 }\n' },
      ]).lines,
    ).toEqual([
      'task.json:1: a ecs file: the other files are compose: import one format at a time',
      'berth.yaml:1: already a Berth workload: give it to berth recommend as it is; import reads Compose, Kubernetes, ECS and Copilot files',
    ]);
  });

  // The compose-spec schema (docs/import.md#compose-keys) lists every key a service, its deploy and
  // deploy.resources may hold; the keys below are checked against it by hand: mem_limt is mem_limit less an
  // i, replica is replicas less an s, cpu_limit and gpu are in no list; x- keys are extensions.
  it('refuses a Compose key the Compose Specification does not have, and names the nearest one', () => {
    const text = [
      'x-owner: shop', // 1
      'services:',
      '  web:',
      '    image: nginx',
      '    mem_limt: 4g', // 5
      '    x-team: web',
      '    deploy:',
      '      replica: 3', // 8
      '      resources:',
      '        limits: { cpu_limit: 2, memory: 1g, x-note: hi }', // 10
      '        reservations: { gpu: 1 }', // 11
      '        x-note: kept',
    ].join('\n');
    expect(problemsOf([{ name: 'compose.yaml', text }]).lines).toEqual([
      'compose.yaml:5: services.web.mem_limt: unknown Compose key "mem_limt": not a service attribute in the Compose Specification (did you mean mem_limit?); extension keys start with x-',
      'compose.yaml:8: services.web.deploy.replica: unknown Compose key "replica": not a deploy attribute in the Compose Specification (did you mean replicas?); extension keys start with x-',
      'compose.yaml:10: services.web.deploy.resources.limits.cpu_limit: unknown Compose key "cpu_limit": not a resource limit in the Compose Specification; extension keys start with x-',
      'compose.yaml:11: services.web.deploy.resources.reservations.gpu: unknown Compose key "gpu": not a resource reservation in the Compose Specification; extension keys start with x-',
    ]);
  });

  it('names the option a bad default came from', () => {
    const text = 'services:\n  web:\n    image: nginx\n';
    expect(
      problemsOf([{ name: 'compose.yaml', text }], {
        defaultCpu: 'abc',
        defaultMemory: '2G',
        defaultVolumeGiB: 0,
      }).lines,
    ).toEqual([
      '(options): defaultCpu: expected vCPU as a number (0.5), millicores ("500m") or "2 vCPU", got "abc"',
      '(options): defaultMemory: expected memory such as "512 MiB", "1.5 GiB" or 2048 (MiB), got "2G": G alone is not a unit here; write GiB (binary) or GB (SI)',
      '(options): defaultVolumeGiB: expected a positive number of GiB, got 0',
    ]);
  });

  it('refuses a service-level gpus that is neither "all" nor a list of device requests', () => {
    const text =
      'services:\n  a:\n    image: x\n    gpus: 2\n  b:\n    image: y\n    gpus: [1]\n  c:\n    image: z\n    gpus: [{ count: -2 }, { count: 1.5 }]\n';
    expect(problemsOf([{ name: 'compose.yaml', text }]).lines).toEqual([
      'compose.yaml:4: services.a.gpus: expected "all" or a list of device requests, got 2',
      'compose.yaml:7: services.b.gpus[0]: expected a device request (a map such as { count: 1 }), got 1',
      'compose.yaml:10: services.c.gpus[0].count: expected a whole number of devices or "all", got -2',
      'compose.yaml:10: services.c.gpus[1].count: expected a whole number of devices or "all", got 1.5',
    ]);
  });

  it('refuses Berth fields in a Compose service when the format is named', () => {
    const text = 'name: shop\nservices:\n  web:\n    cpu: 2\n    memory: 4 GiB\n    replicas: 3\n';
    expect(problemsOf([{ name: 'compose.yaml', text }], { from: 'compose' }).lines).toEqual([
      'compose.yaml:4: services.web.cpu: unknown Compose key "cpu": not a service attribute in the Compose Specification (did you mean cpus?); extension keys start with x-',
      'compose.yaml:5: services.web.memory: unknown Compose key "memory": not a service attribute in the Compose Specification; extension keys start with x-',
      'compose.yaml:6: services.web.replicas: unknown Compose key "replicas": not a service attribute in the Compose Specification; extension keys start with x-',
    ]);
  });

  it('says a map of services in Berth fields is a Berth workload written as a map', () => {
    // The new-user trial's file: before, it imported as Compose at 0.5 vCPU, 1 GiB, 1 replica.
    const text =
      'name: shop\nservices:\n  web:\n    cpu: 2\n    memory: 4 GiB\n    replicas: 3\n    exposure: public\n';
    expect(problemsOf([{ name: 'm.yaml', text }]).lines).toEqual([
      "m.yaml:3: services: a map of services written in Berth's fields (cpu, memory, replicas, exposure), not Compose's: a Berth workload lists its services (services: [{ name: web, cpu: 2, memory: 4 GiB }]) and goes to berth recommend as it is; a Compose service is sized by cpus, mem_limit or deploy.resources",
    ]);
  });

  it('reads YAML merge keys as Compose does: a service takes the keys of the anchor it merges', () => {
    const text = [
      'x-defaults: &defaults',
      '  image: nginx',
      '  deploy: { replicas: 2, resources: { limits: { cpus: "1.5" } } }',
      'services:',
      '  web:',
      '    <<: *defaults',
      '    mem_limit: 3g',
      '  api:',
      '    <<: *defaults',
      '    image: api:1', // a key written beside the merge wins over the merged one
    ].join('\n');
    const { workload } = importWorkload([{ name: 'compose.yaml', text }]);
    // 3g = 3 × 1024 MiB = 3072 MiB; replicas and cpus come from the anchor.
    expect(workload.services.map((s) => [s.name, s.image, s.cpu, s.memory, s.replicas])).toEqual([
      ['web', 'nginx', 1.5, '3072 MiB', 2],
      ['api', 'api:1', 1.5, '1024 MiB', 2],
    ]);
  });

  it("places a refused ephemeral-storage at the line of the value, the largest container's when several ask", () => {
    const text = [
      'apiVersion: apps/v1', // 1
      'kind: Deployment',
      'metadata: { name: api }',
      'spec:',
      '  template:', // 5
      '    spec:',
      '      containers:',
      '        - name: api',
      '          resources:',
      '            requests: { cpu: 1, memory: 1Gi, ephemeral-storage: 20Gi }', // 10
      '        - name: cache',
      '          resources:',
      '            limits:',
      '              memory: 1Gi',
      '              ephemeral-storage: 20000Gi', // 15
    ].join('\n');
    // 20 + 20000 GiB in all: the largest value, 20000Gi, is on line 15 (it was reported at line 1).
    expect(problemsOf([{ name: 'k8s.yaml', text }]).lines).toEqual([
      "k8s.yaml:15: services[0].needs.ephemeralStorageGiB: expected at most 14672 GiB, got 20020: one task's ephemeral storage must fit one EC2 node's root volume beside the operating system and the kubelet's reserve, and an EBS volume holds at most 16,384 GiB",
    ]);
  });

  it('places a refused Compose project name at its line', () => {
    const text = `# the shop\nname: "${'x'.repeat(81)}"\nservices:\n  web:\n    image: nginx\n`;
    // The name is on line 2 (it was reported at "(import)").
    expect(problemsOf([{ name: 'compose.yaml', text }]).lines).toEqual([
      'compose.yaml:2: name: Too big: expected string to have <=80 characters',
    ]);
  });

  it('places a workload-schema problem at the input line the value came from', () => {
    const text = 'name: big\ntype: Backend Service\ncpu: 4096\nmemory: 99999999\n';
    // Copilot's memory is MiB: the workload gets it with its unit, and the message quotes it so.
    expect(problemsOf([{ name: 'manifest.yml', text }]).lines).toEqual([
      'manifest.yml:4: services[0].memory: invalid memory: at most 33554432 MiB, the largest EC2 instance type (src/workload/limits.ts), got "99999999 MiB"',
    ]);
  });
});
