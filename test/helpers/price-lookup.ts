/** @module price-lookup: a hand-written us-east-1 price lookup for tests of single cost lines. */
import type { Price } from '../../src/model/price.js';
import type { PriceLookup } from '../../src/pricing/price-source.js';

/** Confirmed snapshot prices by id, all in one `unit` (the unit does not enter a line's amount). */
export function priceLookup(prices: Record<string, string>, unit = 'GB'): PriceLookup {
  return {
    prices: new Map(
      Object.entries(prices).map(([id, usd]): [string, Price] => [
        id,
        {
          id,
          region: 'us-east-1',
          usd,
          unit,
          source: 'test',
          asOf: null,
          confirmed: true,
          origin: 'snapshot',
        } as Price,
      ]),
    ),
    warnings: [],
  };
}
