/**
 * What the EKS starter code launches equals what Berth priced: for every example and every EKS candidate
 * on EC2, the managed node groups at their desired size hold exactly the fleet's floor, type by type (the
 * nodes every minute of the priced week runs; none for a pool that only runs scheduled batch work), so what
 * they keep all week never exceeds the priced instance-minutes: Karpenter launches the rest, or, on Windows
 * and dedicated-tenancy pools, Cluster Autoscaler grows each type's group up to its priced ceiling.
 */
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { eksBaseline, pricedCeiling } from '../../src/iac/eks.js';
import { generateIac } from '../../src/iac/generate.js';
import { generatableCandidates } from '../../src/iac/targets.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import { MINUTES_PER_WEEK } from '../../src/workload/profile.js';
import { countByScheme, manifestAlbs, pricedAlbs } from './helpers/alb-count.js';
import { countEksLaunch, countLines } from './helpers/eks-launch-count.js';
import { parseManifests } from './helpers/kubernetes-check.js';
import { generateAll, loadScenarios } from './helpers/scenarios.js';

const scenarios = await loadScenarios();
const cases = scenarios.flatMap((scenario) =>
  generatableCandidates(scenario.rec)
    .filter((id) => id === 'eks-ec2' || id === 'eks-mixed')
    .map((id) => {
      const candidate = scenario.rec.candidates.find((c) => c.id === id);
      if (candidate?.cost?.fleet == null || candidate.deployment === null)
        throw new Error(`${scenario.name} ${id}: no fleet or deployment`);
      return {
        label: `${scenario.name} ${id}`,
        candidate,
        fleet: candidate.cost.fleet,
        pools: candidate.deployment.nodePools,
        files: generateIac(scenario.rec, 'terraform', { candidate: id }).files,
      };
    }),
);

describe('EKS node groups launch what was priced', () => {
  it('covers every EKS-on-EC2 candidate of the examples', () => {
    expect(cases.map((c) => c.label).sort()).toEqual([
      's01-small-web-app eks-ec2',
      's02-gpu-inference eks-ec2',
      's02-gpu-inference eks-mixed',
      's04-nightly-batch eks-ec2',
      's05-spiky-api eks-ec2',
      's07-windows-dotnet eks-ec2',
      's09-dedicated-hosts eks-ec2',
      's11-kafka-ebs eks-ec2',
      's12-kubernetes-no-nodes eks-ec2',
      's13-arm64-kubernetes-low-ops eks-ec2',
      's15-hybrid-portability eks-ec2',
      's16-gpu-low-operations eks-ec2',
      's16-gpu-low-operations eks-mixed',
    ]);
  });

  it.each(cases.map((c) => [c.label, c] as const))(
    '%s: one type per node group, and the desired sizes are the priced floor',
    async (_label, c) => {
      const launched = await countEksLaunch(c.files);
      expect(launched.problems).toEqual([]);
      for (const pool of c.pools) {
        expect(launched.byPool.get(pool.name) ?? new Map(), pool.name).toEqual(countLines(eksBaseline(pool)));
        // Fixed groups (min = max = the floor) where Karpenter grows the pool; from the floor to the most of
        // each type the priced fleet runs (busiest or median hour) where Cluster Autoscaler does.
        const autoscaled = pool.os === 'windows' || pool.dedicated;
        const floor = countLines(eksBaseline(pool));
        const types = autoscaled
          ? pool.instanceTypes.filter((t) => pricedCeiling(pool, t) > 0)
          : [...floor.keys()];
        const expected = new Map(
          types.map((t) => [
            t,
            { min: floor.get(t) ?? 0, max: autoscaled ? pricedCeiling(pool, t) : (floor.get(t) ?? 0) },
          ]),
        );
        expect(launched.bounds.get(pool.name) ?? new Map(), pool.name).toEqual(expected);
      }
      // The node groups hold the fleet's floor, nothing more or less, and never more than was priced.
      const all = new Map<string, number>();
      for (const [pool, counts] of launched.byPool)
        if (pool !== 'system') for (const [type, n] of counts) all.set(type, (all.get(type) ?? 0) + n);
      expect(all).toEqual(countLines(c.fleet.floor));
      for (const { instanceType, minutes } of c.fleet.instanceMinutesPerWeek)
        expect((all.get(instanceType) ?? 0) * MINUTES_PER_WEEK, instanceType).toBeLessThanOrEqual(minutes);
      // CoreDNS is priced once: on the system node group where there is one, else on the fleet.
      const dnsOnFleet = c.fleet.placement.some((n) => n.tasks.some((t) => t.service === 'coredns'));
      expect(dnsOnFleet, 'CoreDNS in the priced fleet').toBe(c.candidate.deployment!.systemNodes === null);
      // The system node group is launched exactly as its own cost line prices it.
      const system = c.candidate.deployment!.systemNodes;
      expect(launched.byPool.get('system') ?? null).toEqual(
        system ? new Map([[system.instanceType, system.count]]) : null,
      );
      const line = c.candidate.cost!.lineItems.find((l) => l.description.startsWith('EKS system nodes'));
      expect(line?.quantity ?? null).toBe(system ? String(system.count * 730) : null);
    },
  );

  it('launches s15 as 2 × c6a.12xlarge and 1 × c6a.2xlarge, in two groups, beside the system group (checked by hand)', async () => {
    const s15 = cases.find((c) => c.label === 's15-hybrid-portability eks-ec2');
    const launched = await countEksLaunch(s15?.files ?? []);
    expect(launched.byPool).toEqual(
      new Map([
        // Two t3.medium nodes for Karpenter, CoreDNS and the load balancer controller, on their own cost line.
        ['system', new Map([['t3.medium', 2]])],
        [
          'x86-64',
          new Map([
            ['c6a.12xlarge', 2],
            ['c6a.2xlarge', 1],
          ]),
        ],
      ]),
    );
  });

  it('grows s07 (Windows) from the priced floor to the priced peak: 3 to 3 × m5a.2xlarge (checked by hand)', async () => {
    // berth recommend examples/s07-windows-dotnet.yaml: eks-ec2 pool "windows" has floor, median and peak
    // 3 × m5a.2xlarge (8 services' pods of 2 vCPU / 8 GiB, steady all week).
    const s07 = cases.find((c) => c.label === 's07-windows-dotnet eks-ec2');
    const launched = await countEksLaunch(s07?.files ?? []);
    expect(launched.bounds).toEqual(
      new Map([
        ['windows', new Map([['m5a.2xlarge', { min: 3, max: 3 }]])],
        ['system', new Map([['t3.medium', { min: 2, max: 2 }]])],
      ]),
    );
    const tf = s07?.files.find((f) => f.path === 'node-groups.tf')?.contents ?? '';
    expect(tf).toContain('ignore_changes = [scaling_config[0].desired_size]');
    expect(tf).not.toContain('No autoscaler grows this pool');
  });

  it('grows s09 (dedicated tenancy) type by type: 1 to 1 × c6a.4xlarge and 2 to 2 × m5a.4xlarge (checked by hand)', async () => {
    // berth recommend examples/s09-dedicated-hosts.yaml: eks-ec2 pool "x86-64" (dedicated) has floor and
    // peak 1 × c6a.4xlarge + 2 × m5a.4xlarge (20 pods of 2 vCPU / 4 GiB, steady all week).
    const s09 = cases.find((c) => c.label === 's09-dedicated-hosts eks-ec2');
    const launched = await countEksLaunch(s09?.files ?? []);
    expect(launched.bounds.get('x86-64')).toEqual(
      new Map([
        ['m5a.4xlarge', { min: 2, max: 2 }],
        ['c6a.4xlarge', { min: 1, max: 1 }],
      ]),
    );
  });

  it('grows a spiky Windows pool from zero to the most of each type the priced week runs (checked by hand)', async () => {
    // 12 pods of 2 vCPU / 8 GiB at the spikes fit 2 × m5a.4xlarge (16 vCPU, 64 GiB); the 2 quiet pods run on
    // 2 × m5a.xlarge. Neither type runs every minute, so the floor is empty: both groups start at zero, and
    // each may grow to its own priced count, the m5a.xlarge one to its median-hour count, which the busiest
    // hour does not use.
    const rec = await advise(
      {
        name: 'win-spiky',
        region: 'us-east-1',
        services: [
          {
            name: 'api',
            cpu: 2,
            memory: '8 GiB',
            os: 'windows',
            architecture: 'x86_64',
            replicas: { min: 2, max: 12 },
            exposure: 'internal',
            traffic: { pattern: 'spiky', spikesPerDay: 2, spikeMinutes: 60 },
          },
        ],
      },
      { fleetSolver: heuristicFleetSolver },
    );
    const fleet = rec.candidates.find((c) => c.id === 'eks-ec2')?.cost?.fleet;
    expect(fleet?.peak).toEqual([{ instanceType: 'm5a.4xlarge', count: 2, os: 'windows' }]);
    expect(fleet?.typical).toEqual([{ instanceType: 'm5a.xlarge', count: 2, os: 'windows' }]);
    expect(fleet?.floor).toEqual([]);
    const launched = await countEksLaunch(generateIac(rec, 'terraform', { candidate: 'eks-ec2' }).files);
    expect(launched.problems).toEqual([]);
    expect(launched.byPool.get('windows')).toBeUndefined();
    expect(launched.bounds.get('windows')).toEqual(
      new Map([
        ['m5a.4xlarge', { min: 0, max: 2 }],
        ['m5a.xlarge', { min: 0, max: 2 }],
      ]),
    );
  });

  it('keeps no node of s05 all week: its quiet hours run 2 × c6a.xlarge, its spikes other types (checked by hand)', async () => {
    const s05 = cases.find((c) => c.label === 's05-spiky-api eks-ec2');
    // c6a.xlarge runs 13,160 minutes (two nodes in the 6,580 quiet minutes), so no type runs all 10,080;
    // keeping the median hour (2 × c6a.xlarge) all week would hold 7,000 unpriced instance-minutes.
    const minutes = new Map(s05?.fleet.instanceMinutesPerWeek.map((l) => [l.instanceType, l.minutes]));
    expect(minutes.get('c6a.xlarge')).toBe(13_160);
    expect(s05?.fleet.floor).toEqual([]);
    const launched = await countEksLaunch(s05?.files ?? []);
    expect(launched.byPool.get('x86-64')).toBeUndefined();
    expect(launched.byPool.get('system')).toEqual(new Map([['t3.medium', 2]]));
  });

  it('flags a node group with several types, which EKS fills in list order', async () => {
    const text = [
      'resource "aws_eks_node_group" "mixed" {',
      '  instance_types = ["c6a.8xlarge", "c6a.2xlarge"]',
      '  labels = { "berth.dev/pool" = "x86-64" }',
      '  scaling_config {',
      '    min_size     = 4',
      '    desired_size = 4',
      '    max_size     = 4',
      '  }',
      '}',
    ].join('\n');
    const launched = await countEksLaunch([{ path: 'node-groups.tf', contents: text }]);
    expect(launched.problems).toEqual(['mixed: 2 instance types; EKS would fill them in list order']);
  });
});

const manifestSets = scenarios.flatMap((scenario) =>
  generateAll(scenario, 'kubernetes').map((stack) => ({
    stack,
    candidate: scenario.rec.candidates.find((c) => c.id === stack.candidate)!,
    manifests: stack.output.files.flatMap((f) => parseManifests(f.contents, f.path)),
  })),
);

describe('EKS: the ALBs the Ingresses make are the ALBs priced', () => {
  it('covers EKS candidates with public and internal Ingresses, Auto Mode among them', () => {
    const albs = manifestSets.flatMap((s) => manifestAlbs(s.manifests));
    expect(new Set(albs.map((a) => a.scheme))).toEqual(new Set(['public', 'internal']));
    expect(manifestSets.some((s) => s.stack.candidate === 'eks-auto-mode')).toBe(true);
  });

  it.each(manifestSets.map((s) => [`${s.stack.scenario} ${s.stack.candidate}`, s] as const))(
    '%s: one IngressGroup per priced ALB-month, none over 100 Ingresses',
    (_label, { candidate, manifests }) => {
      const albs = manifestAlbs(manifests);
      expect(countByScheme(albs)).toEqual(pricedAlbs(candidate));
      for (const alb of albs) expect(alb.ingresses, alb.name).toBeLessThanOrEqual(100);
    },
  );
});
