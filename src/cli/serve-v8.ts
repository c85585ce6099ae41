/**
 * @module serve-v8: V8 settings for the `berth serve` process, set when it starts (serve-run.ts).
 *
 * The server's advise workers solve fleets on their own threads, in isolates that also hold and run the
 * rest of the pipeline. There V8's allocation-site pretenuring often decides that some of the solver's
 * short-lived arrays and tables are long-lived and allocates them in the old generation: it fills with
 * garbage, full collections come several times as often, and each drops optimized code that V8 then
 * compiles again. In one-thread replays of the 20-service bench's fleet solves after `advise()` had run in
 * the same process, passes took 1,002–1,254 ms with 7–11 full collections, and 874–919 ms with 2–3 with
 * pretenuring off (a process that had loaded only the solver: 809–873 ms either way). In `berth serve`
 * (20 services over 8 connections, three sets of alternated pairs) it took about a tenth to a quarter off
 * the mean CPU per request, by the set (docs/optimizer.md#server-workers-and-garbage-collection).
 *
 * V8's flags are the whole process's, and the library does not set them in its users' processes; an
 * application that runs the server's advise workers itself may pass the same flag to `node`.
 */
import { setFlagsFromString } from 'node:v8';

/** The flags `berth serve` sets. */
export const SERVE_V8_FLAGS: readonly string[] = ['--no-allocation-site-pretenuring'];

/** Sets SERVE_V8_FLAGS in this process; V8 reads them at each collection, so threads started later get them. */
export function applyServeV8Flags(): void {
  for (const flag of SERVE_V8_FLAGS) setFlagsFromString(flag);
}
