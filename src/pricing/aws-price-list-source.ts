/**
 * @module aws-price-list-source: live prices from the AWS Price List Query API, cached, under deadlines,
 * and falling back to another source (the snapshot) for every id it cannot get, with a warning.
 * API: https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_GetProducts.html
 */
import { PricingClient } from '@aws-sdk/client-pricing';
import type { Price, PriceId, PriceOrigin } from '../model/price.js';
import { describeAwsError, isRetryableAwsError, isSourceDown } from './aws-call-errors.js';
import type { RetryPolicy } from './call-with-retry.js';
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
    this.#policy = {
      timeoutMs: options.timeoutMs ?? 5000,
      maxAttempts: options.maxAttempts ?? 3,
      baseDelayMs: options.retryBaseMs ?? 200,
      isRetryable: isRetryableAwsError,
    };
    this.#concurrency = options.concurrency ?? 4;
    this.#pageSize = options.pageSize ?? 100;
  }

  /** Live or cached prices; every id the API cannot answer is asked of the fallback, with a warning. */
  async getPrices(region: string, ids: readonly PriceId[]): Promise<PriceLookup> {
    const live = await this.fetchPrices(region, ids);
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
    const useCache = options.cache ?? true;
    const wanted = [...new Set(ids)];
    const result: LiveFetch = {
      prices: new Map(),
      failures: new Map(),
      currentGeneration: new Map(),
      warnings: [],
    };
    // The region names a cache file and goes into filters, so only a well-formed code is used.
    if (!isRegionCode(region)) {
      for (const id of wanted)
        result.failures.set(id, { kind: 'error', reason: `"${region}" is not a region code` });
      return result;
    }
    let remaining = wanted;
    if (useCache) {
      const cached = await this.#cache.get(region, wanted);
      result.warnings.push(...cached.warnings);
      for (const [id, price] of cached.prices)
        result.prices.set(id, this.#toPrice(id, region, price, 'cache'));
      remaining = wanted.filter((id) => !cached.prices.has(id));
    }
    const fresh = await this.#fetchLive(region, remaining, result);
    if (useCache) result.warnings.push(...(await this.#cache.put(region, fresh)));
    // Queries finish in any order; the answer follows the order of the ids asked.
    const generationOrder = wanted.flatMap((id) => instanceTypeOfPriceId(id) ?? []);
    return {
      prices: inOrder(wanted, result.prices),
      failures: inOrder(wanted, result.failures),
      currentGeneration: inOrder(generationOrder, result.currentGeneration),
      warnings: result.warnings,
    };
  }

  async #fetchLive(
    region: string,
    ids: readonly PriceId[],
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
    // Set once the API cannot answer at all (no credentials, down, timing out); later queries are not sent.
    let down: string | undefined;
    await forEachLimited([...groups.values()], this.#concurrency, async (group) => {
      const fail = (reason: string) => {
        for (const [id] of group.ids) result.failures.set(id, { kind: 'error', reason });
      };
      if (down !== undefined) return fail(`not asked, the Price List API already failed: ${down}`);
      let products: Awaited<ReturnType<typeof fetchPriceListProducts>>;
      try {
        products = await fetchPriceListProducts(this.#client, group.query, this.#policy, this.#pageSize);
      } catch (error) {
        const reason = describeAwsError(error);
        if (isSourceDown(error)) down ??= reason;
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
