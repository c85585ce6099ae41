/**
 * @module problems: collects every problem of an import as `{file}:{line}: {what}: {why}`, so one run
 * reports them all, then throws them as one BerthError.
 */
import { BerthError, type ErrorCode, type Issue } from '../errors.js';
import { describeIssues, MAX_LISTED_ISSUES } from '../issues.js';

export class ProblemList {
  private readonly issues: Issue[] = [];
  private unreadable = false;
  private total = 0;

  /** A problem at `at` (`file:line`): `what` names the field or thing, `why` says what is wrong. */
  add(at: string, what: string, why: string, code = 'invalid_input'): void {
    this.total += 1;
    if (code === 'unreadable') this.unreadable = true;
    if (this.issues.length < MAX_LISTED_ISSUES)
      this.issues.push({ path: at, code, message: `${what}: ${why}` });
  }

  get count(): number {
    return this.total;
  }

  /** Throws every problem so far in one error; returns when there is none. */
  throwIfAny(files: number): void {
    if (this.total === 0) return;
    const code: ErrorCode = this.unreadable ? 'INPUT_UNREADABLE' : 'INVALID_WORKLOAD';
    // In reading order: by file (as first met), then by line.
    const order = [...new Set(this.issues.map((i) => i.path.replace(/:\d+$/, '')))];
    const key = (path: string) => [
      order.indexOf(path.replace(/:\d+$/, '')),
      Number(/:(\d+)$/.exec(path)?.[1] ?? 0),
    ];
    const listed = [...this.issues].sort((a, b) => {
      const [fa = 0, la = 0] = key(a.path);
      const [fb = 0, lb = 0] = key(b.path);
      return fa - fb || la - lb;
    });
    const described = describeIssues(listed, this.total);
    if (this.total > listed.length) {
      listed.push({
        path: '(import)',
        code: 'too_many_issues',
        message: `${this.total - listed.length} more problems not listed: only the first ${MAX_LISTED_ISSUES} are`,
      });
    }
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    throw new BerthError(
      code,
      `could not import ${plural(files, 'file')}: ${plural(this.total, 'problem')} found (${described})`,
      { issues: listed },
    );
  }
}
