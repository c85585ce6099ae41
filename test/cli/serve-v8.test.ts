import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SERVE_V8_FLAGS } from '../../src/cli/serve-v8.js';

/**
 * A child Node that makes objects from one allocation site which all survive (a list that keeps them),
 * with V8's pretenuring statistics traced: V8 then decides to allocate that site's objects in the old
 * generation ("=> tenure", one line a site at each scavenge once decided). `apply` decides what runs
 * first: nothing, applyServeV8Flags, or `berth serve`'s own start (startServeCommand on a free loopback
 * port, then closed); the `worker-` forms make the objects in a worker thread started afterwards, as the
 * server's advise workers are.
 */
type Apply = 'none' | 'flags' | 'serve' | 'worker-none' | 'worker-flags';

const ALLOCATE = `
const keep = [];
const make = (i) => ({ a: i, b: [i, i + 1] });
for (let round = 0; round < 10; round++) {
  for (let i = 0; i < 200000; i++) keep.push(make(i));
  if (keep.length > 1000000) keep.length = 0;
}
console.log('made', keep.length);
`;

const PROBE = (apply: Apply) => `
import { applyServeV8Flags } from ${JSON.stringify(new URL('../../src/cli/serve-v8.ts', import.meta.url).href)};
import { startServeCommand } from ${JSON.stringify(new URL('../../src/cli/serve-run.ts', import.meta.url).href)};
const apply = ${JSON.stringify(apply)};
if (apply === 'flags') applyServeV8Flags();
if (apply === 'serve') {
  const quiet = { stdout: () => {}, stderr: (text) => process.stderr.write(text) };
  const { code, server } = await startServeCommand(['--port', '0', '--host', '127.0.0.1'], quiet, { BERTH_LOG_LEVEL: 'error' });
  if (code !== 0 || !server) throw new Error('berth serve did not start: ' + code);
  await server.close();
}
if (apply === 'worker-flags') applyServeV8Flags();
if (apply.startsWith('worker-')) {
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(${JSON.stringify(ALLOCATE)}, { eval: true });
  await new Promise((resolve, reject) => worker.once('exit', resolve).once('error', reject));
} else {
${ALLOCATE}
}
`;

function tenureDecisions(apply: Apply): number {
  const output = execFileSync(
    process.execPath,
    // A 1 MiB semi-space on any machine: many scavenges, so V8 has survivals enough to decide on.
    [
      '--min-semi-space-size=1',
      '--max-semi-space-size=1',
      '--trace-pretenuring-statistics',
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      PROBE(apply),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  // 10 rounds of 200,000, the list cut back to 0 past 1,000,000 (after the 6th round): 4 rounds left.
  expect(output).toContain('made 800000');
  // Loading tsx and the modules tenures a site or two of its own, with about 100 objects sampled, some before
  // the flags are set; the probe's two sites (the object and its array) sample thousands at each scavenge.
  return output.split('\n').filter((line) => {
    const sampled = /\(created, found, ratio\) \((\d+),/.exec(line);
    return line.includes('=> tenure') && sampled !== null && Number(sampled[1]) >= 1000;
  }).length;
}

/**
 * Tenure decisions with nothing set, from up to three probes: V8 samples survivals at some scavenges only,
 * and a probe sometimes ends before it decides (2 of 24 probes, run two at a time on the 2-core development
 * machine, 2026-12-02). Once the flags were set, no probe ever tenured the site.
 */
function tenuredWithoutFlags(apply: 'none' | 'worker-none'): number {
  let decisions = 0;
  for (let probe = 0; probe < 3 && decisions === 0; probe++) decisions = tenureDecisions(apply);
  return decisions;
}

describe('berth serve V8 flags', () => {
  it('turns allocation-site pretenuring off', () => {
    expect(SERVE_V8_FLAGS).toEqual(['--no-allocation-site-pretenuring']);
  });

  it('stops V8 from tenuring an allocation site whose objects all survive, set at run time', () => {
    // The probe's site is tenured when nothing is set (so the check below can fail) ...
    expect(tenuredWithoutFlags('none')).toBeGreaterThan(0);
    // ... and never once the flags are set, by the function or by berth serve's start.
    expect(tenureDecisions('flags')).toBe(0);
    expect(tenureDecisions('serve')).toBe(0);
  }, 60_000);

  it('does so in worker threads started after the flags are set, as the advise workers are', () => {
    expect(tenuredWithoutFlags('worker-none')).toBeGreaterThan(0);
    expect(tenureDecisions('worker-flags')).toBe(0);
  }, 60_000);
});
