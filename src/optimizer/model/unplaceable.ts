/** @module unplaceable: says why a task fits no candidate instance type, naming the first constraint that fails. */

import { gpuModelMatches } from '../../model/gpu-match.js';
import type { FleetOptions, PricedInstanceType } from '../fleet-types.js';
import type { ProblemItem } from './integer-model.js';
import { mapPacked } from './lists.js';

function describeTask(item: ProblemItem): string {
  const parts = [`${item.cpu / 1000} vCPU`, `${item.mem} MiB`];
  if (item.gpu > 0) parts.push(`${item.gpu / 1000} GPU${item.gpuModel ? ` (${item.gpuModel})` : ''}`);
  parts.push(item.architecture === 'any' ? 'any architecture' : item.architecture);
  return parts.join(', ');
}

function filterNote(options: FleetOptions): string {
  const filters: string[] = [];
  if (options.allowBurstable !== true) filters.push('burstable types excluded');
  if (options.instanceFamilies) filters.push(`families limited to ${options.instanceFamilies.join(', ')}`);
  return filters.length > 0 ? ` (${filters.join('; ')})` : '';
}

/**
 * The reason, as `{what happened}: {why}`. `priced[i]` and `types[i]` describe the same candidate type;
 * the checks run in the order a user can act on: filters, architecture, GPUs, then size.
 */
export function explainUnplaceable(
  item: ProblemItem,
  priced: readonly PricedInstanceType[],
  types: readonly { cpu: number; mem: number; tasks: number; gpu: number }[],
  options: FleetOptions,
): string {
  const what = `no instance type fits one task (${describeTask(item)})`;
  if (priced.length === 0) return `${what}: no candidate instance type is left${filterNote(options)}`;
  const archOk = priced.flatMap((p, i) =>
    item.architecture === 'any' || p.architecture === item.architecture ? [i] : [],
  );
  if (archOk.length === 0)
    return `${what}: no ${item.architecture} type among the candidates${filterNote(options)}`;
  let pool = archOk;
  if (item.gpu > 0) {
    pool = archOk.filter((i) => (priced[i]?.gpuCount ?? 0) > 0);
    if (pool.length === 0)
      return `${what}: no candidate type of this architecture has a GPU${filterNote(options)}`;
    if (item.gpuModel !== null) {
      const model = item.gpuModel;
      pool = pool.filter((i) => gpuModelMatches(model, priced[i]?.gpuModel));
      if (pool.length === 0) return `${what}: no candidate type has a ${model} GPU${filterNote(options)}`;
    }
    const maxGpu = Math.max(...mapPacked(pool, (i) => types[i]?.gpu ?? 0));
    if (maxGpu < item.gpu) return `${what}: the most GPUs one candidate node offers is ${maxGpu / 1000}`;
  }
  const maxCpu = Math.max(...mapPacked(pool, (i) => types[i]?.cpu ?? 0));
  const maxMem = Math.max(...mapPacked(pool, (i) => types[i]?.mem ?? 0));
  const maxTasks = Math.max(...mapPacked(pool, (i) => types[i]?.tasks ?? 0));
  if (maxTasks < 1) {
    return `${what}: no candidate node has a free task slot (ENI or max-pods limit net of daemons)`;
  }
  const after = `after ${options.orchestrator === 'eks' ? 'kube-reserved, the eviction threshold' : 'the ECS agent reserve'} and daemons`;
  if (maxCpu < item.cpu)
    return `${what}: the largest candidate node leaves ${maxCpu / 1000} vCPU to tasks ${after}`;
  if (maxMem < item.mem) return `${what}: the largest candidate node leaves ${maxMem} MiB to tasks ${after}`;
  return `${what}: no single candidate type leaves both the vCPU and the memory ${after}`;
}
