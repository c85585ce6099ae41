/**
 * @module size-and-price: the size → decide → price stage of advise(). Sizes every live candidate (Fargate
 * task sizes, EC2 fleets from the optimizer), makes its deployment decisions, fetches every price needed in
 * one lookup, and composes each candidate's cost from the cost wing.
 */
import { planFargatePurchase } from '../deployment/fargate-purchase.js';
import { describeKeptPod, pricedService } from '../deployment/kept-pod.js';
import { planDeployment } from '../deployment/plan-deployment.js';
import { SYSTEM_NODE_TYPE } from '../deployment/system-nodes.js';
import { keptIn } from '../memo.js';
import type { Candidate } from '../model/candidate.js';
import { type CandidateCost, nodeOs } from '../model/cost.js';
import type { Deployment } from '../model/deployment.js';
import type { Price, PriceId } from '../model/price.js';
import {
  CANDIDATE_SHAPES,
  type CandidateId,
  type NodeManagement,
  type Orchestrator,
} from '../model/vocabulary.js';
import type { PricedInstanceType } from '../optimizer/fleet-types.js';
import { assumeManagementFees } from '../pricing/assumed-fees.js';
import { loadFargateSizes } from '../pricing/fargate-sizes.js';
import type { InstanceType } from '../pricing/instance-type.js';
import {
  ec2VariantPriceId,
  fargatePriceId,
  managementFeePriceId,
  NON_EC2_PRICE_IDS,
} from '../pricing/price-ids.js';
import type { PriceLookup, PriceSource } from '../pricing/price-source.js';
import { COREDNS } from '../sizing/coredns.js';
import {
  capacityNotes,
  type Ec2Sizing,
  type FleetSolver,
  fleetCapacityModel,
  keepsTasksInPlace,
  planEc2Fleet,
} from '../sizing/ec2-fleet.js';
import { eksFargatePodSize } from '../sizing/fargate-size.js';
import { fargateUsage } from '../sizing/fargate-usage.js';
import { eligibleNodeTypes, type NodeTypeOptions } from '../sizing/node-types.js';
import type { NormalisedService, NormalisedWorkload } from '../workload/normalised-schema.js';
import { costCandidate, dedicatedTenancy, ec2PriceVariants, type SizedCandidate } from './cost-candidate.js';
import { chooseFleetPriceBasis } from './fleet-price-basis.js';
import type { FleetSettings, ManagementFeeSettings, PurchaseOptions } from './settings.js';

export interface SizeAndPriceInputs {
  workload: NormalisedWorkload;
  instanceTypes: readonly InstanceType[];
  priceSource: PriceSource;
  /** Always the embedded snapshot: it picks instance types; the chosen ones are then priced by priceSource. */
  snapshot: PriceSource;
  solve: FleetSolver;
  purchaseOptions: PurchaseOptions;
  /** Which types may be nodes, scale-out lead, second-architecture threshold (settings/fleet.yaml). */
  fleetSettings: FleetSettings;
  /** The fee assumed for AWS-managed nodes where no price source has it (settings/management-fees.yaml). */
  managementFees: ManagementFeeSettings;
}

export interface SizedAndPriced {
  costs: Map<CandidateId, CandidateCost>;
  deployments: Map<CandidateId, Deployment>;
  /** Every unit price a cost line used. */
  prices: Price[];
  warnings: string[];
  /** Price ids the snapshot lacks in the region that another source (the live API) supplied. */
  filledLive: PriceId[];
  /** The region whose prices chose the EC2 types, when not the workload's own (advisor/fleet-price-basis.ts). */
  fleetPriceReference: string | null;
}

export async function sizeAndPrice(
  candidates: readonly Candidate[],
  inputs: SizeAndPriceInputs,
): Promise<SizedAndPriced> {
  const { workload } = inputs;
  const region = workload.region;
  // ECS Managed Instances spread wider where the workload's subnets span three zones or more (fleetCapacityModel).
  const zones = workload.network.availabilityZones;
  const live = candidates.filter((c) => c.feasible && c.redundantWith === null);
  const warnings: string[] = [];
  const byName = new Map(workload.services.map((s) => [s.name, s]));
  // Each service as priced on its placement: a service from 0 that no queue starts counts the pod or task it
  // keeps (deployment/kept-pod.ts), as the starter code launches it.
  const placedOn = (c: Candidate, compute: 'fargate' | 'ec2') =>
    c.placements
      .filter((p) => p.compute === compute)
      .map((p) => pricedService(byName.get(p.service)!, c.orchestrator, compute));

  // 1. Size the EC2 fleets: one per orchestrator and set of EC2 services (mixed candidates often share one).
  const basis = await chooseFleetPriceBasis(region, inputs.instanceTypes, inputs.snapshot);
  const pricedTypes = basis.types;
  if (pricedTypes.length === 0)
    warnings.push(`no EC2 instance prices for ${region}: EC2 candidates cannot be sized`);
  // Fleets are sized concurrently: their solves share the solver threads (up to two, one per core).
  const pending = new Map<
    string,
    Promise<{
      sizing: Ec2Sizing;
      services: NormalisedService[];
      orchestrator: Orchestrator;
      nodes: NodeManagement;
    }>
  >();
  for (const c of live) {
    const services = placedOn(c, 'ec2');
    // ECS on EC2 and ECS Managed Instances share one capacity model, hence one solve (both keep their steady
    // services apart: keepsTasksInPlace), but for Managed Instances in three zones or more.
    const nodes = fleetCapacityModel(c.orchestrator, CANDIDATE_SHAPES[c.id].nodes, zones);
    const key = fleetKey(c.orchestrator, nodes, services);
    if (services.length === 0 || pending.has(key)) continue;
    const eligible = nodeTypesOf(pricedTypes, {
      orchestrator: c.orchestrator,
      previousGenerationFamilies: inputs.fleetSettings.previousGenerationFamilies,
      gpusRequested: services.some((s) => s.gpus.count > 0),
      nodes,
    });
    const sizing = planEc2Fleet({
      orchestrator: c.orchestrator,
      nodes,
      services,
      types: eligible,
      solve: inputs.solve,
      scaleOutLeadMinutes: inputs.fleetSettings.scaleOutLeadMinutes,
      secondArchitectureMinSaving: inputs.fleetSettings.secondArchitectureMinSaving,
      priceReference: basis.referenceRegion,
      steadyApart: keepsTasksInPlace(c.orchestrator),
    });
    pending.set(
      key,
      sizing.then((s) => ({
        sizing: basis.note === null ? s : { ...s, notes: [basis.note, ...s.notes] },
        services,
        orchestrator: c.orchestrator,
        nodes,
      })),
    );
  }
  // All at once: should one fail (or be stopped), the others' failures are handled too.
  const sized = await Promise.all(pending.values());
  const fleets = new Map([...pending.keys()].map((key, i) => [key, sized[i] as (typeof sized)[number]]));

  // 2. One price lookup for everything any candidate may bill.
  // Each node at its own OS's rate (a fleet of Linux and Windows services has nodes of both).
  const ec2Ids: PriceId[] = [...fleets.values()].flatMap(({ sizing, services }) => {
    const variants = ec2PriceVariants(services);
    const ids = sizing.fleet.instanceMinutesPerWeek.map((l) =>
      ec2VariantPriceId(l.instanceType, variants[nodeOs(l)]),
    );
    const unplaced = new Set(sizing.fleet.unplaced);
    for (const os of new Set(services.filter((s) => unplaced.has(s.name)).map((s) => s.os)))
      ids.push(ec2VariantPriceId('none', variants[os]));
    return ids;
  });
  // The fee of each type an AWS-managed candidate runs, and the on-demand price an assumed fee is a
  // share of (pricing/assumed-fees.ts).
  for (const c of live) {
    const { nodes } = CANDIDATE_SHAPES[c.id];
    const services = placedOn(c, 'ec2');
    if (nodes === 'self-managed' || services.length === 0) continue;
    const fleet = fleets.get(
      fleetKey(c.orchestrator, fleetCapacityModel(c.orchestrator, nodes, zones), services),
    );
    for (const { instanceType } of fleet?.sizing.fleet.instanceMinutesPerWeek ?? [])
      ec2Ids.push(managementFeePriceId(nodes, instanceType), ec2VariantPriceId(instanceType, 'ec2'));
  }
  // An EKS cluster on self-managed EC2 may also get its system node group (deployment/system-nodes.ts).
  for (const { orchestrator, services, nodes } of fleets.values()) {
    if (orchestrator !== 'eks' || nodes !== 'self-managed') continue;
    const dedicated = dedicatedTenancy(services);
    ec2Ids.push(ec2VariantPriceId(SYSTEM_NODE_TYPE, dedicated ? 'ec2-dedicated' : 'ec2'));
  }
  const ids: PriceId[] = [...NON_EC2_PRICE_IDS, ...new Set(ec2Ids)];
  const lookup = assumeManagementFees(
    await inputs.priceSource.getPrices(region, ids),
    ids,
    inputs.managementFees,
  );
  warnings.push(...lookup.warnings);

  // 3. Per candidate: Fargate purchase, deployment decisions, then the cost.
  const fargateSizes = loadFargateSizes();
  // On-demand Arm prices only: Fargate Spot runs no Arm tasks (deployment/fargate-purchase.ts).
  const armPriced = (['vcpu', 'gb'] as const).every((d) =>
    lookup.prices.has(fargatePriceId('fargate', 'arm64', 'linux', d)),
  );
  // Node pools look a type up for every node of a fleet's placement: index the catalog once (first wins, as find).
  const typesByName = new Map<string, InstanceType>();
  for (const t of inputs.instanceTypes) if (!typesByName.has(t.name)) typesByName.set(t.name, t);
  const findInstanceType = (name: string) => typesByName.get(name);
  const costs = new Map<CandidateId, CandidateCost>();
  const deployments = new Map<CandidateId, Deployment>();
  for (const c of live) {
    const fargate = placedOn(c, 'fargate').map((service) => {
      const usage = fargateUsage(service, c.orchestrator, fargateSizes);
      // The rules exclude such candidates; reaching here means the rules and the size table disagree.
      if (usage === null)
        throw new Error(`${service.name} fits no Fargate size although no rule excluded it`);
      return { sizing: planFargatePurchase(service, c.orchestrator, usage, armPriced), usage, service };
    });
    const ec2Services = placedOn(c, 'ec2');
    const { nodes } = CANDIDATE_SHAPES[c.id];
    const model = fleetCapacityModel(c.orchestrator, nodes, zones);
    const sizing =
      ec2Services.length > 0 ? fleets.get(fleetKey(c.orchestrator, model, ec2Services))?.sizing : undefined;
    const ec2Spot = ec2Services.length > 0 && ec2Services.every((s) => s.interruptible);
    const fleet = sizing?.fleet ?? null;
    const deployment = planDeployment({ candidate: c, workload, fleet, ec2Spot, findInstanceType });
    const dnsPod =
      c.orchestrator === 'eks' && ec2Services.length === 0
        ? eksFargatePodSize(COREDNS.vcpu, COREDNS.memoryMiB, fargateSizes)
        : null;
    const sized: SizedCandidate = {
      candidate: c,
      fargate,
      ec2: sizing
        ? {
            fleet: sizing.fleet,
            services: ec2Services,
            notes: [...capacityNotes(c.orchestrator, nodes, zones), ...sizing.notes],
          }
        : null,
      coreDnsOnFargate: dnsPod ? { replicas: COREDNS.replicas, pod: dnsPod } : null,
      deployment,
      ec2Spot,
    };
    const cost = costCandidate(sized, { workload, lookup, purchaseOptions: inputs.purchaseOptions });
    for (const p of c.placements) {
      const note = describeKeptPod(byName.get(p.service)!, c.orchestrator, p.compute);
      if (note !== null) cost.notes.push(note);
    }
    costs.set(c.id, cost);
    deployments.set(c.id, deployment);
  }
  const prices = usedPrices(lookup, costs);
  return {
    costs,
    deployments,
    prices,
    warnings,
    filledLive: await pricesNotInSnapshot(prices, inputs.snapshot, region),
    fleetPriceReference: fleets.size > 0 ? basis.referenceRegion : null,
  };
}

/** The used prices another source gave that the snapshot does not hold for the region. */
async function pricesNotInSnapshot(
  prices: Price[],
  snapshot: PriceSource,
  region: string,
): Promise<PriceId[]> {
  const elsewhere = prices.filter((p) => p.origin !== 'snapshot').map((p) => p.id);
  if (elsewhere.length === 0) return [];
  const held = await snapshot.getPrices(region, elsewhere);
  return elsewhere.filter((id) => !held.prices.has(id));
}

/**
 * The node types of a price basis under some options, worked out once: the basis is kept between calls
 * (advisor/fleet-price-basis.ts), and the same array for the same options lets the optimizer find its
 * per-catalog work by identity. Frozen: it is shared.
 */
function nodeTypesOf(
  pricedTypes: readonly PricedInstanceType[],
  options: NodeTypeOptions,
): PricedInstanceType[] {
  const byOptions = keptIn(nodeTypesByBasis, pricedTypes, () => new Map());
  const key = JSON.stringify([
    options.orchestrator,
    options.previousGenerationFamilies,
    options.gpusRequested ?? null,
    options.nodes ?? null,
  ]);
  // Frozen at run time (a solver that tried to change it would throw); typed as the solvers take it.
  return keptIn(
    byOptions,
    key,
    () => Object.freeze(eligibleNodeTypes(pricedTypes, options).types) as PricedInstanceType[],
  );
}

const nodeTypesByBasis = new WeakMap<readonly PricedInstanceType[], Map<string, PricedInstanceType[]>>();

function fleetKey(
  orchestrator: Orchestrator,
  nodes: NodeManagement,
  services: readonly NormalisedService[],
): string {
  return `${orchestrator}:${nodes}:${services.map((s) => s.name).join(',')}`;
}

function usedPrices(lookup: PriceLookup, costs: Map<CandidateId, CandidateCost>): Price[] {
  const used = new Set<string>();
  for (const cost of costs.values())
    for (const l of cost.lineItems) if (l.priceId && !l.missing) used.add(l.priceId);
  return [...used].sort().flatMap((id) => {
    const price = lookup.prices.get(id);
    return price ? [price] : [];
  });
}
