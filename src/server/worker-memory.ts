/** @module worker-memory: how much a thread holds, for the advise pool's decision to replace a worker. */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Recommendation } from '../model/recommendation.js';

/**
 * What this thread holds, MiB: its V8 heap and its external memory, which includes the LP solver's
 * WebAssembly memory. V8 collects lazily, so the heap also holds a job's garbage for a while.
 */
export function footprintMb(): number {
  const heap = getHeapStatistics();
  return Math.round((heap.total_physical_size + heap.external_memory) / (1024 * 1024));
}

let collect: (() => void) | undefined;

/**
 * The footprint once the job is over: past `limitMb`, the garbage is collected first (a full GC, a few
 * milliseconds, and only then), so only memory that stays makes the pool replace the worker. The heap
 * pages a GC frees go back to the system at once. `gc` is reached as jest's leak detector does: the flag
 * set at run time is seen by a context created after it.
 */
export function settledFootprintMb(limitMb: number | undefined): number {
  const before = footprintMb();
  if (limitMb === undefined || before <= limitMb) return before;
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  return footprintMb();
}

/**
 * A worker that has answered ordinary workloads holds about 125 MiB; past 128 it has just run a large job
 * (or gathered much garbage), and a full GC then hands the pages back. The chaos suite measured the
 * server's RSS 40 % up after its large workloads when only a worker past the recycle limit (160) collected.
 */
export const COLLECT_ABOVE_MB = 128;

/** Where a worker collects its garbage after a job: 128 MiB, or lower with a lower recycle limit. */
export function collectAboveMb(recycleMb: number | undefined): number | undefined {
  return recycleMb === undefined ? undefined : Math.min(COLLECT_ABOVE_MB, recycleMb);
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
