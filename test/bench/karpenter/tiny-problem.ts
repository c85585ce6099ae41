/** Hand-made fleet problems for the Karpenter simulation tests: CPU is the only resource that binds. */
import type { SimNode, SimPool } from '../../../bench/karpenter/cluster.js';
import type { FleetProblem, ProblemItem, ProblemType } from '../../../src/optimizer/model/integer-model.js';
import { loadOf } from '../../../src/optimizer/model/placement.js';

export interface TypeSpec {
  name: string;
  /** Allocatable millicores. */
  cpu: number;
  price: number;
  gpu?: number;
}

export interface ItemSpec {
  /** Millicores per pod. */
  cpu: number;
  demand: number;
  gpu?: number;
  service?: string;
}

/** Memory and pod slots are ample (64 GiB, 110 pods), so every fit below is decided by CPU (and GPUs). */
export function tinyProblem(typeSpecs: readonly TypeSpec[], itemSpecs: readonly ItemSpec[]): FleetProblem {
  const items: ProblemItem[] = itemSpecs.map((spec, i) => ({
    key: `item-${i}`,
    cpu: spec.cpu,
    mem: 256,
    gpu: spec.gpu ?? 0,
    gpuModel: null,
    architecture: 'any',
    demand: spec.demand,
    maxPerNode: spec.demand,
    services: [{ service: spec.service ?? `svc-${i}`, count: spec.demand, maxPerNode: spec.demand }],
  }));
  const types: ProblemType[] = typeSpecs.map((spec) => {
    const gpu = spec.gpu ?? 0;
    const accepts = items.map((item) => item.cpu <= spec.cpu && item.gpu <= gpu);
    return {
      name: spec.name,
      compatibility: gpu > 0 ? 'x86_64|gpu' : 'x86_64|',
      price: spec.price,
      usdPerHour: String(spec.price),
      capacity: { vcpu: spec.cpu / 1000, memoryMiB: 65_536, maxTasks: 110, gpus: gpu / 1000 },
      cpu: spec.cpu,
      mem: 65_536,
      tasks: 110,
      gpu,
      accepts,
      items: accepts.flatMap((ok, i) => (ok ? [i] : [])),
    };
  });
  return { items, types, minNodes: 1, unplaceable: [], notes: [] };
}

/** One NodePool over every type that takes every pod; `budget` is its disruption budget (nodes %). */
export function onePool(problem: FleetProblem, budget = 0.1): SimPool[] {
  return [
    { name: 'default', types: problem.types.map((_, t) => t), takes: problem.items.map(() => true), budget },
  ];
}

export function typeIndex(problem: FleetProblem, name: string): number {
  const t = problem.types.findIndex((type) => type.name === name);
  if (t < 0) throw new Error(`test type ${name} is missing: not in the tiny problem`);
  return t;
}

/** A running node of the named type holding `counts` pods of each item. */
export function runningNode(
  problem: FleetProblem,
  id: number,
  type: string,
  counts: number[],
  pool = 0,
): SimNode {
  return { id, pool, type: typeIndex(problem, type), counts, load: loadOf(problem, counts) };
}

export const typeNames = (problem: FleetProblem, nodes: readonly { type: number }[]) =>
  nodes.map((node) => problem.types[node.type]!.name).sort();
