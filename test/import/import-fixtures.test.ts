import { describe, expect, it } from 'vitest';
import { importWorkload } from '../../src/import/import-workload.js';
import { readImportFixture } from './fixtures.js';

describe('importWorkload: the Kubernetes shop (examples/import/kubernetes/shop.yaml)', () => {
  const result = importWorkload(readImportFixture('kubernetes/shop.yaml'));
  const byName = Object.fromEntries(result.workload.services.map((s) => [s.name, s]));

  it('finds the fourteen workloads and sizes each pod as the scheduler does', () => {
    expect(result.format).toBe('kubernetes');
    const sizes = result.workload.services.map((s) => [s.name, s.cpu, s.memory, s.replicas]);
    expect(sizes).toEqual([
      ['frontend', 0.25, '256 MiB', 3],
      // 500m + the envoy sidecar's 100m; wait-for-config (50m, listed before envoy) runs alone, so less.
      ['api-gateway', 0.6, '640 MiB', { min: 3, max: 12 }],
      ['catalog', 0.2, '384 MiB', 2],
      ['cart', 0.1, '128 MiB', 2],
      // Limits only: Kubernetes copies them into the requests.
      ['checkout', 0.5, '512 MiB', 2],
      ['payments', 0.25, '512 MiB', 2],
      // The migrate init container asks 1 CPU, more than the app's 500m; memory is the app's 1 GiB.
      ['orders', 1, '1024 MiB', 3],
      ['users', 0.15, '256 MiB', 2],
      ['search', 1, '2048 MiB', 2],
      ['notifications', 0.5, '1024 MiB', 1],
      ['recommendations', 2, '8192 MiB', 1],
      ['orders-db', 1, '2048 MiB', 1],
      ['log-agent', 0.1, '128 MiB', undefined],
      ['nightly-report', 1, '2048 MiB', 1],
    ]);
    expect(result.defaulted).toEqual(['notifications']);
  });

  it('reads architecture, GPUs, volumes, daemons, schedules and exposure', () => {
    expect(byName.catalog?.architecture).toBe('arm64');
    expect(byName.payments?.architecture).toBe('any');
    expect(byName.frontend?.architecture).toBe('x86_64');
    expect(byName.recommendations?.gpus).toEqual({ count: 1, model: 'NVIDIA A10G' });
    expect(byName['orders-db']?.needs).toEqual({ persistentVolume: { sizeGiB: 100, durable: true } });
    expect(byName['log-agent']?.needs).toEqual({ daemon: true });
    expect(byName['nightly-report']?.traffic).toEqual({
      pattern: 'batch',
      startHour: 2,
      durationHours: 1.5,
      daysPerWeek: 7,
    });
    expect(byName.frontend).toMatchObject({ exposure: 'public', port: 3000 });
    expect(byName['api-gateway']).toMatchObject({ exposure: 'public', port: 8080 });
    expect(byName.payments).toMatchObject({ exposure: 'internal', port: 8443 });
    expect(byName.cart?.exposure).toBeUndefined();
  });

  it('lists skipped kinds, warns of the database and asks to confirm the Kubernetes API', () => {
    expect(result.skipped).toEqual([
      'kubernetes/shop.yaml:2 Namespace shop: configuration, with nothing to run',
      'kubernetes/shop.yaml:7 ConfigMap shop-settings: configuration, with nothing to run',
      'kubernetes/shop.yaml:643 ServiceMonitor shop: not a kind Berth reads',
    ]);
    const warnings = result.notes.filter((n) => n.kind === 'warning');
    expect(warnings.map((w) => w.service)).toEqual(['orders-db']);
    expect(warnings[0]?.message).toContain('Amazon RDS for PostgreSQL');
    expect(result.workload.requirements).toEqual({ kubernetesApi: false });
    expect(result.sources['(workload)']?.['requirements.kubernetesApi']).toContain('--kubernetes-api yes');
    expect(
      importWorkload(readImportFixture('kubernetes/shop.yaml'), { kubernetesApi: true }).workload
        .requirements,
    ).toEqual({ kubernetesApi: true });
  });

  it('says where each value came from', () => {
    expect(result.sources['api-gateway']?.replicas).toBe(
      'kubernetes/shop.yaml:490 spec HorizontalPodAutoscaler api-gateway: minReplicas 3, maxReplicas 12',
    );
    expect(result.sources.checkout?.cpu).toMatch(
      /^kubernetes\/shop\.yaml:178 spec\.template\.spec\.containers/,
    );
    expect(result.sources.notifications?.cpu).toBe(
      "Berth's default (override with --default-cpu): the input gives no CPU",
    );
  });
});

describe('importWorkload: the bookshop compose stack', () => {
  const result = importWorkload(readImportFixture('compose/compose.yaml'));

  it('gives every service the stated defaults and keeps what the file says', () => {
    expect(result.workload.name).toBe('bookshop');
    expect(result.workload.services).toEqual([
      {
        name: 'web',
        image: 'ghcr.io/example-bookshop/web:1.4.2',
        cpu: 0.5,
        memory: '1024 MiB',
        architecture: 'x86_64',
        port: 8080,
        exposure: 'public',
      },
      {
        name: 'worker',
        image: 'ghcr.io/example-bookshop/worker:1.4.2',
        cpu: 0.5,
        memory: '1024 MiB',
        replicas: 2,
        architecture: 'arm64',
      },
      {
        name: 'db',
        image: 'postgres:16-alpine',
        cpu: 0.5,
        memory: '1024 MiB',
        architecture: 'x86_64',
        needs: { persistentVolume: { sizeGiB: 20, durable: true } },
      },
      {
        name: 'cache',
        image: 'redis:7-alpine',
        cpu: 0.5,
        memory: '1024 MiB',
        architecture: 'x86_64',
        port: 6379,
      },
    ]);
    expect(result.defaulted).toEqual(['web', 'worker', 'db', 'cache']);
    expect(result.healthchecks.web).toEqual({
      command: ['CMD', 'curl', '-f', 'http://localhost:8080/healthz'],
      intervalSeconds: 30,
      timeoutSeconds: 5,
      retries: 3,
      startPeriodSeconds: 60,
    });
  });

  it('warns that db and cache are a database and a cache', () => {
    const warned = result.notes
      .filter((n) => n.kind === 'warning')
      .map((n) => [n.service, n.message.split(':')[0]]);
    expect(warned).toEqual([
      ['db', 'looks like a PostgreSQL database (its image is postgres)'],
      ['cache', 'looks like a Redis store (its image is redis)'],
    ]);
  });

  it('takes defaults from flags or an overrides file, and fields per service from the file', () => {
    const flags = importWorkload(readImportFixture('compose/compose.yaml'), {
      defaultCpu: '250m',
      defaultMemory: '2 GiB',
      defaultVolumeGiB: 50,
    });
    expect(flags.workload.services[2]).toMatchObject({
      cpu: '250m',
      memory: '2 GiB',
      needs: { persistentVolume: { sizeGiB: 50 } },
    });
    const file = importWorkload(readImportFixture('compose/compose.yaml'), {
      overrides: {
        name: 'overrides.yaml',
        text: 'defaults:\n  cpu: 1\nregion: eu-west-1\nservices:\n  web:\n    replicas: { min: 2, max: 6 }\n',
      },
    });
    expect(file.workload.region).toBe('eu-west-1');
    expect(file.workload.services[0]).toMatchObject({ cpu: 1, replicas: { min: 2, max: 6 } });
    expect(file.sources.web?.replicas).toBe('overrides.yaml:6 services.web.replicas');
    expect(file.sources.web?.cpu).toBe('default from overrides.yaml:2 defaults.cpu: the input gives no CPU');
  });
});

describe('importWorkload: Compose GPUs', () => {
  // The Compose Specification's service-level gpus is a device request with the gpu capability implied
  // (a list of requests, or "all"); each request adds its devices to those of deploy.resources.reservations.devices.
  it('reads the service-level gpus key as well as device reservations, and says only what it left out', () => {
    const text = [
      'services:',
      '  model:',
      '    image: vllm/vllm-openai:v0.6.0',
      '    cpus: 4',
      '    mem_limit: 16g',
      '    gpus: all', // 6
      '  trainer:',
      '    image: example/trainer:1',
      '    cpus: 8',
      '    mem_limit: 32g',
      '    gpus:',
      '      - { driver: nvidia, count: 2 }', // 12
      '      - { device_ids: ["GPU-0"] }',
      '      - { count: "2" }',
      '      - { count: -1 }',
      '    deploy:',
      '      resources:',
      '        reservations:',
      '          devices: [{ capabilities: [gpu], count: 1 }]', // 19
      '    environment: { EPOCHS: "3" }',
    ].join('\n');
    const result = importWorkload([{ name: 'compose.yaml', text }]);
    expect(result.workload.services.map((s) => [s.name, s.gpus])).toEqual([
      ['model', 1],
      ['trainer', 7],
    ]);
    expect(result.sources.trainer?.gpus).toBe(
      'compose.yaml:19 services.trainer.deploy.resources.reservations.devices and compose.yaml:12 services.trainer.gpus',
    );
    expect(result.notes.filter((n) => n.kind !== 'warning').map((n) => [n.service, n.message])).toEqual([
      [undefined, 'environment is not part of a placement decision and is not carried over'],
      ['model', 'gpus "all" read as 1 GPU'],
      ['trainer', 'GPU count "-1" read as 1 GPU'],
    ]);
  });
});

describe('importWorkload: Compose keys that are not carried over', () => {
  it('names every key the import does not read, once, and leaves out extensions and keys with their own note', () => {
    const text = [
      'services:',
      '  api:',
      '    image: shop/api:1.4',
      '    entrypoint: ["/bin/api"]',
      '    env_file: api.env',
      '    logging: { driver: json-file }',
      '    restart: always',
      '    cap_add: [NET_ADMIN]',
      '    x-team: payments',
      '  worker:',
      '    image: shop/worker:1.4',
      '    environment: { QUEUE: orders }',
      '    restart: on-failure',
    ].join('\n');
    const result = importWorkload([{ name: 'compose.yaml', text }]);
    expect(result.notes.filter((n) => n.kind === 'unsupported').map((n) => [n.service, n.message])).toEqual([
      [
        undefined,
        'entrypoint, env_file, environment, logging and restart are not part of a placement decision and are not carried over',
      ],
      [
        'api',
        'cap_add (added Linux capabilities: Fargate allows only SYS_PTRACE) has no field in a Berth workload',
      ],
    ]);
  });
});

describe('importWorkload: ECS describe-task-definition and describe-services output', () => {
  const result = importWorkload(readImportFixture('ecs/task-definition.json', 'ecs/services.json'));

  it('reads the GPU task as the service runs it', () => {
    expect(result.workload.services).toEqual([
      {
        name: 'image-inference',
        image: '111122223333.dkr.ecr.us-east-1.amazonaws.com/image-inference:2024.06',
        // Task-level cpu "4096" units and memory "16384" MiB win over the containers' sum.
        cpu: 4,
        memory: '16384 MiB',
        replicas: 2,
        architecture: 'x86_64',
        gpus: { count: 1, model: 'NVIDIA' },
        port: 8000,
        exposure: 'public',
      },
    ]);
    const said = result.notes.map((n) => n.message);
    expect(said.some((m) => m.startsWith('linuxParameters: sharedMemorySize'))).toBe(true);
    expect(said.some((m) => m.startsWith('requiresCompatibilities EC2'))).toBe(true);
  });

  it('reads a task definition alone as one task, and a DAEMON service as a per-node agent', () => {
    const alone = importWorkload(readImportFixture('ecs/task-definition.json'));
    expect(alone.workload.services[0]).toMatchObject({ name: 'image-inference', replicas: 1 });
    const daemon = importWorkload([
      ...readImportFixture('ecs/task-definition.json'),
      {
        name: 'daemon.json',
        text: '{"services":[{"serviceName":"agent","taskDefinition":"image-inference:7","schedulingStrategy":"DAEMON","capacityProviderStrategy":[{"capacityProvider":"FARGATE_SPOT","weight":1}]}]}',
      },
    ]);
    expect(daemon.workload.services[0]).toMatchObject({
      name: 'agent',
      needs: { daemon: true },
      interruptible: true,
    });
  });
});

describe('importWorkload: the Copilot worker service', () => {
  it('reads cpu units, memory, the count range with spot and the platform', () => {
    const result = importWorkload(readImportFixture('copilot/manifest.yml'));
    expect(result.workload.services).toEqual([
      {
        name: 'thumbnailer',
        cpu: 1,
        memory: '2048 MiB',
        replicas: { min: 1, max: 8 },
        architecture: 'arm64',
        interruptible: true,
      },
    ]);
    expect(result.notes.map((n) => n.message.split(' ')[0])).toContain('exec');
  });
});
