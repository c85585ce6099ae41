/**
 * @module image-pulls: the container image bytes pulled when Fargate tasks and EC2 nodes start, and the path
 * they take from ECR: through the NAT gateways, or an S3 gateway endpoint (ECR keeps image layers in S3).
 */
import type { PlacedFleetNode } from '../model/cost.js';
import { HOURS_PER_MONTH, type Money, toMoney } from '../pricing/money.js';
import { hourlyCapacityRisesPerWeek, taskLaunchesPerWeek } from '../workload/launches.js';
import type { NormalisedService } from '../workload/normalised-schema.js';
import { HOURS_PER_WEEK } from '../workload/profile.js';
import { formatQuantity, type LineSpec } from './line.js';

/** AWS bills data in GB of 1,024 MB (https://aws.amazon.com/vpc/pricing/ prices NAT data "per GB"). */
const MB_PER_GB = 1024;

/**
 * The ECR interface endpoints a task in a private subnet needs when nothing else reaches ECR:
 * `com.amazonaws.<region>.ecr.api` and `ecr.dkr`, each billed in every Availability Zone it serves
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html,
 * https://aws.amazon.com/privatelink/pricing/).
 */
export const ECR_INTERFACE_ENDPOINTS = ['ecr.api', 'ecr.dkr'] as const;

export interface ImagePullInput {
  /** Services whose every task launch pulls the image (Fargate tasks and pods). */
  fargate: readonly NormalisedService[];
  /** EC2 services and the fleet's peak placement: a node pulls an image once, when it starts. */
  ec2: { services: readonly NormalisedService[]; placement: readonly PlacedFleetNode[] } | null;
  natGateways: number;
  availabilityZones: number;
  vpcEndpoints: 'auto' | 'none';
}

/** How the image layers reach the tasks. */
export type PullPath = 'nat' | 's3-gateway-endpoint' | 'none';

export interface ImagePulls {
  path: PullPath;
  /** True when ECR interface endpoints are priced (there is no NAT gateway to reach ECR's API). */
  interfaceEndpoints: boolean;
  /** GB pulled a month, all services. */
  monthlyGB: Money;
  specs: LineSpec[];
}

/** Pulls a month of each service and the line items of their bytes and of the endpoints they need. */
export function imagePullLines(input: ImagePullInput): ImagePulls {
  const path: PullPath =
    input.vpcEndpoints === 'auto' ? 's3-gateway-endpoint' : input.natGateways > 0 ? 'nat' : 'none';
  const interfaceEndpoints = input.vpcEndpoints === 'auto' && input.natGateways === 0;
  const pulls = [
    ...input.fargate.map((service) => ({
      service,
      pulls: perMonth(taskLaunchesPerWeek(service)),
      what: 'task launches',
    })),
    ...(input.ec2?.services ?? []).map((service) => ({
      service,
      pulls: perMonth(nodePullsPerWeek(service, input.ec2?.placement ?? [])),
      what: 'node launches (EC2 nodes keep the image)',
    })),
  ];
  const specs: LineSpec[] = [];
  let monthlyGB = toMoney(0);
  for (const { service, pulls: count, what } of pulls) {
    const gb = count.times(service.imageSizeMB).dividedBy(MB_PER_GB);
    if (gb.isZero() || path === 'none') continue;
    monthlyGB = monthlyGB.plus(gb);
    const via =
      path === 'nat'
        ? 'through the NAT gateways'
        : 'through an S3 gateway endpoint (no charge; the starter code does not create it)';
    specs.push({
      category: 'network',
      service: service.name,
      description: `Image pulls of ${service.name} ${via}: ${formatQuantity(count)} ${what} a month × ${service.imageSizeMB} MB`,
      quantity: gb,
      priceId: path === 'nat' ? 'nat:gb' : 'vpc:gateway-endpoint-gb',
    });
  }
  if (interfaceEndpoints) {
    const count = ECR_INTERFACE_ENDPOINTS.length * input.availabilityZones;
    specs.push({
      category: 'network',
      service: null,
      description: `ECR interface endpoints (${ECR_INTERFACE_ENDPOINTS.join(', ')}) in ${input.availabilityZones} Availability Zones: no NAT gateway reaches ECR otherwise; the starter code does not create them`,
      quantity: toMoney(HOURS_PER_MONTH).times(count),
      priceId: 'vpc:interface-endpoint-hour',
    });
  }
  return { path, interfaceEndpoints, monthlyGB, specs };
}

/**
 * Nodes a service's image is pulled on per week: each rise of its hourly capacity needs new nodes, as many
 * as hold the new tasks at the peak placement's density (tasks of the service per node that runs it).
 */
export function nodePullsPerWeek(service: NormalisedService, placement: readonly PlacedFleetNode[]): number {
  const { nodes, tasks } = spreadOf(placement).get(service.name) ?? { nodes: 0, tasks: 0 };
  // A service the fleet could not place is counted as one task per node: more pulls, never fewer.
  const perNode = nodes === 0 ? 1 : tasks / nodes;
  return hourlyCapacityRisesPerWeek(service).reduce((sum, rise) => sum + Math.ceil(rise / perNode), 0);
}

/** Per placement, each service's nodes and tasks on them (see spreadOf). */
const spreads = new WeakMap<readonly PlacedFleetNode[], Map<string, { nodes: number; tasks: number }>>();

/**
 * Each service's nodes (those running at least one of its tasks) and its tasks on them, read from a
 * node's first entry for the service; worked out once per placement, which every EC2 service of every
 * candidate sharing the fleet reads.
 */
function spreadOf(placement: readonly PlacedFleetNode[]): Map<string, { nodes: number; tasks: number }> {
  let spread = spreads.get(placement);
  if (spread === undefined) {
    spread = new Map();
    for (const node of placement) {
      const seen = new Set<string>();
      for (const t of node.tasks) {
        if (seen.has(t.service)) continue;
        seen.add(t.service);
        if (!(t.count > 0)) continue;
        const entry = spread.get(t.service) ?? { nodes: 0, tasks: 0 };
        entry.nodes += 1;
        entry.tasks += t.count;
        spread.set(t.service, entry);
      }
    }
    spreads.set(placement, spread);
  }
  return spread;
}

function perMonth(perWeek: number): Money {
  return toMoney(perWeek).times(HOURS_PER_MONTH).dividedBy(HOURS_PER_WEEK);
}
