/** @module types: the shapes of a knapsack problem and its answer, shared by its solvers. */

/** Weights of cpu, memory and GPUs in the surrogate constraint; they sum to 1. */
export type Mix = readonly [number, number, number];

export interface KnapsackItem {
  value: number;
  cpu: number;
  mem: number;
  gpu: number;
  /** At most this many copies. */
  bound: number;
}

export interface KnapsackCapacity {
  cpu: number;
  mem: number;
  tasks: number;
  gpu: number;
}

export interface KnapsackResult {
  /** Best load found, as counts parallel to the input items (all zero when none beats minValue). */
  counts: readonly number[];
  value: number;
  /** Proven upper bound on the best value (max of minValue and the best load when the search finished). */
  upperBound: number;
  exhausted: boolean;
  /** The surrogate mix used; pass it back as a hint for the same node type. */
  mix?: Mix;
}
