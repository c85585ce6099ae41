/** Shared pieces of the server tests: a held price source, request builders and a log capture. */

import { Decimal } from 'decimal.js';
import { expect } from 'vitest';
import type { PriceId } from '../../src/model/price.js';
import type { PriceLookup, PriceSource } from '../../src/pricing/price-source.js';
import { SnapshotPriceSource } from '../../src/pricing/snapshot-source.js';
import { loadRules } from '../../src/rules/loader.js';
import { AdvisePool } from '../../src/server/advise-pool.js';
import { type AppDeps, createApp } from '../../src/server/app.js';
import type { BerthApp } from '../../src/server/app-services.js';
import { createLogger, type Logger } from '../../src/server/logger.js';
import { expectContract } from './contract.js';

export const RULES = loadRules();
export const SNAPSHOT = new SnapshotPriceSource();

/**
 * One pool of advise workers for the apps of a test file: a worker takes seconds to load, and the
 * workers do not depend on the app (each job brings its price source). Idle workers stop after 5 s.
 */
export const POOL = new AdvisePool({ size: 2, rules: RULES, maxHeapMb: 1024, idleMs: 5000 });

export const SMALL_WORKLOAD = {
  name: 'small-web-app',
  services: [{ name: 'web', cpu: 0.25, memory: '512 MiB', replicas: 2, exposure: 'public' }],
};

const SLOW_CPUS = [0.25, 0.5, 1, 2, 4];
const SLOW_MEMORY = ['0.5 GiB', '1 GiB', '2 GiB', '3 GiB', '8 GiB', '16 GiB'];

/**
 * A workload whose fleets take seconds to solve, for tests that act while a solve runs: sixty services
 * of mixed shapes with a diurnal profile, on EC2 only (privileged). `advise()` took 2.1 s warm on one
 * thread here (3.1 s cold; 2026-12-01). Thirty services at the 5,000-task quota, used before, took
 * 250 ms warm and sometimes finished inside node.test.ts's 500 ms shutdown grace.
 */
export const SLOW_EC2_WORKLOAD = {
  services: Array.from({ length: 60 }, (_, i) => ({
    name: `s${i}`,
    cpu: SLOW_CPUS[i % SLOW_CPUS.length]!,
    memory: SLOW_MEMORY[(i * 7) % SLOW_MEMORY.length]!,
    replicas: { min: 1 + (i % 3), max: 8 + (i % 11) * 3 },
    traffic: { pattern: 'diurnal', peakStartHour: 8, peakEndHour: 20 },
    needs: { privileged: true },
  })),
};

export const SMALL_YAML = `name: small-web-app
services:
  - name: web
    cpu: 0.25
    memory: 512 MiB
    replicas: 2
    exposure: public
`;

/** Answers like the snapshot, but only once `release()` is called; `entered` resolves on the first query. */
export class HeldPriceSource implements PriceSource {
  readonly name = 'snapshot';
  calls = 0;
  readonly entered: Promise<void>;
  #enter!: () => void;
  #release!: () => void;
  readonly #gate: Promise<void>;

  constructor() {
    this.entered = new Promise((resolve) => {
      this.#enter = resolve;
    });
    this.#gate = new Promise((resolve) => {
      this.#release = resolve;
    });
  }

  release(): void {
    this.#release();
  }

  async getPrices(region: string, ids: readonly PriceId[]): Promise<PriceLookup> {
    this.calls++;
    this.#enter();
    await this.#gate;
    return SNAPSHOT.getPrices(region, ids);
  }
}

/** A price source that fails the way a bug would: a plain Error with something secret in it. */
export class BrokenPriceSource implements PriceSource {
  readonly name = 'snapshot';
  constructor(readonly error: Error) {}
  async getPrices(): Promise<PriceLookup> {
    throw this.error;
  }
}

export function captureLogs(): { logger: Logger; lines: string[]; text: () => string } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  return { logger, lines, text: () => lines.join('') };
}

export function testApp(deps: AppDeps = {}): BerthApp {
  return createApp({ pool: POOL, priceSource: SNAPSHOT, ...deps });
}

export function postJson(body: unknown, query = '', headers: Record<string, string> = {}) {
  return [
    `/recommend${query}`,
    {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
    },
  ] as const;
}

export function postYaml(text: string, query = '') {
  return [
    `/recommend${query}`,
    { method: 'POST', body: text, headers: { 'content-type': 'application/yaml' } },
  ] as const;
}

/** Calls the app and checks the response against openapi.yaml; returns status, body and headers. */
export async function call(
  app: BerthApp,
  path: string,
  init: RequestInit = {},
  contractPath = path.split('?')[0] ?? path,
) {
  const response = await app.request(path, init);
  const headers = response.headers;
  const checked = await expectContract(init.method ?? 'GET', contractPath, response);
  // biome-ignore lint/suspicious/noExplicitAny: bodies are read loosely here, after the contract check.
  return { ...checked, headers, json: checked.body as any };
}

// Far more digits than any addend has, so the test's own sum is exact (decimal.js defaults to 20).
const Exact = Decimal.clone({ precision: 200 });
const TOLERANCE_USD = new Exact('1e-30');

interface PricedBody {
  candidates: {
    id: string;
    cost: { monthlyUsd: string; lineItems: { monthlyUsd: string | null }[] } | null;
  }[];
}

/**
 * Every priced candidate's monthlyUsd is the sum of its priced line items, to 1e-30 USD. Not to the last
 * digit: quantities such as 1125.41666… task-hours are repeating decimals that Berth's money (40
 * significant digits) rounds, line by line and in the total, so the total of the printed lines can differ
 * from the printed total in the 38th decimal place. A missing, doubled or wrong line is far larger.
 */
export function expectTotalsAddUp(body: unknown): number {
  const priced = (body as PricedBody).candidates.filter((c) => c.cost !== null);
  for (const c of priced) {
    const total = new Exact(c.cost!.monthlyUsd);
    let sum = new Exact(0);
    for (const line of c.cost!.lineItems) if (line.monthlyUsd !== null) sum = sum.plus(line.monthlyUsd);
    expect(
      total.minus(sum).abs().lte(TOLERANCE_USD),
      `${c.id}: total ${total} but its lines sum to ${sum}`,
    ).toBe(true);
  }
  return priced.length;
}
