/** Reads docs/ARCHITECTURE.md's tables and checks an import graph against them. */
import madge from 'madge';

/** A top-level unit of src/: a folder (`advisor`) or a root file without its extension (`errors`). */
export function unitOf(file: string): string {
  const slash = file.indexOf('/');
  return slash === -1 ? file.replace(/\.[mc]?[jt]s$/, '') : file.slice(0, slash);
}

/** The rows of the first Markdown table after `heading`, as arrays of cells (header and rule rows dropped). */
export function tableAfter(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start === -1) throw new Error(`no heading "${heading}" in the document`);
  const rows: string[][] = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('#')) break;
    if (!line.startsWith('|')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    rows.push(
      line
        .slice(1, line.endsWith('|') ? -1 : undefined)
        .split('|')
        .map((c) => c.trim()),
    );
  }
  return rows.slice(2);
}

/** Backticked names in a table cell: "`model`, `pricing`" → ['model', 'pricing']. */
export function namesIn(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

/** Unit → the units it may import, from the dependency table. */
export function allowedImports(markdown: string): Map<string, Set<string>> {
  const rows = tableAfter(markdown, '## Dependency rules');
  return new Map(rows.map(([unit, allowed]) => [namesIn(unit ?? '')[0]!, new Set(namesIn(allowed ?? ''))]));
}

/** Unit-to-unit arrows of a file graph (file → files it imports), with one example file per arrow. */
export function unitArrows(graph: Record<string, string[]>): Map<string, string> {
  const arrows = new Map<string, string>();
  for (const [file, deps] of Object.entries(graph)) {
    for (const dep of deps) {
      const from = unitOf(file);
      const to = unitOf(dep);
      if (from !== to && !arrows.has(`${from} -> ${to}`))
        arrows.set(`${from} -> ${to}`, `${file} imports ${dep}`);
    }
  }
  return arrows;
}

/** Every way the graph and the table disagree, as sentences; empty when the map is true. */
export function checkArrows(arrows: Map<string, string>, allowed: Map<string, Set<string>>): string[] {
  const problems: string[] = [];
  for (const [arrow, example] of arrows) {
    const [from, to] = arrow.split(' -> ') as [string, string];
    const line = allowed.get(from);
    if (line === undefined) problems.push(`${from}: not in the dependency table (${example})`);
    else if (!line.has(to)) problems.push(`${arrow}: not allowed by the dependency table (${example})`);
  }
  for (const [from, targets] of allowed)
    for (const to of targets)
      if (!arrows.has(`${from} -> ${to}`))
        problems.push(`${from} -> ${to}: the table names this arrow, but no file in ${from} imports ${to}`);
  return problems;
}

/** The import graph of src/ (type imports included) and its cycles. */
export async function readImportGraph(
  root: string,
): Promise<{ graph: Record<string, string[]>; cycles: string[][] }> {
  const result = await madge(`${root}/src`, {
    fileExtensions: ['ts'],
    tsConfig: `${root}/tsconfig.json`,
    detectiveOptions: { ts: { skipTypeImports: false } },
  });
  return { graph: result.obj(), cycles: result.circular() };
}
