/**
 * @module cost-candidate: composes one candidate's monthly cost from the cost wing (src/costs/), reading
 * the sizes (sizing/) and the deployment decisions (deployment/) made for it. Line order is the bill's:
 * Fargate tasks, EC2 instances and volumes, Spot, the EKS cluster, load balancers, NAT, registry, Savings Plans.
 */
import { ebsVolumeLines } from '../costs/ebs.js';
import { ec2InstanceLines, systemNodeLines } from '../costs/ec2-instances.js';
import { ecrStorageLines } from '../costs/ecr.js';
import { coreDnsOnFargateLines, eksControlPlaneLines } from '../costs/eks-control-plane.js';
import { fargateTaskLines } from '../costs/fargate.js';
import { knownTotal, type LineSpec, priceLine } from '../costs/line.js';
import { loadBalancerLines } from '../costs/load-balancer.js';
import { managementFeeLines } from '../costs/management-fee.js';
import { natGatewayLines } from '../costs/nat-gateway.js';
import { savingsPlanLines } from '../costs/savings-plan.js';
import { ec2SpotDiscountLine } from '../costs/spot.js';
import type { Candidate } from '../model/candidate.js';
import type { CandidateCost, FargateSizing, Fleet, LineItem } from '../model/cost.js';
import type { Deployment } from '../model/deployment.js';
import { CANDIDATE_SHAPES } from '../model/vocabulary.js';
import type { Ec2PriceVariant } from '../pricing/price-ids.js';
import type { PriceLookup } from '../pricing/price-source.js';
import type { FargateUsage } from '../sizing/fargate-usage.js';
import type { NormalisedService, NormalisedWorkload } from '../workload/normalised-schema.js';
import type { PurchaseOptions } from './settings.js';

/** What sizing and the deployment decisions produced for one candidate. */
export interface SizedCandidate {
  candidate: Candidate;
  fargate: { sizing: FargateSizing; usage: FargateUsage; service: NormalisedService }[];
  /** The EC2 fleet and its services, or null when nothing runs on EC2. */
  ec2: { fleet: Fleet; services: NormalisedService[]; notes: string[] } | null;
  /** CoreDNS pods billed on Fargate (an all-Fargate EKS cluster), or null. */
  coreDnsOnFargate: { replicas: number; pod: { vcpu: number; memoryMiB: number } } | null;
  deployment: Deployment;
  ec2Spot: boolean;
}

export interface CostContext {
  workload: NormalisedWorkload;
  lookup: PriceLookup;
  purchaseOptions: PurchaseOptions;
}

export function costCandidate(sized: SizedCandidate, ctx: CostContext): CandidateCost {
  const { workload, lookup, purchaseOptions: options } = ctx;
  const price = (specs: readonly LineSpec[]) => specs.map((spec) => priceLine(spec, lookup));
  const lines: LineItem[] = [];
  const notes: string[] = [];
  const purchaseOptions: string[] = [];

  for (const { sizing, usage, service } of sized.fargate) {
    lines.push(
      ...price(
        fargateTaskLines({
          sizing,
          os: service.os,
          taskHoursPerMonth: usage.taskHoursPerMonth,
          onDemandBaseHoursPerMonth: usage.baseTaskHoursPerMonth.times(sizing.onDemandBaseTasks),
          ephemeralStorageGiB: service.needs.ephemeralStorageGiB,
        }),
      ),
    );
    if (sizing.spot)
      purchaseOptions.push(`Fargate Spot for ${service.name} (two-minute interruption notice)`);
  }

  if (sized.ec2 !== null) {
    notes.push(...sized.ec2.notes);
    const fleetLines = price(ec2InstanceLines(sized.ec2.fleet, ec2PriceVariant(sized.ec2.services)));
    lines.push(...fleetLines);
    const { nodes } = CANDIDATE_SHAPES[sized.candidate.id];
    if (nodes !== 'self-managed') {
      // Billed on every instance-hour whatever the purchase option, so neither Spot nor a plan discounts it.
      const fees = price(managementFeeLines(sized.ec2.fleet, nodes));
      lines.push(...fees);
      const assumed = fees.filter((l) => l.confirmed === false);
      if (assumed.length > 0)
        notes.push(
          `the ${sized.candidate.label} management fee is an assumption, not a published price, on ${assumed.length} instance type(s): ${assumed[0]!.source}`,
        );
    }
    lines.push(...price(ebsVolumeLines(sized.ec2.services)));
    if (sized.ec2Spot) {
      lines.push(ec2SpotDiscountLine(knownTotal(fleetLines), options.ec2Spot));
      purchaseOptions.push(options.ec2Spot.assumption);
    }
  }

  if (sized.candidate.orchestrator === 'eks') {
    lines.push(...price(eksControlPlaneLines(workload.requirements.eksExtendedSupport)));
    const dns = sized.coreDnsOnFargate;
    if (dns !== null) lines.push(...price(coreDnsOnFargateLines(dns.replicas, dns.pod)));
    const system = sized.deployment.systemNodes;
    if (system !== null) lines.push(...price(systemNodeLines(system)));
  }
  const net = workload.network;
  for (const lb of sized.deployment.loadBalancers) {
    lines.push(
      ...price(loadBalancerLines(lb, { lcu: net.loadBalancerLcu, availabilityZones: net.availabilityZones })),
    );
  }
  lines.push(...price(natGatewayLines({ gateways: net.natGateways, dataGBPerMonth: net.natDataGBPerMonth })));
  lines.push(...price(ecrStorageLines(workload.registryStorageGB)));

  const term = workload.requirements.savingsPlans;
  if (term !== 'none') {
    const plan = options.savingsPlans[term];
    const discounts = savingsPlanLines(term, lines, plan, sized.ec2Spot);
    lines.push(...discounts);
    if (discounts.length > 0) purchaseOptions.push(plan.assumption);
  }

  const missing = lines.filter((l) => l.missing);
  const missingIds = [...new Set(missing.map((l) => l.priceId ?? ''))];
  if (missing.length > 0) {
    notes.push(
      `${missing.length} line(s) have no price in the ${workload.region} price data (${missingIds.join(', ')}): the total leaves them out`,
    );
  }
  return {
    monthlyUsd: knownTotal(lines).toString(),
    lineItems: lines,
    complete: missing.length === 0,
    missingPriceIds: missingIds,
    fargate: sized.fargate.map((f) => f.sizing),
    fleet: sized.ec2?.fleet ?? null,
    ec2Spot: sized.ec2Spot,
    purchaseOptions,
    notes,
  };
}

/** Windows and dedicated instances are priced differently from the Linux shared-tenancy rates. */
export function ec2PriceVariant(services: readonly NormalisedService[]): Ec2PriceVariant {
  if (services.some((s) => s.needs.dedicatedTenancy)) return 'ec2-dedicated';
  if (services.some((s) => s.os === 'windows')) return 'ec2-windows';
  return 'ec2';
}
