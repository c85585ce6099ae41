/**
 * Linux and Windows services on EC2 (test/fixtures/workloads/mixed-os.yaml, the defect report): the fleet is
 * sized in two parts, every node priced at its own OS's rate, and the Linux part costs what the Linux services
 * alone cost. Values checked by hand from data/prices/us-east-1.json and the Windows rates below.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import type { LineItem } from '../../src/model/cost.js';
import type { Price, PriceId } from '../../src/model/price.js';
import type { Recommendation } from '../../src/model/recommendation.js';
import type { CandidateId } from '../../src/model/vocabulary.js';
import type { PriceLookup, PriceSource } from '../../src/pricing/price-source.js';
import { SnapshotPriceSource } from '../../src/pricing/snapshot-source.js';
import { summariseFleets } from '../../src/report/profile-chart.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import type { WorkloadInput } from '../../src/workload/schema.js';
import { FIXTURES_DIR, readWorkloadFile } from '../helpers/workloads.js';

const snapshot = new SnapshotPriceSource();

/**
 * Windows rates the snapshot lacks, set by hand for these tests: the Linux rate plus $0.046 per vCPU-hour
 * (m5a.large: $0.086 + 2 × $0.046 = $0.178; c6a.xlarge: $0.153 + 4 × $0.046 = $0.337). The others are the
 * types a fleet of both OSes sized as one used (m5a.xlarge, m7a.medium, c6a.large), so that such a fleet
 * would have a complete total too.
 */
const WINDOWS_RATES: Record<string, string> = {
  'ec2-windows:m5a.large': '0.178',
  'ec2-windows:c6a.xlarge': '0.337',
  'ec2-windows:m5a.xlarge': '0.356',
  'ec2-windows:m7a.medium': '0.10396',
  'ec2-windows:c6a.large': '0.1685',
};

/** The snapshot, with the Windows rates above. */
const withWindowsRates: PriceSource = {
  name: 'snapshot',
  async getPrices(region: string, ids: readonly PriceId[]): Promise<PriceLookup> {
    const lookup = await snapshot.getPrices(region, ids);
    for (const id of ids) {
      const usd = WINDOWS_RATES[id];
      if (usd === undefined) continue;
      const price: Price = {
        id,
        region,
        usd,
        unit: 'instance-hour',
        source: 'test: hand-set Windows rate',
        asOf: null,
        confirmed: true,
        origin: 'snapshot',
      };
      lookup.prices.set(id, price);
    }
    return lookup;
  },
};

const WORKLOAD = readWorkloadFile(join(FIXTURES_DIR, 'mixed-os.yaml')) as WorkloadInput;
const LINUX_ONLY: WorkloadInput = {
  ...WORKLOAD,
  services: WORKLOAD.services.filter((s) => s.os !== 'windows'),
};

const options = (priceSource: PriceSource) => ({ priceSource, fleetSolver: heuristicFleetSolver });
const [mixed, linuxOnly, unpriced] = await Promise.all([
  advise(WORKLOAD, options(withWindowsRates)),
  advise(LINUX_ONLY, options(withWindowsRates)),
  advise(WORKLOAD, options(snapshot)),
]);

function cost(rec: Recommendation, id: CandidateId) {
  const c = rec.candidates.find((x) => x.id === id);
  if (!c?.cost?.fleet) throw new Error(`${id} has no priced fleet`);
  return c.cost;
}

/** The EC2 instance lines (worker nodes; EKS system nodes are a control-plane line), as checkable tuples. */
const instanceLines = (lines: readonly LineItem[]) =>
  lines
    .filter((l) => l.category === 'compute' && /^ec2(-windows)?:/.test(l.priceId ?? ''))
    .map((l) => [l.priceId, l.quantity, l.unitPriceUsd, l.monthlyUsd]);

describe('Linux and Windows services on one EC2 fleet', () => {
  it.each(['ecs-ec2', 'eks-ec2'] as const)('%s: no node holds both a Linux and a Windows task', (id) => {
    const { fleet } = cost(mixed, id);
    expect(fleet!.placement.length).toBeGreaterThan(0);
    for (const node of fleet!.placement) {
      const services = new Set(node.tasks.map((t) => t.service));
      expect(services.has('web') && services.has('legacy'), JSON.stringify(node)).toBe(false);
      expect(node.os).toBe(services.has('legacy') ? 'windows' : undefined);
    }
    expect(cost(mixed, id).notes.some((n) => n.startsWith('Linux and Windows services sized apart: '))).toBe(
      true,
    );
  });

  it('ECS on EC2: Linux nodes at ec2:, Windows nodes at ec2-windows: (checked by hand)', () => {
    // Linux: web's 3 tasks on 1 × m5a.large + 1 × m7a.medium; Windows: legacy's 2 on 2 × m5a.large, all week.
    // 168 instance-hours a week × 730 / 168 = 730 a month per node.
    expect(instanceLines(cost(mixed, 'ecs-ec2').lineItems)).toEqual([
      ['ec2:m5a.large', '730', '0.086', '62.78'], // 730 × $0.086
      ['ec2-windows:m5a.large', '1460', '0.178', '259.88'], // 2 × 730 × $0.178
      ['ec2:m7a.medium', '730', '0.05796', '42.3108'], // 730 × $0.05796
    ]);
    expect(cost(mixed, 'ecs-ec2').complete).toBe(true);
  });

  it('EKS on EC2: the same, beside the Linux system nodes (checked by hand)', () => {
    expect(instanceLines(cost(mixed, 'eks-ec2').lineItems)).toEqual([
      ['ec2:c6a.large', '730', '0.0765', '55.845'], // 730 × $0.0765
      ['ec2:c6a.xlarge', '730', '0.153', '111.69'], // 730 × $0.153
      ['ec2-windows:c6a.xlarge', '1460', '0.337', '492.02'], // 2 × 730 × $0.337
    ]);
    const system = cost(mixed, 'eks-ec2').lineItems.find((l) => l.description.startsWith('EKS system nodes'));
    // 2 × t3.medium × 730 h × $0.0416; both node autoscalers run there.
    expect([system?.priceId, system?.monthlyUsd]).toEqual(['ec2:t3.medium', '60.736']);
    expect(system?.description).toContain('Karpenter, Cluster Autoscaler, CoreDNS');
  });

  it.each(['ecs-ec2', 'eks-ec2'] as const)(
    '%s: the Linux part costs exactly what the Linux services alone cost',
    (id) => {
      const linux = (lines: readonly LineItem[]) =>
        instanceLines(lines).filter(([priceId]) => priceId?.startsWith('ec2:'));
      expect(linux(cost(mixed, id).lineItems)).toEqual(instanceLines(cost(linuxOnly, id).lineItems));
      // And its nodes' disks: the Linux pool's line has the Linux-only fleet's quantity and amount.
      const disks = (lines: readonly LineItem[]) =>
        lines.filter((l) => l.description.startsWith("EC2 nodes' root volumes"));
      const [alone] = disks(cost(linuxOnly, id).lineItems);
      const pool = disks(cost(mixed, id).lineItems).find((l) => l.description.includes('(pool x86-64)'));
      expect([pool?.quantity, pool?.monthlyUsd]).toEqual([alone?.quantity, alone?.monthlyUsd]);
    },
  );

  it('prices each pool at its own OS default disk: 50 GiB Windows, 30 GiB Linux on ECS (checked by hand)', () => {
    const disks = cost(mixed, 'ecs-ec2').lineItems.filter((l) => l.description.includes('root volumes'));
    expect(disks.map((l) => [l.description.slice(0, 56), l.quantity, l.monthlyUsd])).toEqual([
      // 50 GiB × 1,460 instance-hours / 730 = 100 GB-months × $0.10 (gp2).
      ["EC2 nodes' root volumes (pool windows), 50 GiB each (AMI", '100', '10'],
      // 30 GiB × 1,460 instance-hours / 730 = 60 GB-months × $0.10.
      ["EC2 nodes' root volumes (pool x86-64), 30 GiB each (AMI ", '60', '6'],
    ]);
  });

  it('keeps a missing Windows rate flagged, and prices the Linux nodes at the Linux rate', () => {
    const c = cost(unpriced, 'ecs-ec2');
    expect(c.missingPriceIds).toEqual(['ec2-windows:m5a.large']);
    expect(c.complete).toBe(false);
    expect(instanceLines(c.lineItems)).toEqual([
      ['ec2:m5a.large', '730', '0.086', '62.78'],
      ['ec2-windows:m5a.large', '1460', null, null],
      ['ec2:m7a.medium', '730', '0.05796', '42.3108'],
    ]);
  });

  it('draws no break-even from a fleet with Windows nodes, even where their rate is known', () => {
    // fleet.peakHourlyUsd is at Linux rates: it must not stand in for what the Windows nodes cost.
    expect(mixed.breakEven.map((b) => b.ec2)).not.toContain('ecs-ec2');
    expect(linuxOnly.breakEven.map((b) => b.ec2)).toContain('ecs-ec2');
  });

  it('says which nodes are Windows in the HTML report’s fleet table', () => {
    const ecs = summariseFleets(mixed).find((f) => f.candidate === 'ecs-ec2');
    expect(ecs?.peak).toBe('1 × m5a.large, 2 × m5a.large (Windows), 1 × m7a.medium');
  });
});
