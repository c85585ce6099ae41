/**
 * @module render-yaml: an imported workload as YAML whose comments say where each value came from and
 * what was assumed; it parses back to the same workload.
 */
import { Document, isMap, isScalar, isSeq, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { ImportNote, ImportResult } from './types.js';

const FORMAT_NAMES = {
  compose: 'Compose',
  kubernetes: 'Kubernetes',
  ecs: 'ECS',
  copilot: 'Copilot',
} as const;

export function renderImportYaml(result: ImportResult): string {
  const doc = new Document(result.workload, { aliasDuplicateObjects: false });
  const header = [
    ` Imported by berth import from ${FORMAT_NAMES[result.format]} input.`,
    ' Each value says where it came from; "assumed" and "default" mark what the input did not say.',
  ];
  if (result.defaulted.length > 0)
    header.push(` Default resources (no CPU or memory in the input): ${result.defaulted.join(', ')}.`);
  for (const skipped of result.skipped) header.push(` Skipped: ${skipped}`);
  for (const note of result.notes.filter((n) => n.service === undefined))
    header.push(` ${describeNote(note)}`);
  doc.commentBefore = header.join('\n');
  const root = doc.contents as YAMLMap;
  commentPairs(root.items as Pair[], result.sources['(workload)'] ?? {}, '');
  const services = root.get('services', true);
  if (isSeq(services)) {
    services.items.forEach((item) => {
      if (!isMap(item)) return;
      const name = String(item.get('name'));
      const notes = result.notes.filter((n) => n.service === name);
      const lines = [
        ` ${name}: from ${result.origins[name] ?? 'the input'}`,
        ...notes.map((n) => ` ${describeNote(n)}`),
      ];
      if (result.healthchecks[name])
        lines.push(` healthcheck kept: ${result.healthchecks[name].command.join(' ')}`);
      item.commentBefore = lines.join('\n');
      commentPairs(item.items as Pair[], result.sources[name] ?? {}, '');
    });
  }
  return doc.toString({ lineWidth: 0 });
}

function describeNote(note: ImportNote): string {
  return `${note.kind}: ${note.message}${note.at ? ` (${note.at})` : ''}`;
}

/** Puts each field's source beside it (after a scalar, above a map or list); `needs.x` inside `needs`. */
function commentPairs(pairs: readonly Pair[], sources: Record<string, string>, prefix: string): void {
  for (const pair of pairs) {
    const key = String((pair.key as Scalar).value);
    const field = `${prefix}${key}`;
    const source = sources[field];
    if (source !== undefined) {
      if (isScalar(pair.value)) pair.value.comment = ` ${source}`;
      else (pair.key as Scalar).commentBefore = ` ${source}`;
    }
    if (isMap(pair.value)) commentPairs(pair.value.items as Pair[], sources, `${field}.`);
  }
}
