/**
 * npm run bench:jit [-- --passes 6 --services 20 --seeds 5]
 *
 * How much V8 is still compiling once Berth is warm. Runs advise() on the seeded bench workloads (the
 * 20-service set by default) pass after pass in a child process started with V8's --trace-opt and
 * --trace-deopt, and prints per pass: wall time, process CPU time (every thread: the solver threads, the
 * garbage collector and the optimizing compiler), the optimized-code bailouts (deopts) and their
 * reasons, the TurboFan compiles, and the compile time V8 reports for them (background compile jobs,
 * measured by V8 as elapsed time, so they overstate CPU on a busy machine). A warm program settles to few
 * compiles and no deopts; docs/optimizer.md, "JIT in steady state", records what this measured.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { wholeNumberFlag } from './stats.js';

const { values } = parseArgs({
  options: {
    passes: { type: 'string', default: '6' },
    services: { type: 'string', default: '20' },
    seeds: { type: 'string', default: '5' },
    child: { type: 'boolean', default: false },
  },
});

const PASSES = wholeNumberFlag('--passes', values.passes);
const SERVICES = wholeNumberFlag('--services', values.services);
const SEEDS = wholeNumberFlag('--seeds', values.seeds);
const PASS_MARK = 'BERTH-JIT-PASS';

async function child(): Promise<void> {
  const { advise } = await import('../src/advisor/advise.js');
  const { stopSolverThread } = await import('../src/optimizer/runtime/solver-thread.js');
  const { generateWorkload } = await import('./workload-generator.js');
  const workloads = Array.from({ length: SEEDS }, (_, i) => generateWorkload(SERVICES, i + 1));
  for (let pass = 0; pass < PASSES; pass++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const workload of workloads) await advise(workload);
    const used = process.cpuUsage(cpu);
    const wall = performance.now() - started;
    console.log(`${PASS_MARK} ${pass} ${wall.toFixed(0)} ${((used.user + used.system) / 1000).toFixed(0)}`);
  }
  await stopSolverThread();
}

interface PassCounts {
  deopts: number;
  reasons: Map<string, number>;
  compiles: number;
  compileMs: number;
}

/** How often `pattern` (global) occurs in `line`, calling `each` (if given) with the groups of every match. */
function count(line: string, pattern: RegExp, each?: (...groups: string[]) => void): number {
  let n = 0;
  for (const match of line.matchAll(pattern)) {
    n += 1;
    each?.(...match.slice(1).map((group) => group ?? ''));
  }
  return n;
}

const fresh = (): PassCounts => ({ deopts: 0, reasons: new Map(), compiles: 0, compileMs: 0 });

async function parent(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const args = [
    '--trace-opt',
    '--trace-deopt',
    '--import',
    'tsx',
    self,
    '--child',
    '--passes',
    String(PASSES),
    '--services',
    String(SERVICES),
    '--seeds',
    String(SEEDS),
  ];
  const run = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  console.log(
    `advise() on ${SEEDS} seeded ${SERVICES}-service workloads, ${PASSES} passes, V8 tracing on (node ${process.version})`,
  );
  console.log('pass  wall ms  cpu ms  cpu/wall  deopts  compiles  compile ms  deopt reasons');
  let counts = fresh();
  let buffered = '';
  // V8's trace lines from different threads can land inside one another, so every pattern is matched
  // anywhere in a line, and as often as it occurs there.
  const take = (line: string) => {
    counts.deopts += count(line, /\[bailout \(kind: [^)]*, reason: (.*?)\): begin/g, (reason) => {
      counts.reasons.set(reason, (counts.reasons.get(reason) ?? 0) + 1);
    });
    counts.compiles += count(line, /\[completed compiling/g);
    // "took a, b, c ms": preparing, executing (in the background) and finalizing the job.
    count(line, /\[completed compiling[^[]*?took ([\d.]+), ([\d.]+), ([\d.]+) ms/g, (a, b, c) => {
      counts.compileMs += Number(a) + Number(b) + Number(c);
    });
    const pass = new RegExp(`${PASS_MARK} (\\d+) (\\d+) (\\d+)`).exec(line);
    if (pass) {
      const [, index, wall, cpu] = pass;
      const reasons = [...counts.reasons]
        .sort((x, y) => y[1] - x[1])
        .map(([reason, n]) => `${reason} ${n}`)
        .join(', ');
      console.log(
        `${index!.padStart(4)}  ${wall!.padStart(7)}  ${cpu!.padStart(6)}  ${(Number(cpu) / Number(wall)).toFixed(2).padStart(8)}  ${String(counts.deopts).padStart(6)}  ${String(counts.compiles).padStart(8)}  ${counts.compileMs.toFixed(0).padStart(10)}  ${reasons}`,
      );
      counts = fresh();
    }
  };
  run.stdout.setEncoding('utf8');
  run.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) take(line);
  });
  const code = await new Promise<number | null>((resolve) => run.on('close', resolve));
  if (buffered) take(buffered);
  if (code !== 0) throw new Error(`the measured process exited with code ${code}`);
  console.log('pass 0 includes the first compile of everything; later passes should settle near zero.');
}

await (values.child ? child() : parent());
