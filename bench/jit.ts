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

const { values } = parseArgs({
  options: {
    passes: { type: 'string', default: '6' },
    services: { type: 'string', default: '20' },
    seeds: { type: 'string', default: '5' },
    child: { type: 'boolean', default: false },
  },
});

function whole(text: string | undefined, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${flag} ${text} is invalid: it must be a whole number ≥ 1`);
  return n;
}

const PASSES = whole(values.passes, '--passes');
const SERVICES = whole(values.services, '--services');
const SEEDS = whole(values.seeds, '--seeds');
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
  const take = (line: string) => {
    if (line.startsWith(PASS_MARK)) {
      const [, pass, wall, cpu] = line.split(' ');
      const reasons = [...counts.reasons]
        .sort((a, b) => b[1] - a[1])
        .map(([reason, n]) => `${reason} ${n}`)
        .join(', ');
      console.log(
        `${pass!.padStart(4)}  ${wall!.padStart(7)}  ${cpu!.padStart(6)}  ${(Number(cpu) / Number(wall)).toFixed(2).padStart(8)}  ${String(counts.deopts).padStart(6)}  ${String(counts.compiles).padStart(8)}  ${counts.compileMs.toFixed(0).padStart(10)}  ${reasons}`,
      );
      counts = fresh();
      return;
    }
    if (line.startsWith('[bailout')) {
      counts.deopts += 1;
      const reason = /reason: (.*?)\): begin/.exec(line)?.[1] ?? 'unknown';
      counts.reasons.set(reason, (counts.reasons.get(reason) ?? 0) + 1);
    } else if (line.startsWith('[completed compiling')) {
      counts.compiles += 1;
      // "took a, b, c ms": preparing, executing (in the background) and finalizing the job.
      const took = /took ([\d.]+), ([\d.]+), ([\d.]+) ms/.exec(line);
      if (took) counts.compileMs += Number(took[1]) + Number(took[2]) + Number(took[3]);
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
