/** @module price-candidate: sizes and prices one candidate into line items. */
import type { FargateSize } from '../pricing/fargate-sizes.js';
import { discountLine, type LineItem, type LineSpec, priceLine } from '../pricing/line-item.js';
import { HOURS_PER_MONTH, type Money, sumMoney, toMoney } from '../pricing/money.js';
import type { PriceLookup } from '../pricing/price-source.js';
import { COREDNS, type Ec2Fleet } from '../sizing/ec2-fleet.js';
import { eksFargatePodSize } from '../sizing/fargate-size.js';
import { baseTaskHoursPerMonth, fargateUsage } from '../sizing/fargate-usage.js';
import type { NormalisedService, NormalisedWorkload } from '../workload/normalise.js';
import type { Candidate } from './candidate.js';
import type { CandidateCost, FargateSizing } from './candidate-cost.js';
import type { PurchaseOptions } from './settings.js';

const INCLUDED_EPHEMERAL_GIB = 20;

export interface PricingContext {
  workload: NormalisedWorkload;
  lookup: PriceLookup;
  fargateSizes: readonly FargateSize[];
  purchaseOptions: PurchaseOptions;
  /** Sizes the EC2 fleet for the services a candidate places on EC2. */
  planFleet: (orchestrator: 'ecs' | 'eks', services: readonly NormalisedService[]) => Promise<Ec2Fleet>;
}

/** Prices a feasible candidate; shared items (load balancer, NAT, registry) are the same for every candidate. */
export async function priceCandidate(candidate: Candidate, ctx: PricingContext): Promise<CandidateCost> {
  const { workload, lookup } = ctx;
  const lines: LineItem[] = [];
  const notes: string[] = [];
  const purchaseOptions: string[] = [];
  const fargate: FargateSizing[] = [];
  const byName = new Map(workload.services.map((s) => [s.name, s]));
  const placed = (compute: 'fargate' | 'ec2') =>
    candidate.placements.filter((p) => p.compute === compute).map((p) => byName.get(p.service)!);

  for (const service of placed('fargate')) {
    const sized = priceFargateService(service, candidate.orchestrator, ctx);
    lines.push(...sized.lines);
    fargate.push(sized.sizing);
    if (sized.sizing.spot)
      purchaseOptions.push(`Fargate Spot for ${service.name} (two-minute interruption notice)`);
  }

  const ec2Services = placed('ec2');
  let fleet: CandidateCost['fleet'] = null;
  let ec2Spot = false;
  if (ec2Services.length > 0) {
    const planned = await ctx.planFleet(candidate.orchestrator, ec2Services);
    fleet = planned.summary;
    notes.push(...planned.notes);
    const fleetLines = planned.lines.map((spec) => priceLine(spec, lookup));
    lines.push(...fleetLines);
    lines.push(...volumeLines(ec2Services).map((spec) => priceLine(spec, lookup)));
    ec2Spot = ec2Services.every((s) => s.interruptible);
    if (ec2Spot) {
      const spot = ctx.purchaseOptions.ec2Spot;
      const base = knownTotal(fleetLines);
      lines.push(
        discountLine('discount:ec2-spot', 'EC2 Spot instead of on-demand', base, spot.discount, spot.source),
      );
      purchaseOptions.push(spot.assumption);
    }
  }

  if (candidate.orchestrator === 'eks') lines.push(...eksLines(workload, ec2Services.length === 0, ctx));
  lines.push(...sharedLines(workload).map((spec) => priceLine(spec, lookup)));
  lines.push(...savingsPlanLines(workload, lines, ctx.purchaseOptions, purchaseOptions, ec2Spot));

  const missing = lines.filter((l) => l.missing);
  if (missing.length > 0) {
    notes.push(
      `${missing.length} line(s) have no price in the ${workload.region} price data (${[
        ...new Set(missing.map((l) => l.priceId)),
      ].join(', ')}): the total leaves them out`,
    );
  }
  return {
    monthlyUsd: knownTotal(lines).toString(),
    lineItems: lines,
    complete: missing.length === 0,
    missingPriceIds: [...new Set(missing.map((l) => l.priceId ?? ''))],
    fargate,
    fleet,
    ec2Spot,
    purchaseOptions,
    notes,
  };
}

function priceFargateService(
  service: NormalisedService,
  orchestrator: 'ecs' | 'eks',
  ctx: PricingContext,
): { lines: LineItem[]; sizing: FargateSizing } {
  const usage = fargateUsage(service, orchestrator, ctx.fargateSizes);
  if (usage === null) {
    // The rules exclude such candidates; reaching here means the rules and the size table disagree.
    throw new Error(`${service.name} fits no Fargate size although no rule excluded it`);
  }
  const os = service.os;
  // On ECS a multi-arch image runs on Graviton, which is cheaper, when the region has Arm prices.
  const arch = chooseFargateArchitecture(service, orchestrator, ctx.lookup);
  const spot = orchestrator === 'ecs' && service.interruptible && os === 'linux';
  const hours = usage.taskHoursPerMonth;
  const size = `${usage.billed.vcpu} vCPU / ${usage.billed.memoryMiB / 1024} GB billed (requested ${usage.requested.vcpu} vCPU / ${usage.requested.memoryMiB} MiB)`;
  // A long-running service on Fargate Spot keeps one task on regular Fargate (capacity provider base 1),
  // so a Spot reclaim never takes it down; a batch job runs wholly on Spot. The starter code does the same.
  const baseHours = spot && service.traffic.pattern !== 'batch' ? baseTaskHoursPerMonth(service) : toMoney(0);
  const segments = [
    { kind: 'fargate', hours: spot ? baseHours : hours, label: spot ? ' (base task, on demand)' : '' },
    { kind: 'fargate-spot', hours: spot ? hours.minus(baseHours) : toMoney(0), label: ' Spot' },
  ].filter((segment) => !segment.hours.isZero());
  const name = `${service.name}: ${arch === 'arm64' ? 'Arm ' : ''}${os === 'windows' ? 'Windows ' : ''}Fargate`;
  const specs: LineSpec[] = segments.flatMap(({ kind, hours: h, label }) => [
    {
      category: 'compute' as const,
      service: service.name,
      description: `${name}${label} vCPU, ${size}, ${fmt(h)} task-hours`,
      quantity: h.times(usage.billed.vcpu),
      priceId: `${kind}:${arch}:${os}:vcpu`,
      unit: 'vCPU-hour',
    },
    {
      category: 'compute' as const,
      service: service.name,
      description: `${name}${label} memory, ${size}, ${fmt(h)} task-hours`,
      quantity: h.times(usage.billed.memoryMiB).dividedBy(1024),
      priceId: `${kind}:${arch}:${os}:gb`,
      unit: 'GB-hour',
    },
  ]);
  const ephemeral = service.needs.ephemeralStorageGiB ?? 0;
  if (ephemeral > INCLUDED_EPHEMERAL_GIB) {
    specs.push({
      category: 'storage',
      service: service.name,
      description: `${service.name}: ephemeral storage above the included 20 GB (${ephemeral} GB per task)`,
      quantity: hours.times(ephemeral - INCLUDED_EPHEMERAL_GIB),
      priceId: 'fargate:ephemeral-gb',
      unit: 'GB-hour',
    });
  }
  return {
    lines: specs.map((s) => priceLine(s, ctx.lookup)),
    sizing: {
      service: service.name,
      requested: usage.requested,
      billed: { vcpu: usage.billed.vcpu, memoryMiB: usage.billed.memoryMiB },
      architecture: arch,
      spot,
    },
  };
}

function chooseFargateArchitecture(
  service: NormalisedService,
  orchestrator: 'ecs' | 'eks',
  lookup: PriceLookup,
): 'x86_64' | 'arm64' {
  if (orchestrator === 'eks' || service.os === 'windows') return 'x86_64';
  if (service.architecture !== 'any') return service.architecture;
  const kind = service.interruptible ? 'fargate-spot' : 'fargate';
  const armPriced =
    lookup.prices.has(`${kind}:arm64:linux:vcpu`) && lookup.prices.has(`${kind}:arm64:linux:gb`);
  return armPriced ? 'arm64' : 'x86_64';
}

function eksLines(workload: NormalisedWorkload, allFargate: boolean, ctx: PricingContext): LineItem[] {
  const extended = workload.requirements.eksExtendedSupport;
  const specs: LineSpec[] = [
    {
      category: 'control-plane',
      service: null,
      description: `EKS cluster control plane, ${extended ? 'extended' : 'standard'} support, ${HOURS_PER_MONTH} hours`,
      quantity: toMoney(HOURS_PER_MONTH),
      priceId: extended ? 'eks:cluster-extended' : 'eks:cluster-standard',
      unit: 'cluster-hour',
    },
  ];
  if (allFargate) {
    const pod = eksFargatePodSize(COREDNS.vcpu, COREDNS.memoryMiB, ctx.fargateSizes);
    if (pod) {
      const hours = toMoney(COREDNS.replicas * HOURS_PER_MONTH);
      const size = `${pod.vcpu} vCPU / ${pod.memoryMiB / 1024} GB billed`;
      specs.push(
        {
          category: 'control-plane',
          service: null,
          description: `CoreDNS pods on Fargate (${COREDNS.replicas} replicas), vCPU, ${size}`,
          quantity: hours.times(pod.vcpu),
          priceId: 'fargate:x86_64:linux:vcpu',
          unit: 'vCPU-hour',
        },
        {
          category: 'control-plane',
          service: null,
          description: `CoreDNS pods on Fargate (${COREDNS.replicas} replicas), memory, ${size}`,
          quantity: hours.times(pod.memoryMiB).dividedBy(1024),
          priceId: 'fargate:x86_64:linux:gb',
          unit: 'GB-hour',
        },
      );
    }
  }
  return specs.map((s) => priceLine(s, ctx.lookup));
}

/** EBS volumes of EC2-placed services: priced per GB-month, one volume per replica at the peak. */
function volumeLines(services: readonly NormalisedService[]): LineSpec[] {
  return services
    .filter((s) => s.needs.persistentVolume !== null)
    .map((s) => {
      const volume = s.needs.persistentVolume!;
      return {
        category: 'storage' as const,
        service: s.name,
        description: `${s.name}: gp3 EBS volume of ${volume.sizeGiB} GB × ${s.stats.peakReplicas} replicas`,
        quantity: toMoney(volume.sizeGiB).times(s.stats.peakReplicas),
        priceId: 'ebs:gp3-gb-month',
        unit: 'GB-month',
      };
    });
}

/** The load balancer, NAT gateways, public IPv4 addresses and registry: the same for every candidate. */
export function sharedLines(workload: NormalisedWorkload): LineSpec[] {
  const net = workload.network;
  const month = toMoney(HOURS_PER_MONTH);
  const specs: LineSpec[] = [];
  // One ALB per exposure: internet-facing for public services, internal for the others, so internal
  // services never sit behind an internet-facing load balancer (the starter code does the same).
  for (const exposure of ['public', 'internal'] as const) {
    const behind = workload.services.filter((s) => s.exposure === exposure);
    if (behind.length === 0) continue;
    const which = exposure === 'public' ? 'Internet-facing' : 'Internal';
    specs.push(
      {
        category: 'load-balancing',
        service: null,
        description: `${which} Application Load Balancer for ${behind.map((s) => s.name).join(', ')}, ${HOURS_PER_MONTH} hours`,
        quantity: month,
        priceId: 'alb:hour',
        unit: 'load-balancer-hour',
      },
      {
        category: 'load-balancing',
        service: null,
        description: `${which} ALB capacity units, ${net.loadBalancerLcu} LCU on average`,
        quantity: month.times(net.loadBalancerLcu),
        priceId: 'alb:lcu-hour',
        unit: 'LCU-hour',
      },
    );
    if (exposure === 'public') {
      specs.push({
        category: 'network',
        service: null,
        description: `Public IPv4 addresses of the internet-facing ALB, one per Availability Zone (${net.availabilityZones})`,
        quantity: month.times(net.availabilityZones),
        priceId: 'vpc:public-ipv4-hour',
        unit: 'address-hour',
      });
    }
  }
  if (net.natGateways > 0) {
    specs.push(
      {
        category: 'network',
        service: null,
        description: `NAT gateways for the private subnets (${net.natGateways})`,
        quantity: month.times(net.natGateways),
        priceId: 'nat:hour',
        unit: 'NAT-gateway-hour',
      },
      {
        category: 'network',
        service: null,
        description: `Elastic IP addresses of the NAT gateways (${net.natGateways})`,
        quantity: month.times(net.natGateways),
        priceId: 'vpc:public-ipv4-hour',
        unit: 'address-hour',
      },
    );
    if (net.natDataGBPerMonth > 0) {
      specs.push({
        category: 'network',
        service: null,
        description: `Data processed by the NAT gateways (${net.natDataGBPerMonth} GB a month)`,
        quantity: toMoney(net.natDataGBPerMonth),
        priceId: 'nat:gb',
        unit: 'GB',
      });
    }
  }
  if (workload.registryStorageGB > 0) {
    specs.push({
      category: 'storage',
      service: null,
      description: `ECR image storage (${workload.registryStorageGB} GB)`,
      quantity: toMoney(workload.registryStorageGB),
      priceId: 'ecr:gb-month',
      unit: 'GB-month',
    });
  }
  return specs;
}

/** A Savings Plan discounts on-demand compute (not Spot), at the stated assumed rate. */
function savingsPlanLines(
  workload: NormalisedWorkload,
  lines: readonly LineItem[],
  options: PurchaseOptions,
  applied: string[],
  ec2Spot: boolean,
): LineItem[] {
  const term = workload.requirements.savingsPlans;
  if (term === 'none') return [];
  const plan = options.savingsPlans[term];
  const onDemand = (prefix: string) =>
    lines.filter((l) => l.category === 'compute' && l.priceId?.startsWith(prefix));
  const covered = [
    { kind: 'ec2', label: 'EC2', lines: ec2Spot ? [] : onDemand('ec2'), rate: plan.ec2 },
    { kind: 'fargate', label: 'Fargate', lines: onDemand('fargate:'), rate: plan.fargate },
  ] as const;
  const out = covered
    .filter((c) => c.lines.length > 0)
    .map((c) =>
      discountLine(
        `discount:${c.kind}-savings-plan`,
        `Compute Savings Plan (${term}) on ${c.label}`,
        knownTotal(c.lines),
        c.rate,
        plan.source,
      ),
    );
  if (out.length > 0) applied.push(plan.assumption);
  return out;
}

export function knownTotal(lines: readonly LineItem[]): Money {
  return sumMoney(lines.filter((l) => l.monthlyUsd !== null).map((l) => toMoney(l.monthlyUsd!)));
}

function fmt(value: Money): string {
  return value.toDecimalPlaces(2).toString();
}
