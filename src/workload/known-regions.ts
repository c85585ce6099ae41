/**
 * @module known-regions: a workload's region must be one Berth has data for. The list comes from the caller
 * (the advisor reads data/regions.json), since this folder reads no files; the reason and the wording are
 * in docs/workload.md#regions-berth-knows.
 */
import type { Issue } from '../errors.js';
import { describeValue } from '../issues.js';
import { REGION_CODE_PATTERN } from './schema.js';

/** Known codes at most this many single-letter edits away are suggested ("us-est-1" → "us-east-1"). */
const MAX_SUGGESTION_DISTANCE = 2;
/** Suggestions named at most ("us-east-9" is one edit from us-east-1 and us-east-2). */
const MAX_SUGGESTIONS = 3;
/** Longer codes are not compared letter by letter (the longest real one, ap-southeast-5, has 14). */
const MAX_COMPARED_LENGTH = 40;

/**
 * The issue of a region code that is not among `known`, or undefined when it is. Only a well-formed code
 * is checked: a value of another type, or a malformed code, already has the schema's issue.
 */
export function unknownRegionIssue(region: unknown, known: readonly string[]): Issue | undefined {
  if (typeof region !== 'string' || !REGION_CODE_PATTERN.test(region) || known.includes(region))
    return undefined;
  const suggestions = closestRegions(region, known);
  const hint =
    suggestions.length === 0 ? '' : `; did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?`;
  return {
    path: 'region',
    code: 'unknown_region',
    message:
      `unknown region ${describeValue(region)}: Berth knows the ${known.length} regions of its price data ` +
      '(`berth regions` and GET /regions list them; `berth prices refresh --region R` adds one)' +
      hint,
    received: describeValue(region),
  };
}

/** The known codes fewest edits away from `region`, if any is close enough to be a typo of it. */
export function closestRegions(region: string, known: readonly string[]): string[] {
  if (region.length > MAX_COMPARED_LENGTH) return [];
  let best = MAX_SUGGESTION_DISTANCE + 1;
  let closest: string[] = [];
  for (const code of known) {
    const distance = editDistance(region, code);
    if (distance < best) {
      best = distance;
      closest = [code];
    } else if (distance === best) closest.push(code);
  }
  return closest.slice(0, MAX_SUGGESTIONS);
}

/** Levenshtein distance: the fewest single-character insertions, deletions or substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}
