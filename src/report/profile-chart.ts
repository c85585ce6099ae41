/**
 * @module profile-chart: the workload's replicas per hour over one week (hourly averages, what Fargate
 * bills) with, for each EC2 fleet, the tasks its peak fleet holds (what the busiest minute needs).
 */
import type { Fleet } from '../model/cost.js';
import type { Recommendation } from '../model/recommendation.js';
import { escapeHtml } from './html.js';
import { pricedCandidates } from './priced-candidates.js';
import { linearScale, px } from './scale.js';

const HOURS = 168;
const MINUTES_PER_WEEK = HOURS * 60;
const WIDTH = 920;
const LEFT = 56;
const RIGHT = 700;
const TOP = 14;
const BOTTOM = 230;
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const FLEET_COLOURS = ['#d55e00', '#0072b2', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];

export interface FleetSummary {
  candidate: string;
  label: string;
  /** Tasks the optimizer placed on the peak fleet: the capacity it was sized to hold. */
  peakTasks: number;
  peakNodes: number;
  typicalNodes: number;
  /** Instance-minutes a week / minutes in a week: the nodes running on average. */
  averageNodes: number;
  peak: string;
  typical: string;
}

/** Replicas per hour of the week, summed over services (hour 0 = Monday 00:00 UTC). */
export function totalReplicasByHour(rec: Recommendation): number[] {
  const total = new Array<number>(HOURS).fill(0);
  for (const s of rec.workload.services) for (let h = 0; h < HOURS; h++) total[h]! += s.profile[h] ?? 0;
  return total;
}

export function summariseFleets(rec: Recommendation): FleetSummary[] {
  return pricedCandidates(rec).flatMap((c) => {
    const fleet = c.cost.fleet;
    if (fleet === null) return [];
    const minutes = fleet.instanceMinutesPerWeek.reduce((sum, t) => sum + t.minutes, 0);
    return [
      {
        candidate: c.id,
        label: c.label,
        peakTasks: fleet.placement.reduce((n, node) => n + node.tasks.reduce((m, t) => m + t.count, 0), 0),
        peakNodes: countNodes(fleet.peak),
        typicalNodes: countNodes(fleet.typical),
        averageNodes: minutes / MINUTES_PER_WEEK,
        peak: describeTypes(fleet.peak),
        typical: describeTypes(fleet.typical),
      },
    ];
  });
}

export function renderProfileChart(rec: Recommendation): string {
  const hourly = totalReplicasByHour(rec);
  const fleets = summariseFleets(rec);
  const top = Math.max(1, ...hourly, ...fleets.map((f) => f.peakTasks));
  const y = linearScale(0, top, BOTTOM, TOP);
  const x = (hour: number) => LEFT + (hour / HOURS) * (RIGHT - LEFT);
  const area = [
    `M${px(x(0))},${px(y(0))}`,
    ...hourly.flatMap((v, h) => [`L${px(x(h))},${px(y(v))}`, `L${px(x(h + 1))},${px(y(v))}`]),
    `L${px(x(HOURS))},${px(y(0))}Z`,
  ].join('');
  const grid = y.ticks
    .map(
      (t) =>
        `<line x1="${LEFT}" x2="${RIGHT}" y1="${px(y(t))}" y2="${px(y(t))}" stroke="#e4e4e4"/><text x="${LEFT - 6}" y="${px(y(t) + 4)}" text-anchor="end" class="tick">${t}</text>`,
    )
    .join('');
  const days = DAYS.map(
    (d, i) =>
      `<line x1="${px(x(i * 24))}" x2="${px(x(i * 24))}" y1="${TOP}" y2="${BOTTOM}" stroke="#ccc"/><text x="${px(x(i * 24 + 12))}" y="${BOTTOM + 16}" text-anchor="middle" class="tick">${d}</text>`,
  ).join('');
  const lines = fleets
    .map((f, i) => {
      const colour = FLEET_COLOURS[i % FLEET_COLOURS.length];
      const ly = px(y(f.peakTasks));
      return `<g class="fleet" data-candidate="${f.candidate}" data-peak-tasks="${f.peakTasks}"><line x1="${LEFT}" x2="${RIGHT}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2" stroke-dasharray="${6 + 2 * i} 4"><title>${escapeHtml(`${f.label}: the peak fleet holds ${f.peakTasks} tasks`)}</title></line><text x="${RIGHT + 6}" y="${px(y(f.peakTasks) + 4 + 12 * overlapShift(fleets, i, y))}" class="fleet-label" fill="${colour}">${escapeHtml(`${f.label}: ${f.peakTasks}`)}</text></g>`;
    })
    .join('');
  const peakHour = Math.max(...hourly);
  const mean = hourly.reduce((a, b) => a + b, 0) / HOURS;
  return [
    `<figure class="chart">`,
    `<svg id="profile-chart" viewBox="0 0 ${WIDTH} ${BOTTOM + 26}" width="100%" role="img" aria-labelledby="profile-chart-title profile-chart-desc" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="profile-chart-title">Replicas per hour over a week, with the tasks each EC2 peak fleet holds</title>`,
    `<desc id="profile-chart-desc">${escapeHtml(`Hourly average replicas of all services: highest ${round(peakHour)}, mean ${round(mean)}. ${fleets.map((f) => `${f.label}: the peak fleet holds ${f.peakTasks} tasks.`).join(' ')}`)}</desc>`,
    grid,
    days,
    `<path d="${area}" fill="#0072b2" fill-opacity="0.3" stroke="#0072b2" stroke-width="1.2"/>`,
    lines,
    `<text x="${LEFT}" y="${TOP - 2}" class="tick">replicas</text>`,
    `</svg>`,
    `<figcaption>Shaded: replicas of all services, averaged per hour (Monday 00:00 UTC first), which is what Fargate bills. ` +
      `Dashed: the tasks each EC2 candidate's <em>peak</em> fleet holds, sized for the busiest minute of the week (a spike inside an hour rises above its hourly average); ` +
      `the fleet scales down between peaks, so its average size over the week is in the table.</figcaption>`,
    `</figure>`,
    renderServiceTable(rec),
    fleets.length > 0 ? renderFleetTable(fleets) : '<p>No candidate runs an EC2 fleet.</p>',
  ].join('\n');
}

// Fleet labels at the same height would print on top of each other: each later one moves down a line.
function overlapShift(fleets: readonly FleetSummary[], i: number, y: (v: number) => number): number {
  let shift = 0;
  for (let j = 0; j < i; j++) if (Math.abs(y(fleets[j]!.peakTasks) - y(fleets[i]!.peakTasks)) < 12) shift++;
  return shift;
}

function renderServiceTable(rec: Recommendation): string {
  const rows = rec.workload.services
    .map(
      (s) =>
        `<tr><th scope="row">${escapeHtml(s.name)}</th><td class="num">${round(s.stats.peak)}</td><td class="num">${s.stats.peakReplicas}</td><td class="num">${round(s.stats.mean)}</td><td class="num">${round(s.stats.replicaHoursPerWeek).toLocaleString('en-US')}</td></tr>`,
    )
    .join('');
  return `<details class="chart-data"><summary>Replicas per service</summary><table><thead><tr><th scope="col">Service</th><th scope="col" class="num">Busiest hour (average)</th><th scope="col" class="num">Busiest minute</th><th scope="col" class="num">Mean</th><th scope="col" class="num">Replica-hours a week</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

function renderFleetTable(fleets: readonly FleetSummary[]): string {
  const rows = fleets
    .map(
      (f) =>
        `<tr data-candidate="${f.candidate}"><th scope="row">${escapeHtml(f.label)}</th><td class="num">${f.peakTasks}</td><td>${escapeHtml(f.peak)}</td><td>${escapeHtml(f.typical)}</td><td class="num">${f.averageNodes.toFixed(2)}</td></tr>`,
    )
    .join('');
  return `<table class="fleets"><caption>EC2 fleets</caption><thead><tr><th scope="col">Candidate</th><th scope="col" class="num">Tasks on the peak fleet</th><th scope="col">Peak fleet</th><th scope="col">Median-hour fleet</th><th scope="col" class="num">Nodes on average</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function countNodes(types: Fleet['peak']): number {
  return types.reduce((n, t) => n + t.count, 0);
}

/** "2 × m5a.large, 2 × m5a.large (Windows)": a fleet's Windows nodes said apart from its Linux ones. */
function describeTypes(types: Fleet['peak']): string {
  if (types.length === 0) return 'none';
  return types
    .map((t) => `${t.count} × ${t.instanceType}${t.os === 'windows' ? ' (Windows)' : ''}`)
    .join(', ');
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
