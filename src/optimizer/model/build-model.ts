/** @module build-model: turns task groups and priced types into the solver's integer model. */
import { BerthError } from '../../errors.js';
import { normaliseGpuModel } from '../../model/gpu-match.js';
import type { FleetOptions, FleetTaskGroup, PricedInstanceType, UnplaceableGroup } from '../fleet-types.js';
import { type DominanceCandidate, pruneDominated } from './dominance.js';
import type { FleetProblem, ProblemItem, ProblemType } from './integer-model.js';
import { filled, mapPacked } from './lists.js';
import { type CatalogType, catalogTypes } from './type-catalog.js';
import { explainUnplaceable } from './unplaceable.js';

/** Whether a node of this type may run this item at all (architecture and GPU model), ignoring size. */
export function isCompatible(
  item: Pick<ProblemItem, 'architecture' | 'gpu' | 'gpuModel'>,
  type: CatalogType,
): boolean {
  if (item.architecture !== 'any' && item.architecture !== type.priced.architecture) return false;
  if (item.gpu === 0) return true;
  if (type.gpu === 0) return false;
  return item.gpuModel === null || item.gpuModel.split(' ').every((word) => type.gpuWords.includes(word));
}

function fitsOne(item: ProblemItem, type: CatalogType): boolean {
  return item.cpu <= type.cpu && item.mem <= type.mem && item.gpu <= type.gpu && type.tasks >= 1;
}

function validateGroup(group: FleetTaskGroup, index: number): void {
  const bad = (field: string, why: string) =>
    new BerthError('INVALID_WORKLOAD', `task group ${index} (${group.service}) is invalid: ${field} ${why}`);
  if (!Number.isInteger(group.count) || group.count < 0) throw bad('count', 'must be a whole number ≥ 0');
  if (!(group.vcpu > 0) || !Number.isFinite(group.vcpu)) throw bad('vcpu', 'must be a positive number');
  if (!(group.memoryMiB > 0) || !Number.isFinite(group.memoryMiB)) throw bad('memoryMiB', 'must be positive');
  if (!(group.gpus >= 0) || !Number.isFinite(group.gpus)) throw bad('gpus', 'must be ≥ 0');
}

/**
 * One task in the model's integer units: millicores and milli-GPUs (rounded up after removing float noise,
 * so 0.1 vCPU is 100) and whole MiB, with the GPU model normalised. Also what sizing/node-fit.ts checks.
 */
export function taskUnits(
  vcpu: number,
  memoryMiB: number,
  gpus: number,
  gpuModel: string | null | undefined,
) {
  const gpu = Math.ceil(Math.round(gpus * 1e6) / 1000);
  return {
    cpu: Math.ceil(Math.round(vcpu * 1e6) / 1000),
    mem: Math.ceil(memoryMiB),
    gpu,
    gpuModel: gpu > 0 ? normaliseGpuModel(gpuModel) : null,
  };
}

/**
 * The most tasks of a service of `count` tasks one node may hold under a spread of `minNodes`: ceil(count /
 * minNodes), and few enough that the service is on at least min(minNodes, count) nodes, which the cap alone
 * does not ensure for a spread of 3 or more (4 tasks, a cap of ceil(4 / 3) = 2, fit on 2 nodes): so also at most
 * floor((count − 1) / (minNodes − 1)). That over-asks only where no cap is exact: 4 tasks under a spread of 3
 * go one a node (4 nodes), where 2 + 1 + 1 would do. Under a spread of 2 the second bound never binds.
 */
export function spreadCap(count: number, minNodes: number): number {
  const cap = Math.ceil(count / minNodes);
  if (minNodes < 3 || count <= minNodes) return Math.max(1, cap);
  return Math.max(1, Math.min(cap, Math.floor((count - 1) / (minNodes - 1))));
}

/**
 * Tasks of one shape and architecture become one item. Under a spread of m nodes each service may put
 * at most ceil(count / m) tasks on one node. For m ≤ 2, services of one shape still share an item, whose
 * cap per node is the sum of theirs: any node counts within those caps can be split back into services
 * that keep their own (a transportation problem: for m = 2 every cut condition reduces to one node's
 * count ≤ the sum of caps, see splitServices), so the merged model is exact and much smaller. Wider
 * spreads keep one item per service, and so does a service with one task per node (`onePerNode`, cap 1):
 * its cap is not ceil(count / 2), so the merged item's cut conditions would no longer hold.
 */
function buildItems(groups: readonly FleetTaskGroup[], minNodes: number): ProblemItem[] {
  const byKey = new Map<string, ProblemItem>();
  const onePerNode = new Set<string>();
  for (const group of groups) {
    if (group.count === 0) continue;
    const { cpu, mem, gpu, gpuModel } = taskUnits(group.vcpu, group.memoryMiB, group.gpus, group.gpuModel);
    const service = minNodes > 2 || group.onePerNode === true ? group.service : '';
    const key = [cpu, mem, gpu, gpuModel, group.architecture, service].join('|');
    let item = byKey.get(key);
    if (!item) {
      item = {
        key,
        cpu,
        mem,
        gpu,
        gpuModel,
        architecture: group.architecture,
        demand: 0,
        maxPerNode: 0,
        services: [],
      };
      byKey.set(key, item);
    }
    item.demand += group.count;
    const existing = item.services.find((s) => s.service === group.service);
    if (existing) existing.count += group.count;
    else item.services.push({ service: group.service, count: group.count, maxPerNode: 0 });
    if (group.onePerNode === true) onePerNode.add(group.service);
  }
  const items = [...byKey.values()];
  for (const item of items) {
    for (const share of item.services)
      share.maxPerNode = onePerNode.has(share.service) ? 1 : spreadCap(share.count, minNodes);
    const caps = item.services.reduce((sum, share) => sum + share.maxPerNode, 0);
    item.maxPerNode = Math.min(item.demand, caps);
  }
  return items;
}

function acceptsOf(indices: readonly number[], n: number): boolean[] {
  const accepts = filled<boolean>(n, false);
  for (const i of indices) accepts[i] = true;
  return accepts;
}

/** A catalog type with the items it may run, before dominance pruning. */
interface Candidate extends DominanceCandidate {
  entry: CatalogType;
}

/** How every problem's note on the instance types it kept ends ("N of M " goes before it). */
const TYPES_KEPT = 'instance types kept (filters, fit, dominance pruning)';

/** Whether a plan's note is the one on the instance types kept (a caller labels it for a split fleet). */
export function isTypesKeptNote(note: string): boolean {
  return note.endsWith(TYPES_KEPT);
}

/** The model every solver reads: merged items, usable types with their capacity, and what cannot be placed. */
export function buildFleetProblem(
  groups: readonly FleetTaskGroup[],
  instanceTypes: readonly PricedInstanceType[],
  options: FleetOptions,
): FleetProblem {
  groups.forEach(validateGroup);
  const minNodes = Math.max(1, Math.floor(options.minNodes ?? 1));
  const notes: string[] = [];
  const allItems = buildItems(groups, minNodes);
  const catalog = catalogTypes(instanceTypes, options);
  // Items each kept type may run: architecture and GPU model by class (once per class), then size.
  const byClass = new Map<string, boolean[]>();
  const runs: boolean[][] = [];
  const fitsAnywhere = filled(allItems.length, false);
  for (const type of catalog.kept) {
    let compatible = byClass.get(type.compatibility);
    if (!compatible) {
      compatible = mapPacked(allItems, (item) => isCompatible(item, type));
      byClass.set(type.compatibility, compatible);
    }
    const row: boolean[] = [];
    for (let i = 0; i < allItems.length; i++) {
      const ok = compatible[i]! && fitsOne(allItems[i]!, type);
      row.push(ok);
      if (ok) fitsAnywhere[i] = true;
    }
    runs.push(row);
  }
  const unplaceable: UnplaceableGroup[] = [];
  const items: ProblemItem[] = [];
  const kept: number[] = [];
  allItems.forEach((item, i) => {
    if (fitsAnywhere[i]) {
      items.push(item);
      kept.push(i);
      return;
    }
    const reason = explainUnplaceable(
      item,
      mapPacked(catalog.all, (type) => type.priced),
      catalog.all,
      options,
    );
    for (const s of item.services) unplaceable.push({ service: s.service, reason });
  });
  const candidates: Candidate[] = [];
  catalog.kept.forEach((entry, t) => {
    const row = runs[t]!;
    const accepted: number[] = [];
    for (let j = 0; j < kept.length; j++) if (row[kept[j]!]) accepted.push(j);
    if (accepted.length === 0) return;
    const { price, cpu, mem, tasks, gpu } = entry;
    candidates.push({ name: entry.priced.name, price, cpu, mem, tasks, gpu, items: accepted, entry });
  });
  const usable: ProblemType[] = mapPacked(pruneDominated(candidates, items), (c) => ({
    name: c.name,
    compatibility: c.entry.compatibility,
    price: c.price,
    usdPerHour: c.entry.priced.usdPerHour,
    capacity: c.entry.capacity,
    cpu: c.cpu,
    mem: c.mem,
    tasks: c.tasks,
    gpu: c.gpu,
    items: [...c.items],
    accepts: acceptsOf(c.items, items.length),
  }));
  notes.push(`${usable.length} of ${instanceTypes.length} ${TYPES_KEPT}`);
  if (options.orchestrator === 'ecs' && (options.ecsNetworkMode ?? 'awsvpc') === 'awsvpc') {
    notes.push(
      'ecs awsvpc mode: each task takes an ENI, so a node holds at most ENIs − 1 tasks (no ENI trunking)',
    );
  }
  // A spread wider than the task count would only add empty nodes: one task per node is the widest.
  const tasks = items.reduce((sum, item) => sum + item.demand, 0);
  const spread = Math.max(1, Math.min(Math.floor(options.leastNodes ?? minNodes), tasks));
  if (spread < minNodes && options.leastNodes === undefined)
    notes.push(`spread lowered from ${minNodes} to ${spread} nodes: there are only ${tasks} tasks`);
  return { items, types: usable, minNodes: spread, unplaceable, notes };
}

/**
 * One instance type as the model sees it, accepting those of `items` it can run: for baselines that pick
 * their own candidate types (the Karpenter simulation in bench/), not used by the optimizer itself.
 * Undefined when the options filter the type out (burstable, or outside the allowed families).
 */
export function buildProblemType(
  type: PricedInstanceType,
  items: readonly ProblemItem[],
  options: FleetOptions,
): ProblemType | undefined {
  const [entry] = catalogTypes([type], options).all;
  if (entry === undefined) return undefined;
  const accepted = items.flatMap((item, i) => (isCompatible(item, entry) && fitsOne(item, entry) ? [i] : []));
  const { price, cpu, mem, tasks, gpu } = entry;
  return {
    name: type.name,
    compatibility: entry.compatibility,
    price,
    usdPerHour: type.usdPerHour,
    capacity: entry.capacity,
    cpu,
    mem,
    tasks,
    gpu,
    items: accepted,
    accepts: acceptsOf(accepted, items.length),
  };
}
