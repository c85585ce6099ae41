/**
 * @module break-even-chart: for each orchestrator, compute cost against average load: Fargate grows with
 * the load, an always-on EC2 fleet sized for the peak does not. Costs are relative to Fargate running the
 * peak all month, the one scale `rec.breakEven` holds for both.
 */
import type { BreakEven, Recommendation } from '../model/recommendation.js';
import { escapeHtml } from './html.js';
import { linearScale, px } from './scale.js';

const WIDTH = 440;
const HEIGHT = 260;
const LEFT = 52;
const RIGHT = 420;
const TOP = 16;
const BOTTOM = 220;

export function renderBreakEvenCharts(rec: Recommendation): string {
  if (rec.breakEven.length === 0)
    return '<p>No break-even: it needs a Fargate and an EC2 candidate of one orchestrator, both completely priced.</p>';
  const labels = new Map(rec.candidates.map((c) => [c.id, c.label]));
  const charts = rec.breakEven.map((b) =>
    renderOne(b, labels.get(b.fargate) ?? b.fargate, labels.get(b.ec2) ?? b.ec2),
  );
  return `<div class="break-even">${charts.join('\n')}</div>`;
}

function renderOne(b: BreakEven, fargateLabel: string, ec2Label: string): string {
  // One chart per pair: the self-managed pair keeps the orchestrator's id, the AWS-managed one is named for itself.
  const id = b.ec2 === `${b.orchestrator}-ec2` ? `break-even-${b.orchestrator}` : `break-even-${b.ec2}`;
  const xMax = Math.max(1, Math.min(4, Math.max(b.breakEvenUtilisation, b.utilisation)));
  const x = linearScale(0, xMax, LEFT, RIGHT);
  const y = linearScale(0, Math.max(xMax, b.breakEvenUtilisation), BOTTOM, TOP);
  const end = x.ticks[x.ticks.length - 1] ?? xMax;
  const yTop = y.ticks[y.ticks.length - 1] ?? 1;
  const pct = (v: number) => `${Math.round(v * 100)} %`;
  const grid = [
    ...x.ticks.map(
      (t) =>
        `<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${TOP}" y2="${BOTTOM}" stroke="#e4e4e4"/><text x="${px(x(t))}" y="${BOTTOM + 15}" text-anchor="middle" class="tick">${pct(t)}</text>`,
    ),
    ...y.ticks.map(
      (t) =>
        `<line x1="${LEFT}" x2="${RIGHT}" y1="${px(y(t))}" y2="${px(y(t))}" stroke="#e4e4e4"/><text x="${LEFT - 5}" y="${px(y(t) + 4)}" text-anchor="end" class="tick">${pct(t)}</text>`,
    ),
  ].join('');
  // Fargate: cost ∝ load, 100 % at a constant peak. EC2: flat at the break-even share.
  const fargateEnd = Math.min(end, yTop);
  const ec2Y = y(b.breakEvenUtilisation);
  const crossing =
    b.breakEvenUtilisation <= end
      ? `<circle cx="${px(x(b.breakEvenUtilisation))}" cy="${px(ec2Y)}" r="4" fill="#333"><title>break-even at ${pct(b.breakEvenUtilisation)} of the peak</title></circle>`
      : '';
  return [
    `<figure class="chart">`,
    `<svg id="${id}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg" data-break-even="${b.breakEvenUtilisation}" data-utilisation="${b.utilisation}">`,
    `<title id="${id}-title">${escapeHtml(`${b.orchestrator.toUpperCase()}: EC2 versus Fargate compute cost by average load`)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(b.statement)}</desc>`,
    grid,
    `<line x1="${px(x(0))}" y1="${px(y(0))}" x2="${px(x(fargateEnd))}" y2="${px(y(fargateEnd))}" stroke="#0072b2" stroke-width="2.5"><title>${escapeHtml(fargateLabel)}</title></line>`,
    `<line x1="${LEFT}" x2="${RIGHT}" y1="${px(ec2Y)}" y2="${px(ec2Y)}" stroke="#d55e00" stroke-width="2.5" stroke-dasharray="7 4"><title>${escapeHtml(`${ec2Label}, always on`)}</title></line>`,
    crossing,
    `<line x1="${px(x(b.utilisation))}" x2="${px(x(b.utilisation))}" y1="${TOP}" y2="${BOTTOM}" stroke="#333" stroke-dasharray="2 3"/>`,
    `<text x="${px(x(b.utilisation) + 4)}" y="${TOP + 10}" class="tick">this workload ${pct(b.utilisation)}</text>`,
    `<text x="${(LEFT + RIGHT) / 2}" y="${HEIGHT - 8}" text-anchor="middle" class="tick">average load, share of the peak</text>`,
    `</svg>`,
    `<figcaption><span class="key fargate">solid: ${escapeHtml(fargateLabel)}</span> <span class="key ec2">dashed: ${escapeHtml(ec2Label)} (always on, sized for the peak)</span>. ` +
      `Compute cost as a share of Fargate running the peak all month. Break-even <strong>${pct(b.breakEvenUtilisation)}</strong>; this workload <strong>${pct(b.utilisation)}</strong>. ${escapeHtml(b.statement)}.</figcaption>`,
    `</figure>`,
  ].join('\n');
}
