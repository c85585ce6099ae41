import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The runtime names an entry exports, sorted: types leave no trace at runtime, so these are the values. */
async function namesOf(entry: Promise<Record<string, unknown>>): Promise<string[]> {
  const api = await entry;
  for (const [name, value] of Object.entries(api)) expect([name, value]).not.toEqual([name, undefined]);
  return Object.keys(api).sort();
}

describe('the public entry points', () => {
  it('the root exports the library and nothing else (a new export must be added here on purpose)', async () => {
    expect(await namesOf(import('../src/index.js'))).toEqual([
      'BerthError',
      'CANDIDATE_IDS',
      'CANDIDATE_LABELS',
      'ERROR_STATUS',
      'IAC_TARGETS',
      'RecommendationSchema',
      'RecommendationSummarySchema',
      'SERVICE_FACTS',
      'WORKLOAD_FACTS',
      'WorkloadSchema',
      'advise',
      'evaluateRules',
      'generatableCandidates',
      'generateIac',
      'isBerthError',
      'isIacTarget',
      'loadRules',
      'normaliseWorkload',
      'parseRuleFile',
      'parseWorkloadText',
      'targetsFor',
      'workloadJsonSchema',
      'writeIacOutput',
    ]);
  });

  it('berth/optimizer exports the fleet optimizer and the fleet solvers', async () => {
    expect(await namesOf(import('../src/entries/optimizer.js'))).toEqual([
      'DEFAULT_TIME_LIMIT_MS',
      'createBudgetedFleetSolver',
      'heuristicFleetSolver',
      'nodeCapacity',
      'optimizeFleet',
      'planFleetHeuristic',
      'stopSolverThread',
    ]);
  });

  it('berth/pricing exports the price sources and the catalogs', async () => {
    expect(await namesOf(import('../src/entries/pricing.js'))).toEqual([
      'AwsPriceListSource',
      'CircuitBreaker',
      'CircuitOpenError',
      'HOURS_PER_MONTH',
      'SnapshotPriceSource',
      'createPriceSource',
      'effectiveHourlyUsd',
      'findInstanceType',
      'listSnapshotRegions',
      'loadInstanceCatalog',
      'parseReservedTerms',
    ]);
  });

  it('berth/server exports the hono app, the Node server and the contract', async () => {
    expect(await namesOf(import('../src/entries/server.js'))).toEqual([
      'AdvisePool',
      'DEFAULT_LIMITS',
      'DEFAULT_LIVE_PRICES',
      'DEFAULT_SOCKET_LIMITS',
      'PROBLEM_CODES',
      'SERVER_ENV',
      'buildOpenApiDocument',
      'createApp',
      'createLogger',
      'readServerConfig',
      'renderOpenApiYaml',
      'startServer',
    ]);
  });

  it('package.json maps each subpath to its entry', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.exports).toEqual({
      '.': './src/index.ts',
      './optimizer': './src/entries/optimizer.ts',
      './pricing': './src/entries/pricing.ts',
      './server': './src/entries/server.ts',
      './package.json': './package.json',
    });
  });
});
