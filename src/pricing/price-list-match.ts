/** @module price-list-match: the price of one id among the products its query returned. */
import { toMoney } from './money.js';
import type { PriceListItem } from './price-list-parse.js';
import type { PriceListQuery } from './price-list-queries.js';
import type { SnapshotPrice } from './snapshot-files.js';
import { compareCodeUnits } from './snapshot-json.js';

export type MatchResult =
  /** `items`: the products the price is made of, one per usage-type pattern, for their other attributes. */
  | { ok: true; price: SnapshotPrice; items: PriceListItem[] }
  | { ok: false; kind: 'not-found' | 'ambiguous'; reason: string };

function dateOf(item: PriceListItem): string | null {
  return (item.publicationDate ?? item.effectiveDate)?.slice(0, 10) ?? null;
}

/**
 * Each usage-type pattern of the query must match products of one price; several SKUs with one price
 * (the same rate listed twice) are fine, different prices are ambiguous and never guessed between.
 */
export function matchPrice(query: PriceListQuery, items: readonly PriceListItem[]): MatchResult {
  const parts: PriceListItem[] = [];
  for (const pattern of query.usageTypes) {
    const candidates = items
      .filter((item) => pattern.test(item.attributes.usagetype ?? ''))
      .sort((a, b) => compareCodeUnits(a.sku, b.sku));
    const first = candidates[0];
    if (first === undefined) {
      return {
        ok: false,
        kind: 'not-found',
        reason: `no ${query.serviceCode} product has a usage type matching ${pattern}`,
      };
    }
    const distinct = candidates.filter((c) => !toMoney(c.usd).equals(first.usd));
    if (distinct.length > 0) {
      const listed = candidates.map((c) => `${c.sku} ${c.usd}`).join(', ');
      return {
        ok: false,
        kind: 'ambiguous',
        reason: `products matching ${pattern} differ in price (${listed})`,
      };
    }
    parts.push(first);
  }
  const dates = parts
    .map(dateOf)
    .filter((d): d is string => d !== null)
    .sort();
  return {
    ok: true,
    price: {
      // One part keeps AWS's exact string; a sum is computed exactly and written without exponent.
      usd:
        parts.length === 1 ? parts[0]!.usd : parts.reduce((sum, p) => sum.plus(p.usd), toMoney(0)).toFixed(),
      unit: query.unit,
      source: `AWS Price List API (GetProducts ${query.serviceCode}, sku ${parts.map((p) => p.sku).join(' + ')})`,
      asOf: dates.at(-1) ?? null,
      confirmed: true,
    },
    items: parts,
  };
}
