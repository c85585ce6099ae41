import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  allowedImports,
  checkArrows,
  namesIn,
  readImportGraph,
  tableAfter,
  unitArrows,
} from './helpers/architecture.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAP = readFileSync(`${ROOT}/docs/ARCHITECTURE.md`, 'utf8');

describe('docs/ARCHITECTURE.md', () => {
  it('names every folder of src/ in its folder map, and only folders that exist', () => {
    const mapped = tableAfter(MAP, '## Where things are').map(([cell]) => namesIn(cell ?? '')[0]!);
    for (const path of mapped) expect(existsSync(`${ROOT}/${path}`), path).toBe(true);
    const folders = readdirSync(`${ROOT}/src`, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `src/${e.name}/`);
    expect(folders.filter((f) => !mapped.includes(f))).toEqual([]);
  });

  it('holds every top-level unit of src/ in its dependency table, and only those', () => {
    const units = readdirSync(`${ROOT}/src`, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? e.name : e.name.replace(/\.ts$/, ''),
    );
    expect([...allowedImports(MAP).keys()].sort()).toEqual(units.sort());
  });

  it('matches the imports of src/ exactly, with no cycle', async () => {
    const { graph, cycles } = await readImportGraph(ROOT);
    expect(Object.keys(graph).length).toBeGreaterThan(100);
    expect(cycles).toEqual([]);
    expect(checkArrows(unitArrows(graph), allowedImports(MAP))).toEqual([]);
  });
});

describe('the dependency check', () => {
  const allowed = allowedImports(`## Dependency rules

| folder | may import |
|---|---|
| \`model\` | |
| \`advisor\` | \`model\` |
| \`iac\` | \`model\` |
`);

  it('fails on a back-arrow such as iac importing advisor', () => {
    const arrows = unitArrows({
      'advisor/advise.ts': ['model/candidate.ts'],
      'iac/generate.ts': ['model/candidate.ts', 'advisor/advise.ts'],
    });
    expect(checkArrows(arrows, allowed)).toEqual([
      'iac -> advisor: not allowed by the dependency table (iac/generate.ts imports advisor/advise.ts)',
    ]);
  });

  it('fails on an arrow the table names but the code lacks, and on a folder the table does not know', () => {
    const arrows = unitArrows({ 'advisor/advise.ts': ['model/candidate.ts'], 'cli/main.ts': ['model/x.ts'] });
    expect(checkArrows(arrows, allowed)).toEqual([
      'cli: not in the dependency table (cli/main.ts imports model/x.ts)',
      'iac -> model: the table names this arrow, but no file in iac imports model',
    ]);
  });
});
