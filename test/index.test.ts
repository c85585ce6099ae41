import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The runtime names an entry exports, sorted: types leave no trace at runtime, so these are the values. */
async function namesOf(entry: Promise<Record<string, unknown>>): Promise<string[]> {
  const api = await entry;
  for (const [name, value] of Object.entries(api)) expect([name, value]).not.toEqual([name, undefined]);
  return Object.keys(api).sort();
}

/** Every name an entry exports, types included, as the TypeScript compiler sees the module. */
function exportedNames(entry: string): string[] {
  const file = fileURLToPath(new URL(`../${entry}`, import.meta.url));
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  return checker
    .getExportsOfModule(symbol)
    .map((s) => s.getName())
    .sort();
}

describe('the public entry points', () => {
  it('the root exports these names, types included (a type cannot vanish or appear unseen)', () => {
    expect(exportedNames('src/index.ts')).toMatchInlineSnapshot(`
      [
        "AdviseOptions",
        "BerthError",
        "BreakEven",
        "CANDIDATE_IDS",
        "CANDIDATE_LABELS",
        "Candidate",
        "CandidateCost",
        "CandidateCostSchema",
        "CandidateId",
        "CandidateSchema",
        "Compute",
        "Deployment",
        "DeploymentSchema",
        "ERROR_STATUS",
        "Effect",
        "ErrorCode",
        "FactValue",
        "FargateSizing",
        "Fleet",
        "FleetSchema",
        "FleetSolver",
        "GenerateIacOptions",
        "IAC_TARGETS",
        "IMPORT_FORMATS",
        "IacArtifact",
        "IacArtifactSchema",
        "IacFile",
        "IacTarget",
        "ImportFile",
        "ImportFormat",
        "ImportNote",
        "ImportOptions",
        "ImportResult",
        "Issue",
        "LineCategory",
        "LineItem",
        "LineItemSchema",
        "LoadBalancer",
        "NodePool",
        "NormalisedService",
        "NormalisedWorkload",
        "Orchestrator",
        "ParsedWorkload",
        "Placement",
        "Price",
        "PriceId",
        "PriceLookup",
        "PriceOrigin",
        "PriceSource",
        "PricingSummary",
        "Recommendation",
        "RecommendationSchema",
        "RecommendationSummary",
        "RecommendationSummarySchema",
        "Rule",
        "RuleHit",
        "SERVICE_FACTS",
        "ScoreContribution",
        "Target",
        "Traffic",
        "WORKLOAD_FACTS",
        "Warning",
        "WorkloadInput",
        "WorkloadSchema",
        "advise",
        "detectFilesFormat",
        "evaluateRules",
        "generatableCandidates",
        "generateIac",
        "importWorkload",
        "isBerthError",
        "isIacTarget",
        "loadRules",
        "normaliseWorkload",
        "parseRuleFile",
        "parseWorkloadText",
        "renderImportYaml",
        "targetsFor",
        "workloadJsonSchema",
        "writeIacOutput",
      ]
    `);
  });

  it('the subpath entries export these names, types included', () => {
    expect({
      optimizer: exportedNames('src/entries/optimizer.ts'),
      pricing: exportedNames('src/entries/pricing.ts'),
      server: exportedNames('src/entries/server.ts'),
    }).toMatchInlineSnapshot(`
      {
        "optimizer": [
          "DEFAULT_TIME_LIMIT_MS",
          "DaemonSetRequest",
          "FleetNode",
          "FleetOptions",
          "FleetPlan",
          "FleetSolver",
          "FleetSolverOptions",
          "FleetTaskGroup",
          "FleetTypeLine",
          "LevelsFleetSolver",
          "NodeCapacity",
          "PricedInstanceType",
          "UnplaceableGroup",
          "createFleetSolver",
          "heuristicFleetSolver",
          "nodeCapacity",
          "optimizeFleet",
          "optimizeFleets",
          "planFleetHeuristic",
          "stopSolverThread",
        ],
        "pricing": [
          "AwsPriceListSource",
          "BreakerChange",
          "BreakerState",
          "CircuitBreaker",
          "CircuitBreakerOptions",
          "CircuitOpenError",
          "HOURS_PER_MONTH",
          "InstanceType",
          "Price",
          "PriceId",
          "PriceLookup",
          "PriceOrigin",
          "PriceSource",
          "PriceSourceSettings",
          "ReservedTerm",
          "SnapshotPriceSource",
          "createPriceSource",
          "effectiveHourlyUsd",
          "findInstanceType",
          "listSnapshotRegions",
          "loadInstanceCatalog",
          "parseReservedTerms",
        ],
        "server": [
          "AdvisePool",
          "AdvisePoolOptions",
          "AppDeps",
          "BerthApp",
          "DEFAULT_LIMITS",
          "DEFAULT_LIVE_PRICES",
          "DEFAULT_SOCKET_LIMITS",
          "IacGenerator",
          "LivePriceSettings",
          "LogLevel",
          "Logger",
          "PROBLEM_CODES",
          "Problem",
          "ProblemCode",
          "RunningServer",
          "SERVER_ENV",
          "ServerConfig",
          "ServerLimits",
          "SocketLimits",
          "StartServerOptions",
          "buildOpenApiDocument",
          "createApp",
          "createLogger",
          "readServerConfig",
          "renderOpenApiYaml",
          "startServer",
        ],
      }
    `);
  });

  it('the root exports the library and nothing else (a new export must be added here on purpose)', async () => {
    expect(await namesOf(import('../src/index.js'))).toEqual([
      'BerthError',
      'CANDIDATE_IDS',
      'CANDIDATE_LABELS',
      'CandidateCostSchema',
      'CandidateSchema',
      'DeploymentSchema',
      'ERROR_STATUS',
      'FleetSchema',
      'IAC_TARGETS',
      'IMPORT_FORMATS',
      'IacArtifactSchema',
      'LineItemSchema',
      'RecommendationSchema',
      'RecommendationSummarySchema',
      'SERVICE_FACTS',
      'WORKLOAD_FACTS',
      'WorkloadSchema',
      'advise',
      'detectFilesFormat',
      'evaluateRules',
      'generatableCandidates',
      'generateIac',
      'importWorkload',
      'isBerthError',
      'isIacTarget',
      'loadRules',
      'normaliseWorkload',
      'parseRuleFile',
      'parseWorkloadText',
      'renderImportYaml',
      'targetsFor',
      'workloadJsonSchema',
      'writeIacOutput',
    ]);
  });

  it('berth/optimizer exports the fleet optimizer and the fleet solvers', async () => {
    expect(await namesOf(import('../src/entries/optimizer.js'))).toEqual([
      'DEFAULT_TIME_LIMIT_MS',
      'createFleetSolver',
      'heuristicFleetSolver',
      'nodeCapacity',
      'optimizeFleet',
      'optimizeFleets',
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

  it('package.json maps each subpath to its compiled entry and types, and require() to a clear error', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const entry = (name: string) => ({
      types: `./dist/${name}.d.ts`,
      import: `./dist/${name}.js`,
      require: './cjs/require-error.cjs',
    });
    expect(pkg.exports).toEqual({
      '.': entry('index'),
      './optimizer': entry('entries/optimizer'),
      './pricing': entry('entries/pricing'),
      './server': entry('entries/server'),
      './package.json': './package.json',
    });
  });
});
