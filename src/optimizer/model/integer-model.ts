/** @module integer-model: the solver's integer model of a fleet problem (internal, plain data). */
import type { ImageArchitecture } from '../../model/vocabulary.js';
import type { NodeCapacity, UnplaceableGroup } from '../fleet-types.js';
import type { ServiceShare } from './split-services.js';

/** Tasks with one shape (and, under a spread, of one service): the rows of every model. */
export interface ProblemItem {
  /** Shape, architecture and (under a spread) service: equal keys mean the same item in two problems. */
  key: string;
  /** Millicores, MiB, milli-GPUs: integers, so fits are exact. */
  cpu: number;
  mem: number;
  gpu: number;
  gpuModel: string | null;
  architecture: ImageArchitecture;
  demand: number;
  /** At most this many on one node (the spread), never above demand. */
  maxPerNode: number;
  /** The services merged into this item, each with its own cap per node under the spread. */
  services: ServiceShare[];
}

export interface ProblemType {
  name: string;
  /**
   * Its class: architecture and GPU model (`arm64|`, `x86_64|`, `x86_64|nvidia t4`). Types of one class
   * run the same items where they fit; the class split (search/class-split) solves each class apart.
   */
  compatibility: string;
  price: number;
  usdPerHour: string;
  capacity: NodeCapacity;
  /** Integer capacity in the items' units: millicores, MiB, tasks, milli-GPUs. */
  cpu: number;
  mem: number;
  tasks: number;
  gpu: number;
  /** Indices of the items one node of this type may hold. */
  items: number[];
  /** The same as a dense lookup: accepts[i] is true when items includes i. */
  accepts: boolean[];
}

/** Plain data only, so it crosses into a worker thread unchanged. */
export interface FleetProblem {
  items: ProblemItem[];
  types: ProblemType[];
  minNodes: number;
  unplaceable: UnplaceableGroup[];
  notes: string[];
}

/** Tasks of a problem, over all its items. */
export function taskCount(problem: FleetProblem): number {
  return problem.items.reduce((sum, item) => sum + item.demand, 0);
}

/** Tasks over several problems (a batch, or every level of a week). */
export function totalTasks(problems: readonly FleetProblem[]): number {
  return problems.reduce((sum, problem) => sum + taskCount(problem), 0);
}
