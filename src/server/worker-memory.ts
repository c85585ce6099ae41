/** @module worker-memory: how much a thread holds, for the advise pool's decision to replace a worker. */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

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
