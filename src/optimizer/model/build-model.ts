/** @module build-model: turns task groups and priced types into the solver's integer model. */
import { BerthError } from '../../errors.js';
import type { FleetOptions, FleetTaskGroup, PricedInstanceType, UnplaceableGroup } from '../fleet-types.js';
import { nodeCapacity } from '../node-capacity.js';
import { pruneDominated } from './dominance.js';
import { gpuModelMatches, normaliseGpuModel } from './gpu-match.js';
import type { FleetProblem, ProblemItem, ProblemType } from './integer-model.js';
import { explainUnplaceable } from './unplaceable.js';

/** Whether a node of this type may run this item at all (architecture and GPU model), ignoring size. */
export function isCompatible(item: ProblemItem, type: PricedInstanceType): boolean {
  if (item.architecture !== 'any' && item.architecture !== type.architecture) return false;
  if (item.gpu === 0) return true;
  return type.gpuCount > 0 && gpuModelMatches(item.gpuModel, type.gpuModel);
}

export function fitsOne(item: ProblemItem, type: ProblemType): boolean {
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

function parsePrice(type: PricedInstanceType): number {
  const price = Number(type.usdPerHour);
  if (!Number.isFinite(price) || price < 0 || type.usdPerHour.trim() === '') {
    throw new BerthError(
      'PRICE_DATA_INVALID',
      `price of ${type.name} is unusable: "${type.usdPerHour}" is not a non-negative decimal`,
    );
  }
  return price;
}

function buildItems(groups: readonly FleetTaskGroup[], minNodes: number): ProblemItem[] {
  const byKey = new Map<string, ProblemItem>();
  for (const group of groups) {
    if (group.count === 0) continue;
    const cpu = Math.ceil(Math.round(group.vcpu * 1e6) / 1000);
    const mem = Math.ceil(group.memoryMiB);
    const gpu = Math.ceil(Math.round(group.gpus * 1e6) / 1000);
    const gpuModel = gpu > 0 ? normaliseGpuModel(group.gpuModel) : null;
    // A spread caps each service separately, so services only share an item when there is none.
    const service = minNodes > 1 ? group.service : '';
    const key = [cpu, mem, gpu, gpuModel, group.architecture, service].join('|');
    let item = byKey.get(key);
    if (!item) {
      item = {
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
    else item.services.push({ service: group.service, count: group.count });
  }
  const items = [...byKey.values()];
  for (const item of items) item.maxPerNode = minNodes > 1 ? Math.ceil(item.demand / minNodes) : item.demand;
  return items;
}

function candidateTypes(types: readonly PricedInstanceType[], options: FleetOptions): PricedInstanceType[] {
  const families = options.instanceFamilies ? new Set(options.instanceFamilies) : null;
  return types.filter(
    (type) =>
      (options.allowBurstable === true || !type.burstable) && (!families || families.has(type.family)),
  );
}

/** One type's price and allocatable capacity in the model's integer units; `items` and `accepts` are left empty. */
export function buildProblemType(type: PricedInstanceType, options: FleetOptions): ProblemType {
  const ecs = {
    networkMode: options.ecsNetworkMode ?? 'awsvpc',
    reservedMemoryMiB: options.ecsReservedMemoryMiB,
  };
  const capacity = nodeCapacity(type, options.orchestrator, options.daemonSets, ecs);
  return {
    name: type.name,
    price: parsePrice(type),
    usdPerHour: type.usdPerHour,
    capacity,
    cpu: Math.round(capacity.vcpu * 1000),
    mem: capacity.memoryMiB,
    tasks: capacity.maxTasks,
    gpu: Math.round(type.gpuCount * 1000),
    items: [],
    accepts: [],
  };
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
  const candidates = candidateTypes(instanceTypes, options);
  const types: ProblemType[] = [];
  const compatible: PricedInstanceType[] = [];
  for (const type of candidates) {
    types.push(buildProblemType(type, options));
    compatible.push(type);
  }
  const unplaceable: UnplaceableGroup[] = [];
  const items: ProblemItem[] = [];
  for (const item of allItems) {
    const fitting = types.filter((t, i) => isCompatible(item, compatible[i]!) && fitsOne(item, t));
    if (fitting.length > 0) {
      items.push(item);
      continue;
    }
    const reason = explainUnplaceable(item, compatible, types, options);
    for (const s of item.services) unplaceable.push({ service: s.service, reason });
  }
  types.forEach((type, t) => {
    type.accepts = items.map((item) => isCompatible(item, compatible[t]!) && fitsOne(item, type));
    type.items = items.flatMap((_, i) => (type.accepts[i] ? [i] : []));
  });
  const usable = pruneDominated(types.filter((type) => type.items.length > 0));
  notes.push(
    `${usable.length} of ${instanceTypes.length} instance types kept (filters, fit, dominance pruning)`,
  );
  if (options.orchestrator === 'ecs' && (options.ecsNetworkMode ?? 'awsvpc') === 'awsvpc') {
    notes.push(
      'ecs awsvpc mode: each task takes an ENI, so a node holds at most ENIs − 1 tasks (no ENI trunking)',
    );
  }
  // A spread wider than the task count would only add empty nodes: one task per node is the widest.
  const tasks = items.reduce((sum, item) => sum + item.demand, 0);
  const spread = Math.max(1, Math.min(minNodes, tasks));
  if (spread < minNodes)
    notes.push(`spread lowered from ${minNodes} to ${spread} nodes: there are only ${tasks} tasks`);
  return { items, types: usable, minNodes: spread, unplaceable, notes };
}
