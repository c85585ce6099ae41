import { describe, expect, it } from 'vitest';
import { ec2InstanceLines, systemNodeLines } from '../../src/costs/ec2-instances.js';
import { coreDnsOnFargateLines, eksControlPlaneLines } from '../../src/costs/eks-control-plane.js';
import { fargateTaskLines } from '../../src/costs/fargate.js';
import { type LineSpec, priceLine } from '../../src/costs/line.js';
import { loadBalancerLines } from '../../src/costs/load-balancer.js';
import { managementFeeLines } from '../../src/costs/management-fee.js';
import { natGatewayLines } from '../../src/costs/nat-gateway.js';
import type { Fleet } from '../../src/model/cost.js';
import type { Price } from '../../src/model/price.js';
import { formatCents, toMoney } from '../../src/pricing/money.js';
import type { PriceLookup } from '../../src/pricing/price-source.js';

/** us-east-1 list prices (Fargate, ALB, NAT, IPv4, EKS, m5.large), written down by hand. */
const PRICES: Record<string, [string, string]> = {
  'fargate:x86_64:linux:vcpu': ['0.04048', 'vCPU-hour'],
  'fargate:x86_64:linux:gb': ['0.004445', 'GB-hour'],
  'fargate-spot:x86_64:linux:vcpu': ['0.012144', 'vCPU-hour'],
  'fargate-spot:x86_64:linux:gb': ['0.0013335', 'GB-hour'],
  'fargate:ephemeral-gb': ['0.000111', 'GB-hour'],
  'alb:hour': ['0.0225', 'load-balancer-hour'],
  'alb:lcu-hour': ['0.008', 'LCU-hour'],
  'vpc:public-ipv4-hour': ['0.005', 'address-hour'],
  'nat:hour': ['0.045', 'gateway-hour'],
  'nat:gb': ['0.045', 'GB'],
  'eks:cluster-standard': ['0.10', 'cluster-hour'],
  'ec2:m5.large': ['0.096', 'instance-hour'],
  'ec2:t3.medium': ['0.0416', 'instance-hour'],
  'eks-auto-mode-fee:m5.large': ['0.01152', 'instance-hour'],
};
const LOOKUP: PriceLookup = {
  prices: new Map(
    Object.entries(PRICES).map(([id, [usd, unit]]) => [
      id,
      {
        id,
        region: 'us-east-1',
        usd,
        unit,
        source: 'test',
        asOf: null,
        confirmed: true,
        origin: 'snapshot',
      } as Price,
    ]),
  ),
  warnings: [],
};
const priced = (specs: LineSpec[]) => specs.map((s) => priceLine(s, LOOKUP));
const cents = (specs: LineSpec[]) => priced(specs).map((l) => formatCents(toMoney(l.monthlyUsd ?? 'NaN')));

describe('the cost wing', () => {
  it('bills the EKS system node group always on, at the fleet tenancy', () => {
    const nodes = { instanceType: 't3.medium', count: 2, dedicated: false, runs: 'Karpenter' };
    // 2 nodes × 730 h × $0.0416 = $60.736 → $60.74.
    expect(cents(systemNodeLines(nodes))).toEqual(['60.74']);
    expect(systemNodeLines(nodes)[0]!.quantity.toString()).toBe('1460');
    // Dedicated tenancy asks for the dedicated rate, which the snapshot does not carry: flagged, not priced.
    const dedicated = priced(systemNodeLines({ ...nodes, dedicated: true }))[0]!;
    expect(dedicated.priceId).toBe('ec2-dedicated:t3.medium');
    expect(dedicated.missing).toBe(true);
  });

  it('fargate: bills vCPU and GB hours at the billed size, the Spot base task on demand, and storage above 20 GB', () => {
    const lines = fargateTaskLines({
      sizing: {
        service: 'web',
        requested: { vcpu: 1, memoryMiB: 2048 },
        billed: { vcpu: 1, memoryMiB: 2048 },
        architecture: 'x86_64',
        spot: true,
        onDemandBaseTasks: 1,
      },
      os: 'linux',
      taskHoursPerMonth: toMoney(1460), // 2 tasks always on
      onDemandBaseHoursPerMonth: toMoney(730),
      ephemeralStorageGiB: 50,
    });
    expect(lines.map((l) => l.priceId)).toEqual([
      'fargate:x86_64:linux:vcpu',
      'fargate:x86_64:linux:gb',
      'fargate-spot:x86_64:linux:vcpu',
      'fargate-spot:x86_64:linux:gb',
      'fargate:ephemeral-gb',
    ]);
    // 730 h × 0.04048 = 29.5504; 730 × 2 GB × 0.004445 = 6.4897; Spot: 8.86512 and 1.946910;
    // storage: 1460 task-hours × 30 GB × 0.000111 = 4.8618.
    expect(cents(lines)).toEqual(['29.55', '6.49', '8.87', '1.95', '4.86']);
  });

  it('fargate: bills ephemeral storage in the whole GiB the task definition asks for', () => {
    const usage = (gib: number) => ({
      sizing: {
        service: 'scratch',
        requested: { vcpu: 1, memoryMiB: 2048 },
        billed: { vcpu: 1, memoryMiB: 2048 },
        architecture: 'x86_64' as const,
        spot: false,
        onDemandBaseTasks: 0,
      },
      os: 'linux' as const,
      taskHoursPerMonth: toMoney(730),
      onDemandBaseHoursPerMonth: toMoney(0),
      ephemeralStorageGiB: gib,
    });
    // 40.5 GiB is written as 41 (sizeInGiB is an integer): 730 task-hours × 21 GB × 0.000111 = 1.70163.
    const storage = fargateTaskLines(usage(40.5)).at(-1)!;
    expect(storage.priceId).toBe('fargate:ephemeral-gb');
    expect(storage.quantity.toString()).toBe('15330');
    expect(storage.description).toContain('41 GB per task');
    expect(cents([storage])).toEqual(['1.70']);
    // 20.2 GiB becomes 21: one GB above the included 20 (730 × 1 × 0.000111 = 0.08103).
    expect(cents([fargateTaskLines(usage(20.2)).at(-1)!])).toEqual(['0.08']);
    // 20 GiB exactly is included: no storage line.
    expect(fargateTaskLines(usage(20)).map((l) => l.priceId)).not.toContain('fargate:ephemeral-gb');
  });

  it('ec2-instances: bills each type for its minutes, × 730 / 168 a month, and flags an unplaced service', () => {
    const fleet: Fleet = {
      peak: [{ instanceType: 'm5.large', count: 3 }],
      typical: [{ instanceType: 'm5.large', count: 1 }],
      floor: [{ instanceType: 'm5.large', count: 1 }],
      ceiling: [{ instanceType: 'm5.large', count: 3 }],
      placement: [],
      servicePeaks: [],
      serviceTypicals: [],
      resourceCeiling: [],
      steadyServices: [],
      steady: [],
      // One node all week, two more for 12 × 5 weekday hours: 10,080 + 2 × 3,600 minutes.
      instanceMinutesPerWeek: [{ instanceType: 'm5.large', minutes: 17_280 }],
      unplaced: ['gpu-job'],
      priceReference: null,
      peakHourlyUsd: '0.288',
      peakLowerBoundHourlyUsd: '0.288',
      peakGap: 0,
      typicalGap: 0,
      weeklyGap: 0,
      method: 'milp',
    };
    const lines = priced(ec2InstanceLines(fleet, { linux: 'ec2', windows: 'ec2-windows' }));
    // 288 instance-hours a week × 730 / 168 = 1251.43 instance-hours × $0.096 = $120.14.
    expect(lines[0]).toMatchObject({
      description: 'm5.large instances, 288 instance-hours a week (peak 3, typical 1)',
      unit: 'instance-hour',
      missing: false,
    });
    expect(formatCents(toMoney(lines[0]!.monthlyUsd!))).toBe('120.14');
    expect(lines[1]).toMatchObject({
      service: 'gpu-job',
      priceId: 'ec2:none',
      missing: true,
      monthlyUsd: null,
    });
  });

  it('ec2-instances: prices Windows instances under their own id, missing rather than at the Linux rate', () => {
    const fleet = {
      peak: [{ instanceType: 'm5.large', count: 1, os: 'windows' }],
      typical: [],
      floor: [],
      ceiling: [{ instanceType: 'm5.large', count: 1, os: 'windows' }],
      placement: [],
      servicePeaks: [],
      serviceTypicals: [],
      resourceCeiling: [],
      steadyServices: [],
      steady: [],
      instanceMinutesPerWeek: [{ instanceType: 'm5.large', os: 'windows', minutes: 10_080 }],
      unplaced: [],
      priceReference: null,
      peakHourlyUsd: '0.096',
      peakLowerBoundHourlyUsd: '0.096',
      peakGap: 0,
      typicalGap: null,
      weeklyGap: 0,
      method: 'milp',
    } satisfies Fleet;
    const [line] = priced(ec2InstanceLines(fleet, { linux: 'ec2', windows: 'ec2-windows' }));
    expect(line).toMatchObject({
      priceId: 'ec2-windows:m5.large',
      description: 'm5.large Windows instances, 168 instance-hours a week (peak 1, typical 0)',
      unit: 'instance-hour',
      missing: true,
    });
  });

  it('load-balancer: hours and LCUs, and one public address per zone for an internet-facing one only', () => {
    const usage = { lcu: 2, availabilityZones: 3 };
    // 730 × 0.0225 = 16.425; 730 × 2 × 0.008 = 11.68; 730 × 3 × 0.005 = 10.95.
    expect(cents(loadBalancerLines([{ scheme: 'public', services: ['web'] }], usage))).toEqual([
      '16.43',
      '11.68',
      '10.95',
    ]);
    expect(cents(loadBalancerLines([{ scheme: 'internal', services: ['api'] }], usage))).toEqual([
      '16.43',
      '11.68',
    ]);
  });

  it('load-balancer: every ALB of a split scheme pays its hours and addresses; the scheme’s LCUs are charged once', () => {
    const usage = { lcu: 2, availabilityZones: 3 };
    const lbs = [
      { scheme: 'public' as const, services: ['a'] },
      { scheme: 'public' as const, services: ['b'] },
      { scheme: 'internal' as const, services: ['c'] },
    ];
    const lines = loadBalancerLines(lbs, usage);
    // Public: 2 × 16.425 hours; 730 × 2 × 0.008 = 11.68 once; 2 ALBs × 3 zones × 730 × 0.005 = 21.90.
    // Internal: 16.425 + 11.68.
    expect(cents(lines)).toEqual(['16.43', '16.43', '11.68', '21.90', '16.43', '11.68']);
    expect(lines.map((l) => l.description.slice(0, 52))).toEqual([
      'Internet-facing Application Load Balancer 1 of 2 for',
      'Internet-facing Application Load Balancer 2 of 2 for',
      'Internet-facing ALB capacity units, 2 LCU on average',
      'Public IPv4 addresses of the 2 internet-facing ALBs,',
      'Internal Application Load Balancer for c, 730 hours',
      'Internal ALB capacity units, 2 LCU on average',
    ]);
    expect(lines.filter((l) => l.priceId === 'alb:hour')).toHaveLength(3);
  });

  it('nat-gateway: hours, Elastic IPs and data, in the unit a found price carries', () => {
    const lines = priced(natGatewayLines({ gateways: 2, dataGBPerMonth: 100, availabilityZones: 2 }));
    // 2 × 730 × 0.045 = 65.70; 2 × 730 × 0.005 = 7.30; 100 × 0.045 = 4.50.
    expect(lines.map((l) => [l.unit, formatCents(toMoney(l.monthlyUsd!))])).toEqual([
      ['gateway-hour', '65.70'],
      ['address-hour', '7.30'],
      ['GB', '4.50'],
    ]);
    expect(natGatewayLines({ gateways: 0, dataGBPerMonth: 100, availabilityZones: 2 })).toEqual([]);
    // A missing NAT price keeps the same unit as a found one.
    expect(
      priceLine(natGatewayLines({ gateways: 1, dataGBPerMonth: 0, availabilityZones: 2 })[0]!, {
        prices: new Map(),
        warnings: [],
      }),
    ).toMatchObject({ unit: 'gateway-hour', missing: true });
  });

  it('eks-control-plane: $73 a month on standard support, and CoreDNS pods billed at their Fargate size', () => {
    expect(cents(eksControlPlaneLines(false))).toEqual(['73.00']);
    // 2 pods × 730 h × (0.25 vCPU × 0.04048 + 0.5 GB × 0.004445) = 14.7808 + 3.24485.
    expect(cents(coreDnsOnFargateLines(2, { vcpu: 0.25, memoryMiB: 512 }))).toEqual(['14.78', '3.24']);
  });

  it('bills the Auto Mode fee for the instance-hours of the fleet, and flags a type without a fee', () => {
    const fleet = {
      instanceMinutesPerWeek: [
        { instanceType: 'm5.large', minutes: 168 * 60 * 2 },
        { instanceType: 'm5.xlarge', minutes: 84 * 60 },
      ],
    } as unknown as Fleet;
    const lines = managementFeeLines(fleet, 'eks-auto-mode').map((spec) => priceLine(spec, LOOKUP));
    // Two m5.large all week: 2 × 730 = 1460 instance-hours × $0.01152 = $16.8192.
    expect(lines[0]).toMatchObject({
      description: 'EKS Auto Mode management fee on m5.large, 336 instance-hours a week',
      quantity: '1460',
      monthlyUsd: '16.8192',
      priceId: 'eks-auto-mode-fee:m5.large',
    });
    expect(formatCents(toMoney(lines[0]!.monthlyUsd!))).toBe('16.82');
    // Half the week: 365 instance-hours, and no fee price: missing, not zero.
    expect(lines[1]).toMatchObject({
      quantity: '365',
      monthlyUsd: null,
      missing: true,
      unit: 'instance-hour',
    });
  });
});
