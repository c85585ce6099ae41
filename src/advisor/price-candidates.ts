/** @module price-candidates: sizes every feasible candidate, fetches the prices it needs, and prices it. */
import type { FleetPlan, PricedInstanceType } from '../optimizer/fleet-types.js';
import { loadFargateSizes } from '../pricing/fargate-sizes.js';
import type { InstanceType } from '../pricing/instance-type.js';
import { NON_EC2_PRICE_IDS } from '../pricing/price-ids.js';
import type { Price, PriceId, PriceLookup, PriceSource } from '../pricing/price-source.js';
import { type Ec2Fleet, type FleetSolver, planEc2Fleet } from '../sizing/ec2-fleet.js';
import type { NormalisedService, NormalisedWorkload } from '../workload/normalise.js';
import type { Candidate } from './candidate.js';
import type { CandidateCost } from './candidate-cost.js';
import { priceCandidate } from './price-candidate.js';
import type { PurchaseOptions } from './settings.js';

export interface PricingInputs {
  workload: NormalisedWorkload;
  instanceTypes: readonly InstanceType[];
  priceSource: PriceSource;
  /** Always the embedded snapshot: it picks instance types; the chosen ones are then priced by priceSource. */
  snapshot: PriceSource;
  solve: FleetSolver;
  purchaseOptions: PurchaseOptions;
  /** Families the fleet may not use (previous generation). */
  excludedFamilies: readonly string[];
}

export interface PricingResult {
  costs: Map<Candidate['id'], CandidateCost>;
  fleets: Map<Candidate['id'], FleetPlan>;
  prices: Price[];
  warnings: string[];
}

/** Ids that are never in the snapshot yet are asked for, so their lines are flagged rather than dropped. */
const EXTRA_PRICE_IDS = ['ebs:gp3-gb-month'];

export async function priceCandidates(
  candidates: readonly Candidate[],
  inputs: PricingInputs,
): Promise<PricingResult> {
  const { workload, priceSource } = inputs;
  const region = workload.region;
  const live = candidates.filter((c) => c.feasible && c.redundantWith === null);
  const warnings: string[] = [];

  const catalogIds = inputs.instanceTypes.map((t) => `ec2:${t.name}`);
  const snapshotEc2 = await inputs.snapshot.getPrices(region, catalogIds);
  const excluded = new Set(inputs.excludedFamilies);
  const pricedTypes: PricedInstanceType[] = inputs.instanceTypes.flatMap((t) => {
    const price = excluded.has(t.family) ? undefined : snapshotEc2.prices.get(`ec2:${t.name}`);
    return price ? [{ ...t, usdPerHour: price.usd }] : [];
  });
  if (pricedTypes.length === 0)
    warnings.push(`no EC2 instance prices for ${region}: EC2 candidates cannot be sized`);

  // Fleets are sized concurrently (each in a solver thread of its own when there are several).
  const fleets = new Map<string, Promise<Ec2Fleet>>();
  const fleetFor = (orchestrator: 'ecs' | 'eks', services: readonly NormalisedService[]) => {
    const key = `${orchestrator}:${services.map((s) => s.name).join(',')}`;
    let fleet = fleets.get(key);
    if (!fleet) {
      fleet = planEc2Fleet({
        orchestrator,
        services,
        types: pricedTypes,
        solve: inputs.solve,
        priceIdPrefix: ec2PricePrefix(services),
      });
      fleets.set(key, fleet);
    }
    return fleet;
  };
  const byName = new Map(workload.services.map((s) => [s.name, s]));
  for (const c of live) {
    const ec2 = c.placements.filter((p) => p.compute === 'ec2').map((p) => byName.get(p.service)!);
    if (ec2.length > 0) fleetFor(c.orchestrator, ec2);
  }

  const sized = await Promise.all(fleets.values());
  const ec2Ids = [...new Set(sized.flatMap((f) => f.lines.map((l) => l.priceId)))];
  const ids: PriceId[] = [...NON_EC2_PRICE_IDS, ...EXTRA_PRICE_IDS, ...ec2Ids];
  const lookup = await priceSource.getPrices(region, ids);
  warnings.push(...lookup.warnings);

  const costs = new Map<Candidate['id'], CandidateCost>();
  const peakPlans = new Map<Candidate['id'], FleetPlan>();
  const fargateSizes = loadFargateSizes();
  for (const c of live) {
    const cost = await priceCandidate(c, {
      workload,
      lookup,
      fargateSizes,
      purchaseOptions: inputs.purchaseOptions,
      planFleet: async (orchestrator, services) => {
        const fleet = await fleetFor(orchestrator, services);
        peakPlans.set(c.id, fleet.peakPlan);
        return fleet;
      },
    });
    costs.set(c.id, cost);
  }
  return { costs, fleets: peakPlans, prices: usedPrices(lookup, costs), warnings };
}

/** Windows and dedicated instances are priced differently from the Linux shared-tenancy rates. */
function ec2PricePrefix(services: readonly NormalisedService[]): string {
  if (services.some((s) => s.needs.dedicatedTenancy)) return 'ec2-dedicated';
  if (services.some((s) => s.os === 'windows')) return 'ec2-windows';
  return 'ec2';
}

function usedPrices(lookup: PriceLookup, costs: Map<Candidate['id'], CandidateCost>): Price[] {
  const used = new Set<string>();
  for (const cost of costs.values())
    for (const l of cost.lineItems) if (l.priceId && !l.missing) used.add(l.priceId);
  return [...used].sort().flatMap((id) => {
    const price = lookup.prices.get(id);
    return price ? [price] : [];
  });
}
