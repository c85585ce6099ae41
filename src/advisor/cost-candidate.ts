/**
 * @module cost-candidate: composes one candidate's monthly cost from the cost wing (src/costs/), reading
 * the sizes (sizing/) and the deployment decisions (deployment/) made for it. Line order is the bill's:
 * Fargate tasks, EC2 instances and volumes, Spot, the EKS cluster, load balancers, NAT, registry, image pulls,
 * Savings Plans.
 */
import { containerInsightsLines, containerLogGBPerMonth, logLines } from '../costs/cloudwatch.js';
import { ec2BaselineHourlyUsd, fargateBaselineHourlyUsd } from '../costs/compute-baseline.js';
import { dedicatedRegionFeeLines } from '../costs/dedicated-fee.js';
import { ebsVolumeLines, fargateTaskVolumeLines } from '../costs/ebs.js';
import { ec2InstanceLines, systemNodeLines } from '../costs/ec2-instances.js';
import { ecrStorageLines } from '../costs/ecr.js';
import { coreDnsOnFargateLines, eksControlPlaneLines } from '../costs/eks-control-plane.js';
import { fargateTaskLines } from '../costs/fargate.js';
import { imagePullLines } from '../costs/image-pulls.js';
import { internetEgressLines } from '../costs/internet-egress.js';
import { knownTotal, type LineSpec, priceLine } from '../costs/line.js';
import { loadBalancerLines } from '../costs/load-balancer.js';
import { managementFeeLines } from '../costs/management-fee.js';
import { natGatewayLines } from '../costs/nat-gateway.js';
import { rootVolumeLines } from '../costs/root-volumes.js';
import { savingsPlanLines } from '../costs/savings-plan.js';
import { ec2SpotDiscountLine } from '../costs/spot.js';
import type { Candidate } from '../model/candidate.js';
import type { CandidateCost, FargateSizing, Fleet, LineItem } from '../model/cost.js';
import type { Deployment } from '../model/deployment.js';
import { CANDIDATE_SHAPES } from '../model/vocabulary.js';
import { formatCents, toMoney } from '../pricing/money.js';
import type { Ec2VariantByOs } from '../pricing/price-ids.js';
import type { PriceLookup } from '../pricing/price-source.js';
import type { FargateUsage } from '../sizing/fargate-usage.js';
import { defaultNodeDiskGiB } from '../sizing/root-volumes.js';
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
    lines.push(...price(fargateTaskVolumeLines(service, usage.taskHoursPerMonth)));
    if (sizing.spot)
      purchaseOptions.push(`Fargate Spot for ${service.name} (two-minute interruption notice)`);
  }

  if (sized.ec2 !== null) {
    notes.push(...sized.ec2.notes);
    const osOf = new Map(sized.ec2.services.map((s) => [s.name, s.os]));
    const fleetLines = price(
      ec2InstanceLines(sized.ec2.fleet, ec2PriceVariants(sized.ec2.services), (service) =>
        osOf.get(service) === 'windows' ? 'windows' : 'linux',
      ),
    );
    lines.push(...fleetLines);
    const { nodes } = CANDIDATE_SHAPES[sized.candidate.id];
    if (nodes !== 'self-managed') {
      // Billed on every instance-hour whatever the purchase option, so neither Spot nor a plan discounts it.
      const fees = price(managementFeeLines(sized.ec2.fleet, nodes));
      lines.push(...fees);
      const assumed = fees.filter((l) => l.confirmed === false);
      if (assumed.length > 0)
        notes.push(
          `the ${sized.candidate.label} management fee is an assumption, not a published price, on ${assumed.length} instance type(s): ${assumed.map((line) => line.source).join('; ')}`,
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
  const system = sized.candidate.orchestrator === 'eks' ? sized.deployment.systemNodes : null;
  lines.push(
    ...price(
      rootVolumeLines({
        fleet: sized.ec2?.fleet ?? null,
        volumes: sized.deployment.rootVolumes,
        system: system === null ? null : { nodes: system, gib: defaultNodeDiskGiB('eks', 'linux') },
      }),
    ),
  );
  const dedicatedFleet = sized.ec2 !== null && dedicatedTenancy(sized.ec2.services);
  if (dedicatedFleet || sized.deployment.systemNodes?.dedicated === true)
    lines.push(...price(dedicatedRegionFeeLines(workload.region)));
  const net = workload.network;
  lines.push(
    ...price(
      loadBalancerLines(sized.deployment.loadBalancers, {
        lcu: net.loadBalancerLcu,
        availabilityZones: net.availabilityZones,
      }),
    ),
  );
  lines.push(
    ...price(
      natGatewayLines({
        gateways: net.natGateways,
        dataGBPerMonth: net.natDataGBPerMonth,
        availabilityZones: net.availabilityZones,
      }),
    ),
  );
  lines.push(...price(internetEgressLines(net.internetEgressGBPerMonth)));
  lines.push(...price(ecrStorageLines(workload.registryStorageGB)));
  const pulls = imagePullLines({
    fargate: sized.fargate.map((f) => f.service),
    ec2: sized.ec2 ? { services: sized.ec2.services, placement: sized.ec2.fleet.placement } : null,
    natGateways: net.natGateways,
    availabilityZones: net.availabilityZones,
    vpcEndpoints: net.vpcEndpoints,
  });
  lines.push(...price(pulls.specs));
  const natGb = lookup.prices.get('nat:gb');
  if (pulls.path === 's3-gateway-endpoint' && !pulls.monthlyGB.isZero() && natGb !== undefined) {
    const viaNat = pulls.monthlyGB.times(toMoney(natGb.usd));
    notes.push(
      `Image layers (${pulls.monthlyGB.toDecimalPlaces(2)} GB a month) are priced through an S3 gateway endpoint, which costs nothing; through the NAT gateways they would cost $${formatCents(viaNat)} a month. Add the endpoint to the private subnets' route tables: the starter code uses your VPC and does not create it.`,
    );
  }
  if (pulls.path === 'none')
    notes.push(
      'No NAT gateway and no VPC endpoints (network.vpcEndpoints: none): the tasks cannot reach ECR from private subnets, and image pulls are not priced',
    );

  // What the starter code sends to CloudWatch: the ECS tasks' logs and Container Insights; on EKS, the
  // control plane's logs (its pods' logs are not shipped).
  if (sized.candidate.orchestrator === 'ecs') {
    const services = [...sized.fargate.map((f) => f.service), ...(sized.ec2?.services ?? [])];
    lines.push(...price(logLines("the containers' logs", containerLogGBPerMonth(services))));
    lines.push(...price(containerInsightsLines(services.length)));
  } else {
    const controlPlane = toMoney(net.controlPlaneLogGBPerMonth);
    lines.push(...price(logLines('the EKS control plane (api, audit, authenticator)', controlPlane)));
  }

  const term = workload.requirements.savingsPlans;
  if (term !== 'none') {
    const plan = options.savingsPlans[term];
    const ec2 = sized.ec2;
    const baseline = {
      ec2HourlyUsd:
        ec2 === null || sized.ec2Spot
          ? toMoney(0)
          : ec2BaselineHourlyUsd(ec2.fleet.floor, ec2PriceVariants(ec2.services), lookup),
      fargateHourlyUsd: fargateBaselineHourlyUsd(sized.fargate, lookup),
    };
    const discounts = savingsPlanLines(term, baseline, plan);
    if (ec2 !== null && !sized.ec2Spot && baseline.ec2HourlyUsd.isZero())
      purchaseOptions.push(
        `No Savings Plan on EC2: no instance runs every minute of the week at one type (the fleet's floor is empty, or unpriced), so a commitment could go unused`,
      );
    if (sized.fargate.length > 0 && baseline.fargateHourlyUsd.isZero())
      purchaseOptions.push(
        'No Savings Plan on Fargate: no on-demand task runs in every hour of the week (or its rate is unpriced), so a commitment could go unused',
      );
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

/** Whether a fleet's nodes are single-tenant: a service on it requires dedicated tenancy. */
export function dedicatedTenancy(services: readonly NormalisedService[]): boolean {
  return services.some((s) => s.needs.dedicatedTenancy);
}

/**
 * How each node of a fleet is priced, by its OS: Linux nodes at the Linux shared-tenancy rate (`ec2:`), Windows
 * nodes at the Windows rate (`ec2-windows:`); every node at the dedicated rate where the fleet is dedicated.
 * A fleet with Linux and Windows services has nodes of each (sizing/ec2-fleet.ts), each priced at its own OS's.
 */
export function ec2PriceVariants(services: readonly NormalisedService[]): Ec2VariantByOs {
  if (dedicatedTenancy(services)) return { linux: 'ec2-dedicated', windows: 'ec2-dedicated' };
  return { linux: 'ec2', windows: 'ec2-windows' };
}
