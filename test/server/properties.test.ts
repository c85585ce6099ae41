import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectContract } from './contract.js';
import { expectTotalsAddUp, postJson, SMALL_WORKLOAD, testApp } from './helpers.js';

const app = testApp();

/** Bodies a careless or hostile client sends: any JSON, envelopes of anything, valid workloads broken in one place. */
const hostileBody = fc.oneof(
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.record({ workload: fc.jsonValue(), options: fc.jsonValue() }).map((v) => JSON.stringify(v)),
  fc
    .tuple(
      fc.constantFrom('name', 'region', 'services', 'traffic', 'team', 'network', 'requirements'),
      fc.jsonValue(),
    )
    .map(([key, value]) => JSON.stringify({ ...SMALL_WORKLOAD, [key]: value })),
  fc
    .tuple(
      fc.constantFrom('cpu', 'memory', 'replicas', 'traffic', 'gpus', 'needs', 'architecture'),
      fc.jsonValue(),
    )
    .map(([key, value]) => JSON.stringify({ services: [{ ...SMALL_WORKLOAD.services[0], [key]: value }] })),
  fc.string({ maxLength: 200 }),
  // YAML that trips parsers: dangling aliases, custom tags, alias bombs, deep nesting.
  fc.constantFrom(
    '*a',
    '&a [*a]',
    '!!js/function "return 1"',
    '!!binary ???',
    'a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
    'services: !!set {web}',
  ),
);

const trafficArb = fc.oneof(
  fc.constant({ pattern: 'steady' as const }),
  fc.record({ pattern: fc.constant('diurnal' as const), weekendPeak: fc.boolean() }),
  fc.record({ pattern: fc.constant('spiky' as const), spikesPerDay: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ pattern: fc.constant('batch' as const), durationHours: fc.integer({ min: 1, max: 8 }) }),
);

const serviceArb = fc.record({
  cpu: fc.constantFrom(0.25, 0.5, 1, 2, 4, '500m', '2 vCPU'),
  memory: fc.constantFrom(512, '1 GiB', '2048 MiB', '4Gi', '8 GiB'),
  replicas: fc.oneof(
    fc.integer({ min: 1, max: 10 }),
    fc
      .integer({ min: 0, max: 3 })
      .chain((min) =>
        fc.record({ min: fc.constant(min), max: fc.integer({ min: Math.max(1, min), max: 12 }) }),
      ),
  ),
  architecture: fc.constantFrom('any', 'x86_64', 'arm64'),
  exposure: fc.constantFrom('public', 'internal', 'none'),
  interruptible: fc.boolean(),
  traffic: fc.option(trafficArb, { nil: undefined }),
});

const workloadArb = fc.record({
  region: fc.constantFrom('us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-3'),
  services: fc
    .array(serviceArb, { minLength: 1, maxLength: 5 })
    .map((services) =>
      services.map((s, i) =>
        Object.fromEntries(Object.entries({ name: `svc-${i}`, ...s }).filter(([, v]) => v !== undefined)),
      ),
    ),
  traffic: trafficArb,
  team: fc.record({ kubernetesExperience: fc.constantFrom('none', 'some', 'expert') }),
  requirements: fc.record({
    spotTolerant: fc.boolean(),
    savingsPlans: fc.constantFrom('none', '1yr', '3yr'),
  }),
});

describe('properties of POST /recommend', () => {
  it('never answers a random body with a 5xx, and every answer matches the contract', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileBody,
        fc.constantFrom('application/json', 'application/yaml'),
        async (body, type) => {
          const response = await app.request(...postJson(body, '', { 'content-type': type }));
          expect(response.status).toBeLessThan(500);
          await expectContract('POST', '/recommend', response);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('answers every random valid workload with totals that are the exact sum of their line items', async () => {
    await fc.assert(
      fc.asyncProperty(workloadArb, async (workload) => {
        const response = await app.request(...postJson(workload));
        expect(response.status).toBe(200);
        const { body } = await expectContract('POST', '/recommend', response);
        expect(expectTotalsAddUp(body)).toBeGreaterThan(0);
      }),
      { numRuns: 25 },
    );
  });
});
