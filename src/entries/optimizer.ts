/**
 * @module berth/optimizer: the EC2 fleet optimizer on its own: the cheapest mix of instance types that
 * holds a set of tasks, with a proven lower bound; and the fleet solvers advise() can be given.
 */
export type {
  DaemonSetRequest,
  FleetNode,
  FleetOptions,
  FleetPlan,
  FleetTaskGroup,
  FleetTypeLine,
  NodeCapacity,
  PricedInstanceType,
  UnplaceableGroup,
} from '../optimizer/fleet-types.js';
export { nodeCapacity } from '../optimizer/node-capacity.js';
export { DEFAULT_TIME_LIMIT_MS, optimizeFleet, optimizeFleets } from '../optimizer/optimize-fleet.js';
export { stopSolverThread } from '../optimizer/runtime/solver-thread.js';
export { planFleetHeuristic } from '../optimizer/search/heuristic.js';
export type { FleetSolver } from '../sizing/ec2-fleet.js';
export {
  createFleetSolver,
  type FleetSolverOptions,
  heuristicFleetSolver,
  type LevelsFleetSolver,
} from '../sizing/fleet-solver.js';
