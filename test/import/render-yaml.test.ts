import { describe, expect, it } from 'vitest';
import { importWorkload } from '../../src/import/import-workload.js';
import { renderImportYaml } from '../../src/import/render-yaml.js';
import { normaliseWorkload } from '../../src/workload/normalise.js';
import { parseWorkloadText } from '../../src/workload/read.js';
import { readImportFixture } from './fixtures.js';

const FIXTURES = [
  ['kubernetes/shop.yaml'],
  ['compose/compose.yaml'],
  ['ecs/task-definition.json', 'ecs/services.json'],
  ['copilot/manifest.yml'],
];

describe('renderImportYaml', () => {
  it.each(FIXTURES)('parses back to the same valid workload (%s)', (...names) => {
    const result = importWorkload(readImportFixture(...names));
    const yaml = renderImportYaml(result);
    const parsed = parseWorkloadText(yaml, 'import output');
    expect(parsed).toEqual(result.workload);
    expect(normaliseWorkload(parsed).services).toHaveLength(result.workload.services.length);
  });

  it('writes the source of each value beside it and the notes above each service', () => {
    const yaml = renderImportYaml(importWorkload(readImportFixture('compose/compose.yaml')));
    expect(yaml).toContain('# Default resources (no CPU or memory in the input): web, worker, db, cache.');
    expect(yaml).toContain('    replicas: 2 # compose/compose.yaml:27 services.worker.deploy.replicas\n');
    expect(yaml).toContain(
      "    cpu: 0.5 # Berth's default (override with --default-cpu): the input gives no CPU\n",
    );
    expect(yaml).toMatch(
      / {2}# db: from compose\/compose\.yaml:32\n {2}# warning: looks like a PostgreSQL database/,
    );
    expect(yaml).toContain('  # healthcheck kept: CMD curl -f http://localhost:8080/healthz\n');
  });
});
