/** @module line-items-table: every priced candidate's bill, line by line, with its total. */
import type { LineItem } from '../model/cost.js';
import type { Recommendation } from '../model/recommendation.js';
import { CATEGORY_LABELS } from './categories.js';
import { escapeHtml, sourceLink } from './html.js';
import { formatQuantity, formatUnitPrice, formatUsd, roundCents, sumUsd } from './money.js';
import { type PricedCandidate, pricedCandidates } from './priced-candidates.js';

export function renderLineItems(rec: Recommendation): string {
  return pricedCandidates(rec)
    .map((c) => renderCandidate(c, c.id === rec.recommended))
    .join('\n');
}

function renderCandidate(c: PricedCandidate, open: boolean): string {
  const rows = c.cost.lineItems.map(renderLine).join('');
  const total = `${formatUsd(c.cost.monthlyUsd)}${c.cost.complete ? '' : ' (incomplete: prices missing)'}`;
  const rounding = roundingNote(c.cost.lineItems, c.cost.monthlyUsd);
  const notes = [...(rounding === null ? [] : [rounding]), ...c.cost.purchaseOptions, ...c.cost.notes]
    .map((n) => `<li>${escapeHtml(n)}</li>`)
    .join('');
  return [
    `<details class="line-items" data-candidate="${c.id}"${open ? ' open' : ''}>`,
    `<summary>${escapeHtml(c.label)}: <span class="candidate-total">${escapeHtml(total)}</span> a month</summary>`,
    `<table><thead><tr><th scope="col">Category</th><th scope="col">Line</th><th scope="col" class="num">Quantity</th><th scope="col">Unit</th><th scope="col" class="num">Unit price</th><th scope="col" class="num">Monthly</th></tr></thead>`,
    `<tbody>${rows}</tbody>`,
    `<tfoot><tr><th scope="row" colspan="5">Total${c.cost.complete ? '' : ', without the missing prices'}</th><td class="num line-total" data-total="${escapeHtml(c.cost.monthlyUsd)}">${escapeHtml(total)}</td></tr></tfoot>`,
    `</table>`,
    notes === '' ? '' : `<ul class="notes">${notes}</ul>`,
    `</details>`,
  ].join('\n');
}

/**
 * Each line is rounded to the cent on its own and the total once, from the exact sum: where the rounded lines
 * add up to a different figure, say so, in the words of the text and Markdown output. Null when they agree.
 */
function roundingNote(lines: readonly LineItem[], totalUsd: string): string | null {
  const shown = sumUsd(lines.flatMap((l) => (l.monthlyUsd === null ? [] : [roundCents(l.monthlyUsd)])));
  if (shown.equals(roundCents(totalUsd))) return null;
  return `Each line is rounded to the cent; the total is the exact sum of the unrounded lines, rounded once, so the lines as shown add up to ${formatUsd(shown)}.`;
}

function renderLine(l: LineItem): string {
  // As the text and Markdown tables do, a missing price names its id, so a reader can look it up or fill it.
  const price =
    l.unitPriceUsd === null
      ? `missing${l.priceId === null ? '' : ` (${escapeHtml(l.priceId)})`}`
      : formatUnitPrice(l.unitPriceUsd);
  const amount = l.monthlyUsd === null ? 'missing' : formatUsd(l.monthlyUsd);
  const description =
    l.source === null ? escapeHtml(l.description) : sourceLink(firstUrl(l.source), l.description);
  return `<tr class="${l.missing ? 'missing' : ''}" data-usd="${escapeHtml(l.monthlyUsd ?? '')}"><td>${CATEGORY_LABELS[l.category]}</td><td>${description}</td><td class="num">${formatQuantity(l.quantity)}</td><td>${escapeHtml(l.unit)}</td><td class="num">${price}</td><td class="num">${amount}</td></tr>`;
}

// A line's source may list several places separated by "; ": the first web address is the one to follow.
function firstUrl(source: string): string | null {
  return /https?:\/\/[^\s;]+/.exec(source)?.[0] ?? null;
}
