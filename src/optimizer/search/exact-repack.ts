/**
 * @module exact-repack: large-neighbourhood search whose re-pack is exact: each round frees a few
 * nodes (one of the worst by reduced cost at the duals, the others near it in that order or at
 * random) and solves their tasks alone, exactly, with the bin-completion search of exact-packing. A
 * cheaper packing replaces them. Small sub-problems finish in a few hundred search nodes, so each
 * round either finds the best re-pack of those nodes or gives up within a fixed budget.
 */
import type { FleetProblem } from '../model/integer-model.js';
import { filled, mapPacked } from '../model/lists.js';
import { patternKey } from '../model/pattern.js';
import { costOf, type PlacedNode } from '../model/placement.js';
import { residualProblem } from '../model/residual-problem.js';
import type { DualProof } from './column-generation.js';
import { packExactly } from './exact-packing.js';
import { SafetyClock } from './solve-limits.js';

/** The first freed node is drawn from this many of the worst nodes by reduced cost. */
const WORST_POOL = 8;

export interface ExactRepackOptions {
  rounds: number;
  /** Nodes freed per round (at most). */
  freed: number;
  /** Search nodes each round's exact search may use. */
  work: number;
  seed?: number;
  clock?: SafetyClock;
}

/** xorshift32: a small deterministic stream in [0, 1). */
function randomStream(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

/**
 * Runs `rounds` rounds; never raises the cost, keeps every task placed and at least
 * `problem.minNodes` nodes. `proof` holds duals no load beats (they stay so for any sub-problem).
 */
export function repackExactly(
  problem: FleetProblem,
  start: readonly PlacedNode[],
  proof: DualProof,
  options: ExactRepackOptions,
): { nodes: PlacedNode[]; improvements: number } {
  let nodes = mapPacked(start, (node) => ({ type: node.type, counts: [...node.counts] }));
  const random = randomStream(options.seed ?? 7);
  const clock = options.clock ?? new SafetyClock();
  const subProof = (left: readonly number[]): DualProof => ({
    duals: proof.duals,
    mu: 0,
    bound: left.reduce((sum, c, i) => sum + c * proof.duals[i]!, 0),
  });
  let improvements = 0;
  /**
   * Freed groups whose exact search found nothing cheaper, node by node (sorted). The search depends only
   * on the freed nodes' contents, so the same group drawn again (about one round in six on the bench's
   * 20-service set) would find nothing again, and is skipped; the random draws are the same either way.
   */
  const failed = new Set<string>();
  for (let round = 0; round < options.rounds && nodes.length >= 2 && !clock.expired(); round++) {
    const reduced = mapPacked(nodes, (node) => {
      let value = 0;
      node.counts.forEach((c, i) => {
        value += c * proof.duals[i]!;
      });
      return problem.types[node.type]!.price - proof.mu - value;
    });
    const byReduced = mapPacked(nodes, (_, n) => n).sort((a, b) => reduced[b]! - reduced[a]! || a - b);
    const size = Math.min(nodes.length, 2 + Math.floor(random() * (options.freed - 1)));
    const freed = new Set([byReduced[Math.floor(random() * Math.min(WORST_POOL, byReduced.length))]!]);
    while (freed.size < size) {
      const pool = random() < 0.5 ? byReduced.slice(0, WORST_POOL * 2) : byReduced;
      freed.add(pool[Math.floor(random() * pool.length)]!);
    }
    const freedNodes = mapPacked([...freed], (n) => nodes[n]!);
    const left = filled(problem.items.length, 0);
    for (const node of freedNodes) {
      node.counts.forEach((c, i) => {
        left[i] = left[i]! + c;
      });
    }
    const key = mapPacked(freedNodes, patternKey).sort().join(' ');
    if (failed.has(key)) continue;
    const sub = residualProblem(problem, left, 1);
    const packed = packExactly(sub, subProof(left), costOf(problem, freedNodes), options.work);
    if (!packed?.nodes) {
      failed.add(key);
      continue;
    }
    if (nodes.length - freed.size + packed.nodes.length < problem.minNodes) continue;
    nodes = [...nodes.filter((_, n) => !freed.has(n)), ...packed.nodes];
    improvements += 1;
  }
  return { nodes, improvements };
}
