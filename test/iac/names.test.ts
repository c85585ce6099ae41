/**
 * Names AWS accepts (docs/starter-code.md#names-aws-accepts): shortened names stay distinct, IAM role names
 * fit 64 characters, and no security group name begins with `sg-`. A fresh-clone trial found target groups
 * of two services sharing one name, roles over 64 characters and `sg-` group names, all refused by AWS.
 */
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { generateIac } from '../../src/iac/generate.js';
import {
  fitAwsName,
  toAwsName,
  toDnsLabel,
  toLoadBalancerName,
  toSecurityGroupName,
} from '../../src/iac/names.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import type { WorkloadInput } from '../../src/workload/schema.js';
import { parseTemplate } from './helpers/cloudformation-check.js';
import { parseTerraform } from './helpers/terraform-check.js';
import { dummyInputs, terraformUnavailable, validateWithTerraform } from './helpers/terraform-cli.js';

describe('toAwsName', () => {
  it('leaves a name within the limit as it is', () => {
    expect(toAwsName(['web150', 'public-2'], 32)).toBe('web150-public-2');
    expect(toAwsName(['Shop', 'Web API'], 32)).toBe('shop-web-api');
  });

  it('keeps two names that differ only past the limit apart, by a hash of the whole name', () => {
    // FNV-1a (32-bit) of the joined names, computed independently in Python:
    // 's-checkout-payments-reconciliation-job-a' → 36a34c93, '...-b' → 37a34e26.
    const a = toAwsName(['s', 'checkout-payments-reconciliation-job-a'], 32);
    const b = toAwsName(['s', 'checkout-payments-reconciliation-job-b'], 32);
    expect(a).toBe('s-checkout-payments-rec-36a34c93');
    expect(b).toBe('s-checkout-payments-rec-37a34e26');
    expect(a.length).toBeLessThanOrEqual(32);
  });

  it('keeps the head and the tail of a long workload name with a short service name', () => {
    expect(toAwsName(['my-very-long-workload-name-here', 'web'], 32)).toBe(
      'my-very-long-worklo-web-60c165a9',
    );
  });
});

describe('fitAwsName and toSecurityGroupName', () => {
  it('shortens a role name to 64 characters, distinct for distinct names', () => {
    const one = fitAwsName(`${'a'.repeat(70)}-one-task`, 64);
    const two = fitAwsName(`${'a'.repeat(70)}-two-task`, 64);
    expect(one).toHaveLength(64);
    expect(two).toHaveLength(64);
    expect(one).not.toBe(two);
    expect(fitAwsName('shop-web-task', 64)).toBe('shop-web-task');
  });

  it('never begins a load balancer name with internal-, and keeps Kubernetes names within 63', () => {
    expect(toLoadBalancerName(['internal-tools', 'public'])).toBe('lb-internal-tools-public');
    expect(toLoadBalancerName(['tools', 'internal'])).toBe('tools-internal');
    expect(toDnsLabel(['shop'])).toBe('shop');
    expect(toDnsLabel([`shop-${'x'.repeat(70)}`])).toMatch(/^shop-x+-[0-9a-f]{8}$/);
    expect(toDnsLabel([`shop-${'x'.repeat(70)}`]).length).toBeLessThanOrEqual(63);
  });

  it('never begins a security group name with sg-', () => {
    expect(toSecurityGroupName(['sg-shop', 'web'])).toBe('g-sg-shop-web');
    expect(toSecurityGroupName(['shop', 'web'])).toBe('shop-web');
  });
});

describe('the Terraform of workloads whose names AWS used to refuse', async () => {
  const serviceNames = ['checkout-payments-reconciliation-job-a', 'checkout-payments-reconciliation-job-b'];
  const workload = (name: string): WorkloadInput =>
    ({
      name,
      services: serviceNames.map((s) => ({
        name: s,
        cpu: 0.25,
        memory: '512 MiB',
        replicas: 2,
        exposure: 'public',
      })),
    }) as WorkloadInput;
  const stacks = await Promise.all(
    ['sg-shop', `shop-${'x'.repeat(70)}`].map(async (name) => {
      const rec = await advise(workload(name), { fleetSolver: heuristicFleetSolver });
      const files = generateIac(rec, 'terraform', { candidate: 'ecs-fargate' }).files;
      return { name, files, parsed: await parseTerraform(files) };
    }),
  );
  const named = (parsed: Map<string, unknown>, type: string): string[] =>
    [...parsed.values()].flatMap((doc) =>
      Object.values(
        (doc as { resource?: Record<string, Record<string, [{ name: string }]>> }).resource?.[type] ?? {},
      ).map(([r]) => r.name),
    );

  it.each(stacks.map((s) => [s.name.slice(0, 12), s] as const))(
    '%s…: distinct target groups within 32, roles within 64, no group named sg-',
    (_name, { parsed }) => {
      const groups = named(parsed, 'aws_lb_target_group');
      expect(groups).toHaveLength(2);
      expect(new Set(groups).size).toBe(2);
      for (const g of groups) expect(g.length).toBeLessThanOrEqual(32);
      const roles = named(parsed, 'aws_iam_role');
      expect(roles.length).toBeGreaterThanOrEqual(3);
      for (const r of roles) expect(r.length).toBeLessThanOrEqual(64);
      const securityGroups = named(parsed, 'aws_security_group');
      expect(securityGroups.length).toBeGreaterThanOrEqual(4);
      for (const g of securityGroups) expect(g.startsWith('sg-')).toBe(false);
    },
  );

  it('passes terraform validate', async (ctx) => {
    const why = await terraformUnavailable();
    if (why !== null) {
      console.warn(`\n*** SKIPPED terraform validate of the long- and sg-named stacks: ${why}. ***\n`);
      ctx.skip();
    }
    const verdict = await validateWithTerraform(
      stacks.map((s) => ({
        name: s.name.slice(0, 12),
        files: s.files.filter((f) => !f.path.includes('/')),
        inputs: dummyInputs(s.parsed),
      })),
    );
    expect(verdict.diagnostics).toEqual([]);
    expect(verdict.valid).toBe(true);
  }, 300_000);
});

describe('names built from a long workload name', async () => {
  const long = `shop-${'x'.repeat(70)}`;
  const rec = await advise(
    {
      name: long,
      traffic: { pattern: 'batch', startHour: 1, durationHours: 3 },
      services: [{ name: 'checkout-payments-reconciliation-nightly', cpu: 1, memory: '2 GiB', replicas: 25 }],
    } as WorkloadInput,
    { fleetSolver: heuristicFleetSolver },
  );
  const queue = await advise(
    {
      name: 'shop-a',
      services: [{ name: 'worker', cpu: 0.5, memory: '954 MiB', replicas: { min: 0, max: 50 } }],
    } as WorkloadInput,
    { fleetSolver: heuristicFleetSolver },
  );

  it('keeps every EventBridge schedule name within 64 (25 tasks: three schedules)', async () => {
    const parsed = await parseTerraform(generateIac(rec, 'terraform', { candidate: 'ecs-fargate' }).files);
    const schedules = [...parsed.values()].flatMap((doc) =>
      Object.values(
        (doc as { resource?: Record<string, Record<string, [{ name: string }]>> }).resource
          ?.aws_scheduler_schedule ?? {},
      ).map(([r]) => r.name),
    );
    expect(schedules).toHaveLength(3);
    expect(new Set(schedules).size).toBe(3);
    for (const name of schedules) expect(name.length).toBeLessThanOrEqual(64);
    const [file] = generateIac(rec, 'cloudformation', { candidate: 'ecs-fargate' }).files;
    const names = Object.values(parseTemplate(file?.contents ?? '').Resources)
      .filter((r) => r.Type === 'AWS::Scheduler::Schedule')
      .map((r) => String(r.Properties.Name));
    expect(names).toHaveLength(3);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(64);
  });

  it('names the queue alarms after the workload too: alarm names are unique per account and Region', () => {
    const files = generateIac(queue, 'terraform', { candidate: 'ecs-fargate' }).files;
    const alarms = files.flatMap((f) =>
      [...f.contents.matchAll(/alarm_name\s+= "([^"]+)"/g)].map((m) => m[1]),
    );
    expect(alarms).toEqual(['shop-a-worker-backlog', 'shop-a-worker-queue-empty']);
  });

  it('keeps the Kubernetes namespace and part-of label within 63', () => {
    const files = generateIac(rec, 'kubernetes', { candidate: 'eks-fargate' }).files;
    const namespaces = files.flatMap((f) =>
      [...f.contents.matchAll(/namespace: (\S+)/g)].map((m) => m[1] ?? ''),
    );
    expect(namespaces.length).toBeGreaterThan(0);
    for (const ns of namespaces) expect(ns.length).toBeLessThanOrEqual(63);
    const partOf = files.flatMap((f) =>
      [...f.contents.matchAll(/app\.kubernetes\.io\/part-of: (\S+)/g)].map((m) => m[1] ?? ''),
    );
    expect(partOf.length).toBeGreaterThan(0);
    for (const value of partOf) expect(value.length).toBeLessThanOrEqual(63);
  });
});
