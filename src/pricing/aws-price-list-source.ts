/**
 * @module aws-price-list-source: live prices from the AWS Price List Query API, cached, under deadlines,
 * and falling back to another source (the snapshot) for every id it cannot get, with a warning.
 * API: https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_GetProducts.html
 */
import { PricingClient } from '@aws-sdk/client-pricing';
import { describeValue } from '../issues.js';
import type { Price, PriceId, PriceOrigin } from '../model/price.js';
import {
  classifyAwsOutcome,
  describeAwsError,
  isRetryableAwsError,
  isSourceDown,
} from './aws-call-errors.js';
import type { RetryPolicy } from './call-with-retry.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { PriceCache } from './price-cache.js';
import { instanceTypeOfPriceId } from './price-ids.js';
import { fetchPriceListProducts } from './price-list-fetch.js';
import { matchPrice } from './price-list-match.js';
import { readCurrentGeneration } from './price-list-parse.js';
import { type PriceListQuery, priceListQueryFor, queryKey } from './price-list-queries.js';
import type { PriceLookup, PriceSource } from './price-source.js';
import { isRegionCode } from './region-code.js';
import type { SnapshotPrice } from './snapshot-files.js';
import { SnapshotPriceSource } from './snapshot-source.js';

export interface AwsPriceListSourceOptions {
  /**
   * A ready client. Give it `maxAttempts: 1`: this source retries on its own, under its own deadline, and
   * the SDK's retries would multiply them.
   */
  client?: PricingClient;
  /** API endpoint URL (a local fake in tests); only used when no client is given. */
  endpoint?: string;
  /**
   * API endpoint region; it does not choose which prices come back
   * (docs/pricing.md#price-list-api-endpoints).
   */
  region?: string;
  /** Deadline of each API call. */
  timeoutMs?: number;
  /** Attempts per API call, the first included. */
  maxAttempts?: number;
  /** First backoff between attempts; it doubles, with jitter. */
  retryBaseMs?: number;
  /** Folder of the disk cache; memory only when absent. */
  cacheDir?: string;
  ttlMs?: number;
  /** Answers the ids the API could not; the embedded snapshot by default. */
  fallback?: PriceSource;
  now?: () => number;
  /** Queries in flight at once per lookup; the API throttles bursts. */
  concurrency?: number;
  /** MaxResults per page (the API allows up to 100). */
  pageSize?: number;
  /**
   * Remembers failures across lookups: open, it refuses calls at once, so lookups use the fallback in
   * milliseconds. Share one between sources that call the same API; default: one of this source's own.
   */
  breaker?: CircuitBreaker;
  /**
   * How long getPrices waits for the API before it answers what has not arrived from the fallback (the
   * late answers still fill the cache). While any call has gone unanswered for longer than this, lookups
   * do not call the API at all. Default: no limit but the per-call deadlines (a CLI run waits).
   */
  waitMs?: number;
}

export type LiveFailureKind = 'not-found' | 'ambiguous' | 'unsupported' | 'error';

export interface LiveFailure {
  kind: LiveFailureKind;
  reason: string;
}

/** A lookup without fallback: what the API gave, and why each other id has no price. */
export interface LiveFetch {
  prices: Map<PriceId, Price>;
  failures: Map<PriceId, LiveFailure>;
  /**
   * Per EC2 instance type priced by the API in this call (not from the cache), whether its product says
   * it is current generation; types whose product lacks the attribute are absent.
   */
  currentGeneration: Map<string, boolean>;
  warnings: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function emptyFetch(): LiveFetch {
  return { prices: new Map(), failures: new Map(), currentGeneration: new Map(), warnings: [] };
}

/** Queries finish in any order; the answer follows the order of the ids asked. */
function ordered(wanted: readonly PriceId[], result: LiveFetch): LiveFetch {
  const generationOrder = wanted.flatMap((id) => instanceTypeOfPriceId(id) ?? []);
  return {
    prices: inOrder(wanted, result.prices),
    failures: inOrder(wanted, result.failures),
    currentGeneration: inOrder(generationOrder, result.currentGeneration),
    warnings: result.warnings,
  };
}

function inOrder<T>(ids: readonly PriceId[], map: ReadonlyMap<PriceId, T>): Map<PriceId, T> {
  return new Map(ids.flatMap((id) => (map.has(id) ? [[id, map.get(id) as T] as const] : [])));
}

function listIds(ids: readonly PriceId[]): string {
  const shown = ids.slice(0, 8).join(', ');
  return ids.length > 8 ? `${shown} and ${ids.length - 8} more` : shown;
}

export class AwsPriceListSource implements PriceSource {
  readonly name = 'live';
  readonly #client: PricingClient;
  readonly #fallback: PriceSource;
  readonly #cache: PriceCache;
  readonly #policy: RetryPolicy;
  readonly #concurrency: number;
  readonly #pageSize: number;
  readonly #breaker: CircuitBreaker;
  readonly #waitMs: number | undefined;

  constructor(options: AwsPriceListSourceOptions = {}) {
    this.#client =
      options.client ??
      new PricingClient({
        region: options.region ?? 'us-east-1',
        ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
        maxAttempts: 1,
      });
    this.#fallback = options.fallback ?? new SnapshotPriceSource();
    this.#cache = new PriceCache({
      dir: options.cacheDir,
      ttlMs: options.ttlMs ?? DAY_MS,
      now: options.now ?? Date.now,
    });
    const breaker = options.breaker ?? new CircuitBreaker();
    this.#breaker = breaker;
    this.#waitMs = options.waitMs;
    this.#policy = {
      timeoutMs: options.timeoutMs ?? 5000,
      maxAttempts: options.maxAttempts ?? 3,
      baseDelayMs: options.retryBaseMs ?? 200,
      isRetryable: isRetryableAwsError,
      gate: (attempt) => breaker.run(attempt, classifyAwsOutcome),
    };
    this.#concurrency = options.concurrency ?? 4;
    this.#pageSize = options.pageSize ?? 100;
  }

  /** The breaker this source's calls go through (its state, for health reports). */
  get breaker(): CircuitBreaker {
    return this.#breaker;
  }

  /** Live or cached prices; every id the API cannot answer is asked of the fallback, with a warning. */
  async getPrices(region: string, ids: readonly PriceId[]): Promise<PriceLookup> {
    const live = await this.#fetchWithin(region, ids);
    const failed = [...live.failures.keys()];
    if (failed.length === 0) return { prices: live.prices, warnings: live.warnings };
    const byReason = new Map<string, PriceId[]>();
    for (const [id, { reason }] of live.failures) byReason.set(reason, [...(byReason.get(reason) ?? []), id]);
    const using = this.#fallback.name === 'snapshot' ? 'the snapshot' : `the ${this.#fallback.name} source`;
    const warnings = [...live.warnings];
    for (const [reason, group] of byReason) {
      warnings.push(`live prices unavailable for ${listIds(group)}: ${reason}; using ${using}`);
    }
    const fallback = await this.#fallback.getPrices(region, failed);
    const prices = new Map(live.prices);
    for (const [id, price] of fallback.prices) prices.set(id, price);
    return { prices, warnings: [...warnings, ...fallback.warnings] };
  }

  /**
   * Prices from the cache or the API, never from the fallback. With `cache: false` every id is asked of
   * the API and nothing is stored (a snapshot refresh).
   */
  async fetchPrices(
    region: string,
    ids: readonly PriceId[],
    options: { cache?: boolean } = {},
  ): Promise<LiveFetch> {
    const wanted = [...new Set(ids)];
    const result = emptyFetch();
    await this.#fetchInto(region, wanted, options.cache ?? true, undefined, result);
    return ordered(wanted, result);
  }

  /** fetchPrices under `waitMs`: what has not arrived by then fails with the reason, and arrives later. */
  async #fetchWithin(region: string, ids: readonly PriceId[]): Promise<LiveFetch> {
    const waitMs = this.#waitMs;
    if (waitMs === undefined) return this.fetchPrices(region, ids);
    const wanted = [...new Set(ids)];
    const result = emptyFetch();
    // A call of another lookup still unanswered past the wait: the API is not answering now, so this
    // lookup does not add calls of its own (the circuit breaker decides once those calls end).
    const stalled = this.#breaker.oldestCallMs();
    const skip =
      stalled > waitMs
        ? `not asked: the Price List API has left a call unanswered for ${Math.round(stalled)} ms`
        : undefined;
    const done = this.#fetchInto(region, wanted, true, skip, result);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), waitMs);
    });
    const finished = await Promise.race([done.then(() => true as const), late]);
    clearTimeout(timer);
    if (finished) return ordered(wanted, result);
    // The lookup goes on in the background and fills the cache; this answer takes what has arrived.
    done.catch(() => undefined);
    const now: LiveFetch = {
      prices: new Map(result.prices),
      failures: new Map(result.failures),
      currentGeneration: new Map(result.currentGeneration),
      warnings: [...result.warnings],
    };
    const reason = `no answer within ${waitMs} ms (a later answer is cached for the next request)`;
    for (const id of wanted)
      if (!now.prices.has(id) && !now.failures.has(id)) now.failures.set(id, { kind: 'error', reason });
    return ordered(wanted, now);
  }

  async #fetchInto(
    region: string,
    wanted: readonly PriceId[],
    useCache: boolean,
    skipLive: string | undefined,
    result: LiveFetch,
  ): Promise<void> {
    // The region names a cache file and goes into filters, so only a well-formed code is used.
    if (!isRegionCode(region)) {
      const reason = `${describeValue(region)} is not a region code`;
      for (const id of wanted) result.failures.set(id, { kind: 'error', reason });
      return;
    }
    let remaining = wanted;
    if (useCache) {
      const cached = await this.#cache.get(region, wanted);
      result.warnings.push(...cached.warnings);
      for (const [id, price] of cached.prices)
        result.prices.set(id, this.#toPrice(id, region, price, 'cache'));
      remaining = wanted.filter((id) => !cached.prices.has(id));
    }
    const fresh = await this.#fetchLive(region, remaining, skipLive, result);
    if (useCache) result.warnings.push(...(await this.#cache.put(region, fresh)));
  }

  async #fetchLive(
    region: string,
    ids: readonly PriceId[],
    skipLive: string | undefined,
    result: LiveFetch,
  ): Promise<Map<PriceId, SnapshotPrice>> {
    const groups = new Map<string, { query: PriceListQuery; ids: [PriceId, PriceListQuery][] }>();
    for (const id of ids) {
      const query = priceListQueryFor(region, id);
      if (query === undefined) {
        result.failures.set(id, {
          kind: 'unsupported',
          reason: 'the Price List has no query for this price id',
        });
        continue;
      }
      const group = groups.get(queryKey(query)) ?? { query, ids: [] };
      group.ids.push([id, query]);
      groups.set(queryKey(query), group);
    }
    const fresh = new Map<PriceId, SnapshotPrice>();
    // Why queries are not sent: the API cannot answer at all (no credentials, down, timing out, circuit
    // open), found by an earlier query of this lookup or known before it started.
    let down: string | undefined = skipLive;
    await forEachLimited([...groups.values()], this.#concurrency, async (group) => {
      const fail = (reason: string) => {
        for (const [id] of group.ids) result.failures.set(id, { kind: 'error', reason });
      };
      if (down !== undefined) return fail(down);
      let products: Awaited<ReturnType<typeof fetchPriceListProducts>>;
      try {
        products = await fetchPriceListProducts(this.#client, group.query, this.#policy, this.#pageSize);
      } catch (error) {
        const reason = describeAwsError(error);
        if (isSourceDown(error)) down ??= `not asked, the Price List API already failed: ${reason}`;
        return fail(reason);
      }
      if (products.malformed.length > 0) {
        result.warnings.push(
          `skipped ${products.malformed.length} malformed Price List entr${products.malformed.length === 1 ? 'y' : 'ies'} ` +
            `for ${group.query.serviceCode} in ${region}: ${products.malformed.slice(0, 3).join('; ')}`,
        );
      }
      for (const [id, query] of group.ids) {
        const match = matchPrice(query, products.items);
        if (!match.ok) {
          result.failures.set(id, { kind: match.kind, reason: `${match.reason} in ${region}` });
          continue;
        }
        fresh.set(id, match.price);
        result.prices.set(id, this.#toPrice(id, region, match.price, 'live'));
        const instanceType = instanceTypeOfPriceId(id);
        const generation = match.items[0] === undefined ? null : readCurrentGeneration(match.items[0]);
        if (instanceType !== undefined && generation !== null)
          result.currentGeneration.set(instanceType, generation);
      }
    });
    return fresh;
  }

  #toPrice(id: PriceId, region: string, price: SnapshotPrice, origin: PriceOrigin): Price {
    return { id, region, ...price, origin };
  }
}
