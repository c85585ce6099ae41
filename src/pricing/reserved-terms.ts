/**
 * @module reserved-terms: the Reserved Instance terms of one GetProducts PriceList entry. The Price List
 * API carries them beside the on-demand term (docs/pricing.md#reserved-terms); Savings Plans it does not
 * carry.
 */
import { z } from 'zod';
import { type Money, toMoney } from './money.js';
import { DecimalStringSchema } from './snapshot-files.js';

export interface ReservedTerm {
  leaseContractLength: '1yr' | '3yr';
  offeringClass: 'standard' | 'convertible';
  purchaseOption: 'No Upfront' | 'Partial Upfront' | 'All Upfront';
  /** Recurring USD per hour ("Hrs" dimension); "0" for all-upfront terms. */
  hourlyUsd: string;
  /** One-off fee ("Quantity" dimension), USD; "0" when there is none. */
  upfrontUsd: string;
}

const HOURS_PER_YEAR = 8760;

const TermSchema = z.object({
  termAttributes: z.object({
    LeaseContractLength: z.enum(['1yr', '3yr']),
    OfferingClass: z.enum(['standard', 'convertible']),
    PurchaseOption: z.enum(['No Upfront', 'Partial Upfront', 'All Upfront']),
  }),
  priceDimensions: z.record(
    z.string(),
    z.object({ unit: z.string(), pricePerUnit: z.object({ USD: DecimalStringSchema }) }),
  ),
});

const ItemSchema = z.object({ terms: z.object({ Reserved: z.record(z.string(), z.unknown()).optional() }) });

/** Every well-formed Reserved term of an entry (a JSON string); malformed terms are skipped, never guessed. */
export function parseReservedTerms(entry: string): ReservedTerm[] {
  let json: unknown;
  try {
    json = JSON.parse(entry);
  } catch {
    return [];
  }
  const item = ItemSchema.safeParse(json);
  if (!item.success) return [];
  return Object.values(item.data.terms.Reserved ?? {}).flatMap((raw) => {
    const term = TermSchema.safeParse(raw);
    if (!term.success) return [];
    const dims = Object.values(term.data.priceDimensions);
    const hourly = dims.find((d) => d.unit === 'Hrs')?.pricePerUnit.USD ?? '0';
    const upfront = dims.find((d) => d.unit === 'Quantity')?.pricePerUnit.USD ?? '0';
    const a = term.data.termAttributes;
    return [
      {
        leaseContractLength: a.LeaseContractLength,
        offeringClass: a.OfferingClass,
        purchaseOption: a.PurchaseOption,
        hourlyUsd: hourly,
        upfrontUsd: upfront,
      },
    ];
  });
}

/** The hourly rate with the upfront fee spread over the term's hours (365-day years, as AWS bills). */
export function effectiveHourlyUsd(term: ReservedTerm): Money {
  const hours = HOURS_PER_YEAR * (term.leaseContractLength === '3yr' ? 3 : 1);
  return toMoney(term.hourlyUsd).plus(toMoney(term.upfrontUsd).dividedBy(hours));
}
