/**
 * @module render-html-report: a recommendation as one self-contained HTML page: verdict, reasons,
 * warnings, cost chart, weekly profile, break-even and line items, with inline CSS and SVG only.
 */
import type { IacArtifact } from '../model/iac.js';
import type { Recommendation } from '../model/recommendation.js';
import { renderBreakEvenCharts } from './break-even-chart.js';
import { renderCostChart } from './cost-chart.js';
import { escapeHtml, linkify, sourceLink } from './html.js';
import { renderLineItems } from './line-items-table.js';
import { formatUsd } from './money.js';
import { renderProfileChart } from './profile-chart.js';
import { renderRankingTable } from './ranking-table.js';
import { renderStarterCode } from './starter-code.js';
import { REPORT_CSS } from './style.js';

export interface HtmlReportOptions {
  /** Starter code to offer as downloads (the web page passes what it generated). */
  iac?: readonly IacArtifact[];
}

/** The whole page: one file that opens offline, with nothing fetched. */
export function renderHtmlReport(rec: Recommendation, options: HtmlReportOptions = {}): string {
  return renderPage(`Berth: ${rec.workload.name}`, renderReportBody(rec, options));
}

/** The coverage statement, before the verdict: the totals below are lower bounds when it shows. */
function renderCoverage(rec: Recommendation): string {
  const statement = rec.pricing.coverage.statement;
  if (statement === null) return '';
  return `<section class="coverage" id="coverage" aria-label="Price coverage"><p><strong>Price coverage:</strong> ${escapeHtml(statement)}</p></section>`;
}

/** A page around trusted body markup, with the report's stylesheet inline. */
export function renderPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The report's markup alone, for a page that adds its own parts (the server's form). */
export function renderReportBody(rec: Recommendation, options: HtmlReportOptions = {}): string {
  const best = rec.candidates.find((c) => c.id === rec.recommended);
  const cost = best?.cost ?? null;
  const monthly =
    cost === null
      ? ''
      : `<p><span id="verdict-total">${formatUsd(cost.monthlyUsd)}</span> a month${cost.complete ? '' : ', <strong>incomplete</strong>: some prices are missing'}.</p>`;
  return [
    `<main id="report">`,
    `<h1>Berth recommendation for ${escapeHtml(rec.workload.name)}</h1>`,
    `<p class="subtle">Region ${escapeHtml(rec.workload.region)}; ${rec.workload.services.length} service(s); prices ${escapeHtml(describePricing(rec))}.</p>`,
    renderCoverage(rec),
    `<section class="verdict" aria-label="Verdict"><p>Recommended:</p><p class="answer" id="verdict" data-candidate="${rec.recommended}">${escapeHtml(rec.recommendedLabel)}</p>${monthly}</section>`,
    renderRankingTable(rec),
    `<h2>Why</h2>`,
    `<ol class="reasons">${rec.explanation.map((e) => `<li>${linkify(e)}</li>`).join('')}</ol>`,
    renderWarnings(rec),
    `<h2>Monthly cost</h2>`,
    renderCostChart(rec),
    `<h2>The week, and the EC2 fleets over it</h2>`,
    renderProfileChart(rec),
    `<h2>EC2 or Fargate: the break-even</h2>`,
    renderBreakEvenCharts(rec),
    `<h2>Line items</h2>`,
    renderLineItems(rec),
    renderStarterCode(options.iac ?? []),
    renderNotes(rec),
    `</main>`,
  ].join('\n');
}

function renderWarnings(rec: Recommendation): string {
  if (rec.warnings.length === 0) return '';
  const items = rec.warnings
    .map((w) => {
      const who =
        w.candidates.length === 0
          ? ''
          : ` <span class="subtle">(${escapeHtml(w.candidates.join(', '))})</span>`;
      const source = w.source === null ? '' : ` ${sourceLink(w.source, 'source')}`;
      return `<li>${escapeHtml(w.message)}${who}${source}</li>`;
    })
    .join('');
  return `<h2>Warnings</h2><ul class="warnings">${items}</ul>`;
}

function renderNotes(rec: Recommendation): string {
  if (rec.workload.notes.length === 0) return '';
  return `<h2>Notes on the input</h2><ul>${rec.workload.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`;
}

function describePricing(rec: Recommendation): string {
  const { source, asOf, origins, hoursPerMonth } = rec.pricing;
  const dates =
    asOf.earliest === null
      ? 'undated'
      : asOf.earliest === asOf.latest
        ? `as of ${asOf.earliest}`
        : `as of ${asOf.earliest} to ${asOf.latest}`;
  return `from ${source} (${origins.join(', ') || 'none used'}), ${dates}, ${hoursPerMonth} hours a month`;
}
