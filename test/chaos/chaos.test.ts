import { afterAll, describe, expect, it } from 'vitest';
import { killAll } from './launch.js';
import { countByStatus, findFailures, runChaos } from './scenarios.js';

afterAll(() => killAll());

describe('chaos, the short form (npm run test:chaos runs the full one)', () => {
  it('answers ~1,000 hostile bodies, pathological workloads, slow loris, overload, SIGTERM mid-solve and a hanging Price List API without a 5xx or a hang', async () => {
    const solveTimeoutMs = 20_000;
    const report = await runChaos({
      bodies: 1000,
      seed: 7,
      concurrency: 8,
      loris: 2,
      pathological: ['replicas-1e9', 'services-500x10000', 'tasks-50000-ec2'],
      priceModes: ['hang'],
      solveTimeoutMs,
    });
    // Statuses only; no speed is asserted here (see findFailures).
    expect(findFailures(report, solveTimeoutMs, { timed: false })).toEqual([]);
    expect(report.fuzz.length).toBeGreaterThan(1000);
    expect(countByStatus(report.fuzz)['400']).toBeGreaterThan(500);
    expect(report.pathological.find((p) => p.name === 'replicas-1e9')?.outcome.status).toBe(400);
    expect(report.loris.every((l) => l.status.startsWith('HTTP/1.1 408'))).toBe(true);
    expect(report.sigterm.code).toBe(0);
    const hang = report.prices[0]!;
    expect(hang.fromSnapshot).toBe(16);
    expect(hang.breakerLogs).toEqual([expect.stringMatching(/^warn price source circuit open: 2 timeouts/)]);
  }, 900_000);
});
