/**
 * What the ECS starter code launches equals what the recommendation priced: for every example (and a workload
 * of steady and nightly services, whose ECS on EC2 fleet keeps the steady services' nodes apart, and one of a
 * day-time service beside a nightly job, whose busiest hours differ) and every ECS candidate on EC2, the
 * generated Terraform and CloudFormation are parsed back, each Auto Scaling group is counted at its desired
 * and maximum size, and the counts per instance type are compared with the optimizer's fleet (its floor,
 * which runs every minute of the priced week, and its ceiling, the most any hour runs), and each service's
 * capacity provider weights with the optimizer's placement at that service's own busiest hour. What the
 * groups keep all week never exceeds the priced instance-minutes; managed scaling adds the rest, up to the
 * ceiling.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SPARE_HOSTS_PER_GROUP } from '../../src/iac/ecs-capacity-groups.js';
import type { Candidate } from '../../src/model/candidate.js';
import { MINUTES_PER_WEEK } from '../../src/workload/profile.js';
import { FIXTURES_DIR } from '../helpers/workloads.js';
import {
  cloudFormationAlbs,
  countByScheme,
  type LaunchedAlb,
  pricedAlbs,
  terraformAlbs,
} from './helpers/alb-count.js';
import { freeEngine, parseTemplate, validateTemplate } from './helpers/cloudformation-check.js';
import {
  cloudFormationLaunchGroups,
  countLaunched,
  type LaunchGroup,
  type TypeCounts,
  terraformLaunchGroups,
  toTypeCounts,
} from './helpers/fleet-count.js';
import { type GeneratedStack, generateAll, loadScenarios } from './helpers/scenarios.js';
import { checkTerraform, parseTerraform, schemaFor } from './helpers/terraform-check.js';

const STEADY_AND_NIGHTLY = 'steady-and-nightly';
const MIXED_OS_STEADY = 'mixed-os-steady';
const DIURNAL_AND_NIGHTLY = 'diurnal-and-nightly';
const TWENTY_SERVICES = 'twenty-services';
const scenarios = await loadScenarios(
  [STEADY_AND_NIGHTLY, MIXED_OS_STEADY, DIURNAL_AND_NIGHTLY, TWENTY_SERVICES].map((name) =>
    path.join(FIXTURES_DIR, `${name}.yaml`),
  ),
);
const onEc2 = (s: GeneratedStack) => s.candidate === 'ecs-ec2' || s.candidate === 'ecs-mixed';
// Counted per instance type: the mixed-OS workload, whose Linux and Windows nodes of one type are lines of
// their own, is counted per type and OS below ('steady services of two operating systems'), not here.
const stacks = scenarios
  .filter((scenario) => scenario.name !== MIXED_OS_STEADY)
  .flatMap((scenario) =>
    (['terraform', 'cloudformation'] as const).flatMap((target) =>
      generateAll(scenario, target)
        .filter(onEc2)
        .map((stack) => ({
          stack,
          candidate: scenario.rec.candidates.find((c) => c.id === stack.candidate) as Candidate,
        })),
    ),
  );

async function launchGroups(stack: GeneratedStack): Promise<LaunchGroup[]> {
  if (stack.output.target === 'terraform')
    return terraformLaunchGroups(await parseTerraform(stack.output.files));
  return cloudFormationLaunchGroups(parseTemplate(stack.output.files[0]?.contents ?? ''));
}

/**
 * Per type: the most nodes any hour of the priced week runs (fleet.ceiling), checked to be at least its
 * busiest-hour and median-hour count.
 */
function pricedCeiling(candidate: Candidate): TypeCounts {
  const fleet = candidate.cost?.fleet;
  const peak = toTypeCounts(fleet?.peak ?? []);
  const typical = toTypeCounts(fleet?.typical ?? []);
  const ceiling = toTypeCounts(fleet?.ceiling ?? []);
  for (const type of new Set([...Object.keys(peak), ...Object.keys(typical)]))
    expect(ceiling[type], type).toBeGreaterThanOrEqual(Math.max(peak[type] ?? 0, typical[type] ?? 0));
  return ceiling;
}

describe('ECS on EC2: what launches equals what was priced', () => {
  it('covers ecs-ec2 and ecs-mixed stacks of several examples, in both targets', () => {
    const covered = new Set(stacks.map((s) => `${s.stack.scenario} ${s.stack.candidate}`));
    expect(covered.size).toBeGreaterThanOrEqual(7);
    expect([...covered].some((c) => c.endsWith('ecs-mixed'))).toBe(true);
    expect(new Set(stacks.map((s) => s.stack.output.target))).toEqual(
      new Set(['terraform', 'cloudformation']),
    );
  });

  it.each(
    stacks.map((s) => [`${s.stack.scenario} ${s.stack.candidate} ${s.stack.output.target}`, s] as const),
  )(
    '%s keeps the priced floor all week, and launches at most the priced ceiling plus one spare host per group',
    async (_name, { stack, candidate }) => {
      const groups = await launchGroups(stack);
      const fleet = candidate.cost?.fleet;
      expect(fleet, 'the candidate has a priced fleet').toBeTruthy();
      // One instance type per group: nothing for the Auto Scaling group to choose.
      for (const g of groups) expect(g.instanceTypes, g.name).toHaveLength(1);
      const kept = countLaunched(groups, 'min');
      expect(countLaunched(groups, 'desired')).toEqual(kept);
      expect(kept).toEqual(toTypeCounts(fleet?.floor ?? []));
      const ceiling = pricedCeiling(candidate);
      // Kept all week ≤ priced instance-minutes ≤ the ceiling all week: managed scaling adds the difference.
      for (const { instanceType, minutes } of fleet?.instanceMinutesPerWeek ?? []) {
        expect((kept[instanceType] ?? 0) * MINUTES_PER_WEEK, instanceType).toBeLessThanOrEqual(minutes);
        expect(minutes, instanceType).toBeLessThanOrEqual((ceiling[instanceType] ?? 0) * MINUTES_PER_WEEK);
      }
      // One group per type, and a second for the steady services' nodes of a type (fleet.steady), but for the
      // nodes the header says no strategy names (they get no group).
      const steady = toTypeCounts(fleet?.steady ?? []);
      const unnamed = unnamedInHeader(stack);
      const withSpare = Object.fromEntries(
        Object.entries(ceiling)
          .map(([type, n]) => {
            const all =
              n + SPARE_HOSTS_PER_GROUP * (steady[type] === undefined || steady[type] === n ? 1 : 2);
            const left = unnamed[type] === undefined ? 0 : unnamed[type] + SPARE_HOSTS_PER_GROUP;
            return [type, all - left] as const;
          })
          .filter(([, n]) => n > 0),
      );
      // Nothing above that: every service's tasks were priced on its own pool (one architecture), so no pool
      // needs room for tasks priced elsewhere (docs/pricing.md#each-service-runs-on-one-architecture).
      expect(countLaunched(groups, 'max')).toEqual(withSpare);
    },
  );

  it.each(
    stacks
      .filter((s) => s.stack.output.target === 'terraform')
      .map((s) => [`${s.stack.scenario} ${s.stack.candidate}`, s] as const),
  )(
    '%s spreads each service over the types in the proportions the optimizer placed it at its own busiest hour',
    async (_n, s) => {
      const peaks = s.candidate.cost?.fleet?.servicePeaks ?? [];
      const pools = s.candidate.deployment?.nodePools ?? [];
      let checked = 0;
      // A long-running service names its strategy itself; a batch job in each of its schedules.
      for (const strategy of await strategies(s.stack)) {
        const name = strategy.service.slice('service-'.length, -'.tf'.length);
        // A service runs on one pool (one architecture), and was priced on that pool alone.
        const pool = pools.find((p) => p.services.includes(name));
        const placed: TypeCounts = {};
        for (const t of peaks.find((p) => p.service === name)?.tasks ?? []) {
          expect(pool?.instanceTypes, `${s.stack.scenario} ${name}`).toContain(t.instanceType);
          placed[t.instanceType] = (placed[t.instanceType] ?? 0) + t.count;
        }
        const weights: TypeCounts = {};
        for (const item of strategy.items)
          if (item.type !== undefined && item.weight > 0) weights[item.type] = item.weight;
        const total = (c: TypeCounts) => Object.values(c).reduce((a, b) => a + b, 0);
        const share = (c: TypeCounts) =>
          Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Number((v / total(c)).toFixed(9))]));
        expect(share(weights), `${s.stack.scenario} ${name}`).toEqual(share(placed));
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    },
  );
});

describe('ECS: a service whose busiest hour is not the fleet’s', () => {
  const scenario = scenarios.find((s) => s.name === DIURNAL_AND_NIGHTLY)!;
  const fleet = scenario.rec.candidates.find((c) => c.id === 'ecs-ec2')!.cost!.fleet!;

  it('runs web on one type at every hour, its day and the job’s night alike', () => {
    // The fleet's costliest hour is the job's, where web runs one task; web's own busiest hour runs six.
    const webAtPeak = fleet.placement.flatMap((n) =>
      n.tasks.filter((t) => t.service === 'web').map(() => n.instanceType),
    );
    const web = fleet.servicePeaks.find((p) => p.service === 'web')!;
    expect(web.tasks.reduce((n, t) => n + t.count, 0)).toBe(6);
    // One type at its own busiest hour, the same at the fleet's (a strategy is one setting for every hour).
    expect(web.tasks).toHaveLength(1);
    expect(new Set(webAtPeak)).toEqual(new Set([web.tasks[0]!.instanceType]));
    // That type is billed, and the ceiling holds the day's nodes of it.
    expect(
      fleet.instanceMinutesPerWeek.some(
        (l) => l.instanceType === web.tasks[0]!.instanceType && l.minutes > 0,
      ),
    ).toBe(true);
    expect(fleet.ceiling.find((l) => l.instanceType === web.tasks[0]!.instanceType)?.count).toBeGreaterThan(
      0,
    );
  });

  it.each(['terraform', 'cloudformation'] as const)(
    '%s: web’s strategy names the groups of its own busiest hour, and they may grow to the priced ceiling',
    async (target) => {
      const stack = generateAll(scenario, target).find((s) => s.candidate === 'ecs-ec2')!;
      const groups = await launchGroups(stack);
      const web = fleet.servicePeaks.find((p) => p.service === 'web')!;
      const ceiling = toTypeCounts(fleet.ceiling);
      const maxOf = (type: string) =>
        groups.filter((g) => g.instanceTypes[0] === type).reduce((n, g) => n + g.max, 0);
      // Terraform: service-web.tf; CloudFormation: the service's resource, named after it.
      const webTypes = (await strategies(stack))
        .filter((st) => /(^service-web\.tf$)|(^Web[A-Z])/.test(st.service))
        .flatMap((st) => st.items.filter((item) => item.weight > 0).map((item) => item.type));
      expect(webTypes.length).toBeGreaterThan(0);
      for (const t of web.tasks) {
        // Each type web peaks on has a group, named in web's strategy, that may grow to the ceiling plus a spare.
        expect(maxOf(t.instanceType), t.instanceType).toBe(
          (ceiling[t.instanceType] ?? 0) + SPARE_HOSTS_PER_GROUP,
        );
        expect(webTypes, t.instanceType).toContain(t.instanceType);
      }
    },
  );
});

describe('ECS: steady services keep nodes of their own', () => {
  const scenario = scenarios.find((s) => s.name === STEADY_AND_NIGHTLY)!;
  const fleetOf = (id: string) => scenario.rec.candidates.find((c) => c.id === id)?.cost?.fleet;
  afterAll(() => freeEngine());

  it.each(['ecs-ec2', 'ecs-managed-instances'] as const)(
    '%s: writes Terraform of the AWS provider schema and CloudFormation @aws/cloudformation-validate accepts',
    async (id) => {
      // The examples' stacks also go through terraform validate and cfn-lint (scenarios.test.ts); these
      // were run through cfn-lint (and ECS on EC2's through terraform validate) by hand on 2026-12-04.
      const tf = generateAll(scenario, 'terraform').find((s) => s.candidate === id)!;
      expect(checkTerraform(await parseTerraform(tf.output.files), schemaFor(id))).toEqual([]);
      const cfn = generateAll(scenario, 'cloudformation').find((s) => s.candidate === id)!;
      expect(validateTemplate(cfn.output.files[0]?.contents ?? '')).toEqual([]);
    },
  );

  it('prices web on nodes of its own on ECS (one fleet for EC2 and Managed Instances); EKS re-packs each level', () => {
    expect(fleetOf('ecs-ec2')?.steadyServices).toEqual(['web']);
    expect(fleetOf('ecs-ec2')?.steady.length).toBeGreaterThan(0);
    expect(fleetOf('ecs-managed-instances')).toEqual(fleetOf('ecs-ec2'));
    for (const id of ['eks-ec2', 'eks-auto-mode']) {
      expect(fleetOf(id)?.steadyServices, id).toEqual([]);
      expect(fleetOf(id)?.steady, id).toEqual([]);
    }
  });

  it.each(['terraform', 'cloudformation'] as const)(
    '%s: web names only its steady groups, which never scale, and the job only groups that scale',
    async (target) => {
      const stack = generateAll(scenario, target).find((s) => s.candidate === 'ecs-ec2')!;
      const fleet = fleetOf('ecs-ec2')!;
      const groups = await launchGroups(stack);
      const isSteady = (g: LaunchGroup) => /steady/i.test(g.name);
      const steadyGroups = groups.filter(isSteady);
      // The steady groups hold fleet.steady all week: min = desired = the count, max one spare above it.
      expect(countLaunched(steadyGroups, 'min')).toEqual(toTypeCounts(fleet.steady));
      expect(countLaunched(steadyGroups, 'desired')).toEqual(toTypeCounts(fleet.steady));
      for (const g of steadyGroups) expect(g.max, g.name).toBe(g.min + SPARE_HOSTS_PER_GROUP);
      // The groups that scale keep what the floor has beyond the steady nodes: none here, as the job runs nightly.
      expect(
        countLaunched(
          groups.filter((g) => !isSteady(g)),
          'min',
        ),
      ).toEqual({});
      expectSteadyStrategies(stack);
    },
  );

  it.each(['terraform', 'cloudformation'] as const)(
    '%s, ECS Managed Instances: web names only its steady capacity providers, and the job never',
    (target) => {
      const stack = generateAll(scenario, target).find((s) => s.candidate === 'ecs-managed-instances')!;
      expectSteadyStrategies(stack);
    },
  );
});

describe('ECS: steady services of two operating systems', () => {
  const scenario = scenarios.find((s) => s.name === MIXED_OS_STEADY)!;

  it.each(['terraform', 'cloudformation'] as const)(
    "%s: each pool's header names its own steady services only",
    (target) => {
      const stack = generateAll(scenario, target).find((s) => s.candidate === 'ecs-ec2')!;
      const fleet = scenario.rec.candidates.find((c) => c.id === 'ecs-ec2')?.cost?.fleet;
      expect(fleet?.steadyServices).toEqual(['legacy-win', 'web']);
      const text = stack.output.files.map((f) => f.contents).join('\n');
      const lines = text.split('\n').filter((l) => l.includes('hold only the steady services'));
      expect(lines.some((l) => l.includes('in pool windows') && l.includes('(legacy-win)'))).toBe(true);
      expect(lines.some((l) => l.includes('in pool x86-64') && l.includes('(web)'))).toBe(true);
      expect(lines.every((l) => !l.includes('legacy-win, web'))).toBe(true);
    },
  );

  it('keeps the priced floor per type and OS all week in Terraform, steady groups included', async () => {
    const stack = generateAll(scenario, 'terraform').find((s) => s.candidate === 'ecs-ec2')!;
    const fleet = scenario.rec.candidates.find((c) => c.id === 'ecs-ec2')!.cost!.fleet!;
    const parsed = await parseTerraform(stack.output.files);
    // biome-ignore lint/suspicious/noExplicitAny: hcl2json output, read by path
    type Tree = any;
    const groups: Tree[] = [...parsed.values()].flatMap((doc: Tree) =>
      Object.values(doc.resource?.aws_autoscaling_group ?? {}).map((b) => (b as unknown[])[0]),
    );
    const key = (type: string, os: string) => `${type}/${os}`;
    const kept: Record<string, number> = {};
    for (const g of groups) {
      const lt = g.mixed_instances_policy[0].launch_template[0];
      const os = String(lt.launch_template_specification[0].launch_template_id).includes('windows')
        ? 'windows'
        : 'linux';
      const k = key(lt.override[0].instance_type, os);
      if (g.min_size > 0) kept[k] = (kept[k] ?? 0) + g.min_size;
    }
    const floor: Record<string, number> = {};
    for (const l of fleet.floor) floor[key(l.instanceType, l.os ?? 'linux')] = l.count;
    expect(kept).toEqual(floor);
    // Both OSes keep steady nodes all week.
    expect(new Set(fleet.steady.map((l) => l.os ?? 'linux'))).toEqual(new Set(['linux', 'windows']));
  });
});

/** web's capacity provider strategy names steady providers only, shard-job's none (both have one). */
function expectSteadyStrategies(stack: GeneratedStack): void {
  const web = strategyProviders(stack, 'web');
  const job = strategyProviders(stack, 'shard-job');
  expect(web.length).toBeGreaterThan(0);
  expect(job.length).toBeGreaterThan(0);
  for (const p of web) expect(p, 'web').toMatch(/steady/i);
  for (const p of job) expect(p, 'shard-job').not.toMatch(/steady/i);
}

/** The capacity providers a service's strategies name (its ECS service's, or its schedules'), as written. */
function strategyProviders(stack: GeneratedStack, service: string): string[] {
  if (stack.output.target === 'terraform') {
    const file = stack.output.files.find((f) => f.path === `service-${service}.tf`)!.contents;
    return [...file.matchAll(/capacity_provider\s*=\s*aws_ecs_capacity_provider\.([a-z0-9_]+)\.name/g)].map(
      (m) => m[1]!,
    );
  }
  // biome-ignore lint/suspicious/noExplicitAny: template output, read by path
  type Tree = any;
  const template = parseTemplate(stack.output.files[0]?.contents ?? '');
  const resources = Object.values(template.Resources ?? {}) as { Type: string; Properties?: Tree }[];
  const items = resources.flatMap((r) => {
    const p = r.Properties ?? {};
    if (
      r.Type === 'AWS::ECS::Service' &&
      String(p.ServiceName?.['Fn::Sub'] ?? p.ServiceName).includes(service)
    )
      return p.CapacityProviderStrategy ?? [];
    if (r.Type === 'AWS::Scheduler::Schedule' && JSON.stringify(p).includes(service))
      return p.Target?.EcsParameters?.CapacityProviderStrategy ?? [];
    return [];
  });
  return items.map((i: Tree) => JSON.stringify(i.CapacityProvider));
}

const ecsStacks = scenarios.flatMap((scenario) =>
  (['terraform', 'cloudformation'] as const).flatMap((target) =>
    generateAll(scenario, target)
      .filter((s) => s.candidate.startsWith('ecs'))
      .map((stack) => ({
        stack,
        candidate: scenario.rec.candidates.find((c) => c.id === stack.candidate) as Candidate,
      })),
  ),
);

async function launchedAlbs(stack: GeneratedStack): Promise<LaunchedAlb[]> {
  if (stack.output.target === 'terraform') return terraformAlbs(await parseTerraform(stack.output.files));
  return cloudFormationAlbs(parseTemplate(stack.output.files[0]?.contents ?? ''));
}

describe('ECS: the ALBs launched are the ALBs priced', () => {
  it('covers ECS stacks with a public and with an internal ALB', async () => {
    const launched = (await Promise.all(ecsStacks.map((s) => launchedAlbs(s.stack)))).flat();
    expect(new Set(launched.map((a) => a.scheme))).toEqual(new Set(['public', 'internal']));
  });

  it.each(
    ecsStacks.map((s) => [`${s.stack.scenario} ${s.stack.candidate} ${s.stack.output.target}`, s] as const),
  )('%s launches one ALB per priced ALB-month, scheme by scheme', async (_name, { stack, candidate }) => {
    const launched = await launchedAlbs(stack);
    expect(countByScheme(launched)).toEqual(pricedAlbs(candidate));
    // Each priced ALB is billed for the whole month.
    for (const line of candidate.cost?.lineItems.filter((l) => l.priceId === 'alb:hour') ?? [])
      expect(line.quantity).toBe('730');
  });
});

/** Per capacity provider strategy of a stack: each item's instance type, weight and base. */
async function strategies(
  stack: GeneratedStack,
): Promise<{ service: string; items: { type: string | undefined; weight: number; base: number }[] }[]> {
  // biome-ignore lint/suspicious/noExplicitAny: hcl2json and template output, read by path
  type Tree = any;
  const out: { service: string; items: { type: string | undefined; weight: number; base: number }[] }[] = [];
  if (stack.output.target === 'terraform') {
    const parsed = await parseTerraform(stack.output.files);
    const groupType = new Map(
      terraformLaunchGroups(parsed).map((g) => [
        g.name.replace('aws_autoscaling_group.', ''),
        g.instanceTypes[0],
      ]),
    );
    for (const [file, doc] of parsed) {
      if (!file.startsWith('service-')) continue;
      const resources = (doc.resource ?? {}) as Record<string, Record<string, Tree[]>>;
      const found = [
        ...Object.values(resources.aws_ecs_service ?? {}).map((b) => b[0]?.capacity_provider_strategy),
        ...Object.values(resources.aws_scheduler_schedule ?? {}).map(
          (b) => b[0]?.target?.[0]?.ecs_parameters?.[0]?.capacity_provider_strategy,
        ),
      ].filter((x): x is Tree[] => Array.isArray(x));
      for (const items of found)
        out.push({
          service: file,
          items: items.map((item) => ({
            type: groupType.get(
              /aws_ecs_capacity_provider\.([a-z0-9_]+)\.name/.exec(String(item.capacity_provider))?.[1] ?? '',
            ),
            weight: Number(item.weight ?? 0),
            base: Number(item.base ?? 0),
          })),
        });
    }
    return out;
  }
  const template = parseTemplate(stack.output.files[0]?.contents ?? '');
  const resources = (template.Resources ?? {}) as Record<string, Tree>;
  // Each capacity provider names its Auto Scaling group, whose launch template names the type.
  const typeOfProvider = new Map<string, string>();
  const groups = cloudFormationLaunchGroups(template);
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type !== 'AWS::ECS::CapacityProvider') continue;
    const asg = r.Properties?.AutoScalingGroupProvider?.AutoScalingGroupArn?.Ref;
    const group = groups.find((g) => g.name === asg);
    if (group !== undefined) typeOfProvider.set(id, String(group.instanceTypes[0]));
  }
  const walk = (node: Tree, service: string) => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'CapacityProviderStrategy' && Array.isArray(value))
        out.push({
          service,
          items: value.map((item: Tree) => ({
            type: typeOfProvider.get(item.CapacityProvider?.Ref ?? ''),
            weight: Number(item.Weight ?? 0),
            base: Number(item.Base ?? 0),
          })),
        });
      else walk(value, service);
    }
  };
  for (const [id, r] of Object.entries(resources)) walk(r, id);
  return out;
}

describe('ECS on EC2: every priced type can receive tasks', () => {
  it.each(
    stacks.map((s) => [`${s.stack.scenario} ${s.stack.candidate} ${s.stack.output.target}`, s] as const),
  )(
    '%s: each type the priced week runs is in some strategy with a weight or a base, or the header says it is not',
    async (_name, { stack, candidate }) => {
      const found = await strategies(stack);
      expect(found.length).toBeGreaterThan(0);
      const reachable = reachableTypes(found);
      const unnamed = unnamedInHeader(stack);
      for (const { instanceType, minutes } of candidate.cost?.fleet?.instanceMinutesPerWeek ?? [])
        if (minutes > 0 && unnamed[instanceType] === undefined)
          expect(reachable, `${instanceType} gets no task`).toContain(instanceType);
    },
  );

  it.each(
    stacks.map((s) => [`${s.stack.scenario} ${s.stack.candidate} ${s.stack.output.target}`, s] as const),
  )(
    '%s: no strategy names a type twice, and every group is named by some strategy',
    async (_name, { stack }) => {
      const found = await strategies(stack);
      for (const strategy of found) {
        const types = strategy.items.map((i) => i.type);
        expect(new Set(types).size, `${strategy.service}: ${types.join(', ')}`).toBe(types.length);
      }
      const reachable = reachableTypes(found);
      for (const group of await launchGroups(stack))
        expect(reachable, `${group.name} is named by no strategy`).toContain(group.instanceTypes[0]);
    },
  );

  it('names every priced type in some strategy, for every example and fixture (each ECS service runs on one type)', () => {
    const withUnnamed = stacks
      .filter((s) => Object.keys(unnamedInHeader(s.stack)).length > 0)
      .map((s) => s.stack.scenario);
    expect(withUnnamed).toEqual([]);
  });
});

/** The types some strategy sends tasks to: an entry with a weight or a base. */
function reachableTypes(found: Awaited<ReturnType<typeof strategies>>): Set<string | undefined> {
  return new Set(found.flatMap((s) => s.items.filter((i) => i.weight > 0 || i.base > 0).map((i) => i.type)));
}

/**
 * The types the header of a stack says no strategy names ("No group for up to 1 × m6g.xlarge (pool arm64) and
 * …:"), with their counts.
 */
function unnamedInHeader(stack: GeneratedStack): TypeCounts {
  const text = stack.output.files.map((f) => f.contents).join('\n');
  const line = /No group for up to (.*):\n/.exec(text)?.[1] ?? '';
  const out: TypeCounts = {};
  for (const m of line.matchAll(/(\d+) × ([a-z0-9.-]+) \(pool/g))
    out[m[2]!] = (out[m[2]!] ?? 0) + Number(m[1]);
  return out;
}

describe('ECS on EC2: the quiet hours start each service where it was priced', () => {
  it.each(
    stacks.map((s) => [`${s.stack.scenario} ${s.stack.candidate} ${s.stack.output.target}`, s] as const),
  )(
    '%s: a base is the service’s own median-hour tasks on a type its weights leave out, and no type gets more than the median hour holds',
    async (_name, { stack, candidate }) => {
      const typicals = candidate.cost?.fleet?.serviceTypicals ?? [];
      const heldAtMedian: TypeCounts = {};
      for (const p of typicals)
        for (const t of p.tasks) heldAtMedian[t.instanceType] = (heldAtMedian[t.instanceType] ?? 0) + t.count;
      const based: TypeCounts = {};
      for (const strategy of await strategies(stack)) {
        const base = strategy.items.filter((i) => i.base > 0);
        expect(base.length, strategy.service).toBeLessThanOrEqual(1);
        const [item] = base;
        if (item?.type === undefined) continue;
        // Its weights leave that type out: the base is all the service ever starts there.
        const weighted = strategy.items.filter((i) => i.weight > 0).map((i) => i.type);
        expect(weighted, strategy.service).not.toContain(item.type);
        // The base is some service's task count on that type in the typical fleet.
        expect(
          typicals.some((p) => p.tasks.some((t) => t.instanceType === item.type && t.count === item.base)),
          `${strategy.service}: base ${item.base} on ${item.type}`,
        ).toBe(true);
        based[item.type] = (based[item.type] ?? 0) + item.base;
      }
      // The bases on a type never exceed the tasks the median hour was priced to hold there.
      for (const [type, n] of Object.entries(based))
        expect(n, type).toBeLessThanOrEqual(heldAtMedian[type] ?? 0);
    },
  );

  it.each(
    stacks
      .filter((s) => s.stack.output.target === 'terraform')
      .map((s) => [`${s.stack.scenario} ${s.stack.candidate}`, s] as const),
  )(
    '%s: each service that scales names one provider, weight 1, no base',
    async (_n, { stack, candidate }) => {
      const fleet = candidate.cost?.fleet;
      // A week that runs one set of tasks whenever it runs any (a nightly batch, services at one count all
      // week) has one level, which every hour with tasks runs: its weights split them as placed, on any types.
      const oneLevel = JSON.stringify(fleet?.ceiling) === JSON.stringify(fleet?.peak);
      const steady = new Set(fleet?.steadyServices ?? []);
      let checked = 0;
      for (const strategy of await strategies(stack)) {
        const name = strategy.service.slice('service-'.length, -'.tf'.length);
        if (steady.has(name) || oneLevel) continue;
        expect(
          strategy.items.map((i) => [i.weight, i.base]),
          strategy.service,
        ).toEqual([[1, 0]]);
        checked++;
      }
      // Every week of more than one level has a service that scales.
      if (!oneLevel) expect(checked).toBeGreaterThan(0);
    },
  );
});

describe('s05 ECS on EC2 (checked by hand)', () => {
  it('keeps the quiet hours’ 2 × m5a.large all week and grows to 50 for the spikes, all on m5a.large', async () => {
    const s05 = stacks.find(
      (s) => s.stack.scenario === 's05-spiky-api' && s.stack.output.target === 'terraform',
    );
    const fleet = s05?.candidate.cost?.fleet;
    // api runs 4 to 100 tasks of 1 vCPU / 2 GiB (bridge mode) on one type at every hour. Alone, m5a.large (2 vCPU:
    // 2 tasks, $0.086) costs $0.043 a task; c6a.12xlarge ($0.03825 a task at 48) would keep a $1.836 node for the
    // quiet hours' 4 tasks, so m5a.large wins over the week:
    // 2 nodes for the 6,580 quiet minutes and 50 for the 3,500 around the four daily spikes:
    // 2 × 6,580 + 50 × 3,500 = 188,160 instance-minutes.
    expect(fleet?.instanceMinutesPerWeek).toEqual([{ instanceType: 'm5a.large', minutes: 188_160 }]);
    expect(fleet?.floor).toEqual([{ instanceType: 'm5a.large', count: 2 }]);
    const groups = await launchGroups(s05!.stack);
    expect(countLaunched(groups, 'desired')).toEqual({ 'm5a.large': 2 });
    expect(countLaunched(groups, 'max')).toEqual({ 'm5a.large': 50 + SPARE_HOSTS_PER_GROUP });
  });
});

describe('s05 ECS on EC2: api’s strategy names the one type it was priced on (checked by hand)', () => {
  it.each(['terraform', 'cloudformation'] as const)('%s: m5a.large, weight 1, no base', async (target) => {
    const s05 = stacks.find((s) => s.stack.scenario === 's05-spiky-api' && s.stack.output.target === target);
    const found = await strategies(s05!.stack);
    expect(found.map((f) => f.items)).toEqual([[{ type: 'm5a.large', weight: 1, base: 0 }]]);
  });
});

describe('countLaunched', () => {
  it('counts a group of several types without weights as its first type, as an Auto Scaling group launches it', () => {
    // The shape the review found in s06: four priced hosts of three sizes in one prioritized group.
    const mixed: LaunchGroup = {
      name: 's06',
      instanceTypes: ['c6a.24xlarge', 'c6a.12xlarge', 'c6a.16xlarge'],
      weights: {},
      min: 4,
      desired: 4,
      max: 4,
    };
    expect(countLaunched([mixed], 'desired')).toEqual({ 'c6a.24xlarge': 4 });
    expect(countLaunched([mixed], 'desired')).not.toEqual(
      toTypeCounts([
        { instanceType: 'c6a.12xlarge', count: 1 },
        { instanceType: 'c6a.16xlarge', count: 1 },
        { instanceType: 'c6a.24xlarge', count: 2 },
      ]),
    );
  });

  it('divides capacity units by the first type’s weight, rounding up', () => {
    const weighted: LaunchGroup = {
      name: 'w',
      instanceTypes: ['m5a.4xlarge', 'm5a.2xlarge'],
      weights: { 'm5a.4xlarge': 2, 'm5a.2xlarge': 1 },
      min: 0,
      desired: 5,
      max: 8,
    };
    expect(countLaunched([weighted], 'desired')).toEqual({ 'm5a.4xlarge': 3 });
    expect(countLaunched([weighted], 'min')).toEqual({});
  });
});
