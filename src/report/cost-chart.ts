/**
 * @module cost-chart: the monthly cost of every priced candidate as horizontal bars stacked by line
 * category, with the exact total printed on each bar and incomplete totals marked as lower bounds.
 */
import type { Recommendation } from '../model/recommendation.js';
import { CATEGORY_COLOURS, CATEGORY_LABELS, CATEGORY_ORDER } from './categories.js';
import { escapeHtml } from './html.js';
import { formatUsd } from './money.js';
import { amountsByCategory, type PricedCandidate, pricedCandidates } from './priced-candidates.js';
import { linearScale, px } from './scale.js';

const WIDTH = 960;
const LABEL_END = 250;
const PLOT_START = 262;
const PLOT_END = 650;
const ROW = 38;
const BAR = 22;
const TOP = 12;

export function renderCostChart(rec: Recommendation): string {
  const priced = pricedCandidates(rec);
  if (priced.length === 0) return '<p>No candidate could be priced.</p>';
  const spans = priced.map((c) => extent(c));
  const scale = linearScale(
    Math.min(0, ...spans.map((s) => s.negative)),
    Math.max(0, ...spans.map((s) => s.positive)),
    PLOT_START,
    PLOT_END,
  );
  const height = TOP + priced.length * ROW + 40;
  const axisY = TOP + priced.length * ROW + 4;
  const rows = priced.map((c, i) => renderBar(c, rec.recommended, TOP + i * ROW, scale));
  const ticks = scale.ticks
    .map(
      (t) =>
        `<line x1="${px(scale(t))}" x2="${px(scale(t))}" y1="${TOP - 4}" y2="${axisY}" stroke="#ddd"/>` +
        `<text x="${px(scale(t))}" y="${axisY + 16}" text-anchor="middle" class="tick">${escapeHtml(formatUsd(String(t)).replace('.00', ''))}</text>`,
    )
    .join('');
  const incomplete = priced.some((c) => !c.cost.complete);
  return [
    `<figure class="chart">`,
    `<svg id="cost-chart" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="cost-chart-title cost-chart-desc" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="cost-chart-title">Monthly cost per candidate, stacked by line category</title>`,
    `<desc id="cost-chart-desc">${escapeHtml(describe(priced))}</desc>`,
    `<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff" fill-opacity="0.35"/><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="3"/></pattern></defs>`,
    ticks,
    `<line x1="${px(scale(0))}" x2="${px(scale(0))}" y1="${TOP - 4}" y2="${axisY}" stroke="#333"/>`,
    ...rows,
    `</svg>`,
    `<figcaption>${renderLegend(priced)}${incomplete ? '<p class="note">A hatched bar marked <strong>incomplete</strong> leaves out lines whose price is missing: its total is a lower bound, and the ranking table gives its difference from the recommended total as a range where the missing prices allow one (docs/ranking.md#incomplete-totals).</p>' : ''}</figcaption>`,
    `</figure>`,
    renderCostTable(priced),
  ].join('\n');
}

function extent(c: PricedCandidate): { positive: number; negative: number } {
  let positive = 0;
  let negative = 0;
  for (const a of amountsByCategory(c.cost)) {
    const v = a.usd.toNumber();
    if (v >= 0) positive += v;
    else negative += v;
  }
  return { positive, negative };
}

function renderBar(c: PricedCandidate, recommended: string, y: number, scale: (v: number) => number): string {
  const parts: string[] = [];
  let right = 0;
  let left = 0;
  for (const { category, usd } of amountsByCategory(c.cost)) {
    const v = usd.toNumber();
    const from = v >= 0 ? right : left + v;
    if (v >= 0) right += v;
    else left += v;
    const x = scale(from);
    const w = Math.abs(scale(from + Math.abs(v)) - x);
    parts.push(
      `<rect class="segment" data-category="${category}" data-usd="${usd.toFixed()}" x="${px(x)}" y="${px(y)}" width="${px(w)}" height="${BAR}" fill="${CATEGORY_COLOURS[category]}"><title>${escapeHtml(`${c.label}: ${CATEGORY_LABELS[category]} ${formatUsd(usd)}`)}</title></rect>`,
    );
  }
  if (!c.cost.complete)
    parts.push(
      `<rect x="${px(scale(left))}" y="${px(y)}" width="${px(scale(right) - scale(left))}" height="${BAR}" fill="url(#hatch)"/>`,
    );
  const isBest = c.id === recommended;
  const label = `${c.label}${isBest ? ' (recommended)' : ''}`;
  const total = `${formatUsd(c.cost.monthlyUsd)}${c.cost.complete ? '' : ' + missing prices: incomplete'}`;
  return [
    `<g class="bar" data-candidate="${c.id}" data-total="${escapeHtml(c.cost.monthlyUsd)}" data-complete="${c.cost.complete}">`,
    `<text x="${LABEL_END}" y="${px(y + BAR / 2 + 5)}" text-anchor="end" class="${isBest ? 'label best' : 'label'}">${escapeHtml(label)}</text>`,
    ...parts,
    `<text x="${px(scale(right) + 6)}" y="${px(y + BAR / 2 + 5)}" class="${c.cost.complete ? 'total' : 'total incomplete'}">${escapeHtml(total)}</text>`,
    `</g>`,
  ].join('');
}

function describe(priced: readonly PricedCandidate[]): string {
  return priced
    .map(
      (c) => `${c.label}: ${formatUsd(c.cost.monthlyUsd)} a month${c.cost.complete ? '' : ' (incomplete)'}`,
    )
    .join('; ');
}

function renderLegend(priced: readonly PricedCandidate[]): string {
  const used = CATEGORY_ORDER.filter((cat) =>
    priced.some((c) => c.cost.lineItems.some((l) => l.category === cat)),
  );
  return `<ul class="legend">${used
    .map(
      (c) =>
        `<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${CATEGORY_COLOURS[c]}"/></svg>${CATEGORY_LABELS[c]}</li>`,
    )
    .join('')}</ul>`;
}

/** The chart's numbers as a table: one row per candidate, one column per category. */
function renderCostTable(priced: readonly PricedCandidate[]): string {
  const used = CATEGORY_ORDER.filter((cat) =>
    priced.some((c) => c.cost.lineItems.some((l) => l.category === cat)),
  );
  const head = `<tr><th scope="col">Candidate</th>${used.map((c) => `<th scope="col" class="num">${CATEGORY_LABELS[c]}</th>`).join('')}<th scope="col" class="num">Monthly total</th></tr>`;
  const body = priced
    .map((c) => {
      const amounts = new Map(amountsByCategory(c.cost).map((a) => [a.category, a.usd]));
      const cells = used.map((cat) => {
        const v = amounts.get(cat);
        return `<td class="num">${v === undefined ? '–' : formatUsd(v)}</td>`;
      });
      const total = `${formatUsd(c.cost.monthlyUsd)}${c.cost.complete ? '' : ' (incomplete)'}`;
      return `<tr data-candidate="${c.id}"><th scope="row">${escapeHtml(c.label)}</th>${cells.join('')}<td class="num total-cell">${total}</td></tr>`;
    })
    .join('');
  return `<details class="chart-data"><summary>The chart's numbers</summary><table><caption>Monthly cost by category (USD)</caption><thead>${head}</thead><tbody>${body}</tbody></table></details>`;
}
