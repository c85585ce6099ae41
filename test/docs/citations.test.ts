import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkCitations,
  collectHeadingAnchors,
  readSourceFiles,
  slugifyHeading,
} from '../helpers/doc-citations.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('citations in the repository', () => {
  const files = readSourceFiles(ROOT, ['src', 'rules', 'settings']);
  const report = checkCitations(ROOT, files);

  it('resolve every cited document and anchor, and mention no material outside the repository', () => {
    expect(report.problems).toEqual([]);
  });

  it('are found at all: the optimizer and pricing code cite both docs by anchor', () => {
    const cited = new Set(report.citations.map((c) => `${c.doc}#${c.anchor}`));
    expect(cited).toContain('docs/optimizer.md#set-covering-model');
    expect(cited).toContain('docs/optimizer.md#the-master-lp');
    expect(cited).toContain('docs/pricing.md#fargate-spot-usage-type');
    expect(report.citations.filter((c) => c.doc.startsWith('docs/')).length).toBeGreaterThanOrEqual(17);
  });
});

describe('slugifyHeading', () => {
  it('follows GitHub: lowercase, punctuation other than - and _ dropped, spaces to -', () => {
    expect(slugifyHeading("LP bound and Farley's bound")).toBe('lp-bound-and-farleys-bound');
    expect(slugifyHeading('PriceList item shape')).toBe('pricelist-item-shape');
    expect(slugifyHeading('Hours per month (730 h, 365 × 24 / 12)')).toBe(
      'hours-per-month-730-h-365--24--12',
    );
    expect(slugifyHeading('`solve()` is sync-only')).toBe('solve-is-sync-only');
    expect(slugifyHeading('snake_case stays')).toBe('snake_case-stays');
  });
});

describe('collectHeadingAnchors', () => {
  it('numbers repeated headings and ignores lines inside code fences', () => {
    const markdown = ['# Title', '## Notes', '```sh', '# not a heading', '```', '## Notes', '### Closed ##'];
    expect([...collectHeadingAnchors(markdown.join('\n'))]).toEqual(['title', 'notes', 'notes-1', 'closed']);
  });
});

describe('checkCitations', () => {
  function check(...lines: string[]): string[] {
    const root = makeTempDir();
    mkdirSync(path.join(root, 'docs'));
    writeFileSync(path.join(root, 'docs', 'optimizer.md'), '# Optimizer\n\n## Set-covering model\n');
    return checkCitations(root, [{ path: 'src/a.ts', text: lines.join('\n') }]).problems;
  }

  it('accepts a cited document, a cited anchor, and .md files inside URLs or other repositories', () => {
    expect(
      check(
        '// see docs/optimizer.md and docs/optimizer.md#set-covering-model.',
        '// https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/proposals/pricing.md',
        '// https://www.microsoft.com/en-us/research/publication/x/',
        '// aws/karpenter-provider-aws@1d92708:designs/bin-packing.md',
      ),
    ).toEqual([]);
  });

  it('reports a missing document, a missing anchor, and a path outside the repository', () => {
    expect(
      check('// docs/pricing.md#hours', '/* (docs/optimizer.md#set-cover) */', '// ../notes.md'),
    ).toEqual([
      'src/a.ts:1: docs/pricing.md#hours: no such file in the repository',
      'src/a.ts:2: docs/optimizer.md#set-cover: docs/optimizer.md has no heading with this anchor',
      'src/a.ts:3: ../notes.md: outside the repository; paths are relative to its root',
    ]);
  });

  it('reports the research notes, bare or by path, and the shared folder', () => {
    expect(check('// performance.md §A3', '// research/pricing.md §1.4', '// ../shared/aws-data')).toEqual([
      'src/a.ts:1: performance.md: cites the research notes; cite docs/performance.md instead',
      'src/a.ts:2: research/: research notes are not in the repository; cite docs/ instead',
      'src/a.ts:2: research/pricing.md: cites the research notes; cite docs/pricing.md instead',
      'src/a.ts:3: ../shared: the shared folder is not in the repository',
    ]);
  });
});
