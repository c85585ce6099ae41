/** @module doc-citations: finds the Markdown documents source files cite and checks that each resolves. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface SourceFile {
  /** Path relative to the repository root, with `/` separators. */
  path: string;
  text: string;
}

export interface Citation {
  file: string;
  line: number;
  /** The document as written, relative to the repository root (`docs/optimizer.md`). */
  doc: string;
  /** The anchor after `#`, or null when the citation names the whole document. */
  anchor: string | null;
}

export interface CitationReport {
  citations: Citation[];
  /** One line per broken citation or forbidden mention: `{file}:{line}: {what}: {why}`. */
  problems: string[];
}

/** Mentions of material that lives outside the repository, which users never have. */
const FORBIDDEN: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /research\//, why: 'research notes are not in the repository; cite docs/ instead' },
  { pattern: /\.\.\/shared|\/work\/shared/, why: 'the shared folder is not in the repository' },
];

/** Notes whose facts moved to docs/: a mention anywhere but under docs/ points at the old notes. */
const MOVED_NOTES = new Set(['performance.md', 'pricing.md']);

/**
 * External references are not repository paths: URLs, and `owner/name@commit:path` citations of other
 * repositories. They are blanked before searching, so a `.md` inside them is not taken for a local one.
 */
const EXTERNAL = /https?:\/\/\S+|[\w.-]+\/[\w.-]+@[0-9a-f]{7,40}(?::\S*)?/g;

/** A path ending in `.md`, optionally followed by `#anchor`. */
const MD_REFERENCE = /(?<![\w./-])((?:\.{1,2}\/)*(?:[\w-][\w.-]*\/)*[\w-][\w.-]*\.md)(?!\w)(?:#([\w-]+))?/g;

/**
 * The anchor GitHub gives a heading: lowercase, every character other than a letter, digit, `_`, `-`
 * or space dropped, spaces turned into `-`.
 */
export function slugifyHeading(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every heading anchor of a Markdown text; repeated headings get `-1`, `-2`, ... as on GitHub. */
export function collectHeadingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMark !== undefined) {
      if (fence === null) fence = fenceMark[0]!;
      else if (fenceMark[0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const heading = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = slugifyHeading(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Every file under the given folders of the repository (folders that do not exist are skipped). */
export function readSourceFiles(root: string, folders: readonly string[]): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (relative: string) => {
    const absolute = path.join(root, relative);
    if (statSync(absolute).isDirectory()) {
      for (const entry of readdirSync(absolute).sort()) walk(path.posix.join(relative, entry));
    } else {
      files.push({ path: relative, text: readFileSync(absolute, 'utf8') });
    }
  };
  for (const folder of folders) if (existsSync(path.join(root, folder))) walk(folder);
  return files;
}

/** Checks every `.md` citation in the files against the documents under `root`. */
export function checkCitations(root: string, files: readonly SourceFile[]): CitationReport {
  const citations: Citation[] = [];
  const problems: string[] = [];
  const anchorsByDoc = new Map<string, Set<string> | null>();
  const anchorsOf = (doc: string): Set<string> | null => {
    if (!anchorsByDoc.has(doc)) {
      const absolute = path.join(root, doc);
      const exists = existsSync(absolute) && statSync(absolute).isFile();
      anchorsByDoc.set(doc, exists ? collectHeadingAnchors(readFileSync(absolute, 'utf8')) : null);
    }
    return anchorsByDoc.get(doc)!;
  };

  for (const file of files) {
    file.text.split('\n').forEach((rawLine, index) => {
      const where = `${file.path}:${index + 1}`;
      const line = rawLine.replace(EXTERNAL, (match) => ' '.repeat(match.length));
      for (const { pattern, why } of FORBIDDEN) {
        const hit = pattern.exec(line);
        if (hit) problems.push(`${where}: ${hit[0]}: ${why}`);
      }
      for (const match of line.matchAll(MD_REFERENCE)) {
        const doc = match[1]!;
        const anchor = match[2] ?? null;
        const cited = anchor === null ? doc : `${doc}#${anchor}`;
        citations.push({ file: file.path, line: index + 1, doc, anchor });
        const normalised = path.posix.normalize(doc);
        const base = path.posix.basename(normalised);
        if (MOVED_NOTES.has(base) && normalised !== `docs/${base}`) {
          problems.push(`${where}: ${cited}: cites the research notes; cite docs/${base} instead`);
          continue;
        }
        if (normalised.startsWith('../') || path.posix.isAbsolute(normalised)) {
          problems.push(`${where}: ${cited}: outside the repository; paths are relative to its root`);
          continue;
        }
        const anchors = anchorsOf(normalised);
        if (anchors === null) problems.push(`${where}: ${cited}: no such file in the repository`);
        else if (anchor !== null && !anchors.has(anchor))
          problems.push(`${where}: ${cited}: ${doc} has no heading with this anchor`);
      }
    });
  }
  return { citations, problems };
}
