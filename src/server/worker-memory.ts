/** @module worker-memory: how much a thread holds, for the advise pool's decision to replace a worker. */
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Recommendation } from '../model/recommendation.js';

/** V8's young generation: it holds only new objects and is bounded by the worker's `maxYoungGenerationSizeMb`. */
const YOUNG_SPACES = new Set(['new_space', 'new_large_object_space']);

/**
 * What this thread holds, MiB: its V8 heap outside the young generation, and its external memory (array
 * buffers and the like). V8 collects lazily, so the heap also holds a job's garbage
 * for a while. The young generation is left out: its size is capped when the worker starts, so it cannot
 * grow with what the worker keeps, and counting it would make a larger one (faster solves) look like
 * memory that stays.
 */
export function footprintMb(): number {
  const heap = getHeapStatistics();
  let young = 0;
  for (const space of getHeapSpaceStatistics())
    if (YOUNG_SPACES.has(space.space_name)) young += space.physical_space_size;
  return Math.round((heap.total_physical_size - young + heap.external_memory) / (1024 * 1024));
}

let collect: (() => void) | undefined;

/**
 * The footprint once a job is over, and whether a full garbage collection ran to measure it. Only past
 * `limitMb` (the worker's recycle limit) is the garbage collected first, so that only memory that stays
 * makes the pool replace the worker; below it V8 collects on its own. A forced collection costs far more
 * than its pause: V8 then drops compiled code, which the next jobs compile again. When workers collected
 * past 128 MiB, above which every 20-service job leaves them (133–178 MiB), `berth serve` spent 912–918 ms
 * of CPU per 20-service recommendation; collecting only past 160 it spends 533–591 ms, and 447–489 ms
 * never collecting (docs/optimizer.md#server-workers-and-garbage-collection). The heap pages a collection
 * frees go back to the system at once. `gc` is reached as jest's leak detector does: the flag set at run
 * time is seen by a context created after it.
 */
export function settleFootprint(limitMb: number | undefined): { footprintMb: number; collected: boolean } {
  const before = footprintMb();
  if (limitMb === undefined || before <= limitMb) return { footprintMb: before, collected: false };
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  return { footprintMb: footprintMb(), collected: true };
}

/** The tasks a recommendation's workload runs at its peak: the size that decides a worker's memory after it. */
export function countPeakTasks(recommendation: Recommendation): number {
  return recommendation.workload.services.reduce((sum, s) => sum + s.stats.peakReplicas, 0);
}

/**
 * A worker that has just recommended a workload of more than this many tasks at its peak is replaced. Such a
 * job grows the worker far past its heap: V8's compiled code and compiler zones, the LP solver's memory and
 * heap pages V8 keeps for reuse, most of which no garbage collection gives back, while ending the thread
 * gives back all of it. The chaos suite's 50,000-task workloads left the server's RSS 20–24 % up with only
 * the footprint limit; a worker costs a few hundred milliseconds to start, small beside such a solve. The
 * benchmark workloads (200 services) stay below it, so ordinary traffic keeps its warm workers.
 */
export const DEFAULT_RECYCLE_TASKS = 10_000;
