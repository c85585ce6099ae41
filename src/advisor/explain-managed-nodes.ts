/**
 * @module explain-managed-nodes: says what each AWS-managed node option (EKS Auto Mode, ECS Managed
 * Instances) trades against its orchestrator's self-managed EC2 and Fargate candidates: the management
 * fee, the node operations it takes away, and bin-packing against per-task billing.
 */

import { listWords } from '../issues.js';
import type { Candidate } from '../model/candidate.js';
import { LINE_CATEGORIES, type LineCategory } from '../model/cost.js';
import { awsManagesNodes, type CandidateId } from '../model/vocabulary.js';
import { formatUsd, type Money, shownDifference, sumAsShown } from '../pricing/money.js';
import { missingLinesKey } from './cost-score.js';

/** One or two sentences per priced AWS-managed candidate; none when no such candidate was priced. */
export function explainManagedNodes(candidates: readonly Candidate[]): string[] {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const lines: string[] = [];
  for (const managed of candidates) {
    if (!awsManagesNodes(managed.id) || managed.cost === null || managed.rank === null) continue;
    const selfManaged = byId.get(`${managed.orchestrator}-ec2` as CandidateId);
    const fargate = byId.get(`${managed.orchestrator}-fargate` as CandidateId);
    lines.push(againstSelfManaged(managed, selfManaged));
    const vsFargate = againstFargate(managed, fargate);
    if (vsFargate !== null) lines.push(vsFargate);
  }
  return lines;
}

function againstSelfManaged(managed: Candidate, selfManaged: Candidate | undefined): string {
  const lines = managed.cost!.lineItems;
  const feeLines = lines.filter(isFeeLine);
  // The sum of the fee lines as the report shows them, each rounded to the cent, so a reader who adds them
  // gets this figure (the exact total could round a cent apart).
  const fee = sumAsShown(feeLines.map((l) => l.monthlyUsd));
  const assumed = feeLines.some((l) => l.confirmed === false)
    ? ', assumed at a share of the on-demand price'
    : '';
  const unpriced = feeLines.filter((l) => l.missing).length;
  // A fee with no price is never stated as $0.00: say what is known, and that the rest has no price.
  const feeText =
    unpriced === feeLines.length
      ? 'a management fee with no price in the data'
      : `a management fee of ${formatUsd(fee)} a month${assumed}${unpriced > 0 ? ', plus fees with no price in the data' : ''}`;
  const systemNodes = selfManaged?.deployment?.systemNodes
    ? `, and needs no system node group (${selfManaged.deployment.systemNodes.count} × ${selfManaged.deployment.systemNodes.instanceType} on ${selfManaged.label})`
    : '';
  const gives =
    'AWS launches, patches and replaces the nodes, so nobody updates AMIs or runs the node autoscaler';
  if (!comparable(managed, selfManaged))
    return `${managed.label} runs the same kind of EC2 fleet as self-managed nodes and adds ${feeText}${systemNodes}; ${gives}.`;
  // From the totals as shown, each rounded to the cent, so the figure is their difference to the cent.
  const delta = shownDifference(managed.cost!.monthlyUsd, selfManaged!.cost!.monthlyUsd);
  const direction = delta.isNegative() ? 'less' : 'more';
  const others = otherLines(managed, selfManaged!);
  const parts = others.reduce((sum, o) => sum.plus(o.amount), fee);
  // Totals are rounded once, lines one by one: the lines' figures can be a cent or two off the difference.
  const apart = parts.minus(delta);
  const rounding = apart.isZero()
    ? ''
    : `; added up as shown, line by line, these come to ${formatUsd(apart.abs())} ${apart.isNegative() ? 'less' : 'more'} than the difference of the totals (each total is rounded once)`;
  const otherText =
    others.length === 0
      ? ''
      : `; its other lines differ by ${listWords(
          others.map((o) => `${signedUsd(o.amount)} (${CATEGORY_WORDS[o.category]})`),
          'and',
        )}`;
  return `${managed.label} costs ${formatUsd(delta.abs())} ${direction} a month than ${selfManaged!.label}: it adds ${feeText}${systemNodes}${otherText}${rounding}; in return ${gives}.`;
}

/** How the sentence names a line category. */
const CATEGORY_WORDS: Record<LineCategory, string> = {
  compute: 'instances',
  'control-plane': 'control plane and system nodes',
  'load-balancing': 'load balancing',
  network: 'network',
  storage: 'storage',
  observability: 'logs and metrics',
  discount: 'discounts',
};

/** "+$14.00" or "-$60.74". */
function signedUsd(amount: Money): string {
  return `${amount.isNegative() ? '-' : '+'}${formatUsd(amount.abs())}`;
}

/**
 * The line categories whose lines besides the fee differ between the two candidates (the system node group,
 * the nodes' root volumes), each with its difference from the lines as shown: a reader who adds up those
 * lines of either bill gets these figures.
 */
function otherLines(managed: Candidate, selfManaged: Candidate): { category: LineCategory; amount: Money }[] {
  const shown = (c: Candidate, category: LineCategory) =>
    sumAsShown(
      c.cost!.lineItems.filter((l) => l.category === category && !isFeeLine(l)).map((l) => l.monthlyUsd),
    );
  return LINE_CATEGORIES.flatMap((category) => {
    const amount = shown(managed, category).minus(shown(selfManaged, category));
    return amount.isZero() ? [] : [{ category, amount }];
  });
}

function isFeeLine(line: { priceId: string | null }): boolean {
  return /-fee:/.test(line.priceId ?? '');
}

function againstFargate(managed: Candidate, fargate: Candidate | undefined): string | null {
  if (fargate === undefined || fargate.cost === null || fargate.rank === null) return null;
  if (!comparable(managed, fargate)) return null;
  const delta = shownDifference(managed.cost!.monthlyUsd, fargate.cost.monthlyUsd);
  const verdict = delta.isNegative()
    ? `saves ${formatUsd(delta.abs())} a month against ${fargate.label}: packing tasks onto whole instances costs less, fee included, than billing each task at its rounded-up Fargate size`
    : `costs ${formatUsd(delta)} a month more than ${fargate.label}: whole instances and their fee cost more here than billing each task at its Fargate size`;
  return `${managed.label} ${verdict}; neither leaves node operations to the team.`;
}

/** Like with like only: both priced, leaving out the very same lines. */
function comparable(a: Candidate, b: Candidate | undefined): boolean {
  return b !== undefined && b.cost !== null && b.rank !== null && missingLinesKey(a) === missingLinesKey(b);
}
