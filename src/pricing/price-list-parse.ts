/**
 * @module price-list-parse: one GetProducts PriceList entry → its on-demand price.
 * Shape: https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_GetProducts.html
 * (each entry is a JSON document serialised as a string; docs/pricing.md#pricelist-item-shape describes
 * a real one).
 */

import { z } from 'zod';
import { formatPath } from '../issues.js';
import { toMoney } from './money.js';
import { DecimalStringSchema } from './snapshot-files.js';

export interface PriceListItem {
  sku: string;
  serviceCode: string | null;
  productFamily: string | null;
  attributes: Readonly<Record<string, string>>;
  /** The USD string as AWS wrote it ("0.0960000000"). */
  usd: string;
  /** AWS's unit text ("Hrs", "GB-Mo", ...). */
  unit: string;
  effectiveDate: string | null;
  publicationDate: string | null;
}

export type PriceListParseResult = { ok: true; item: PriceListItem } | { ok: false; reason: string };

const DimensionSchema = z.object({
  unit: z.string().min(1),
  pricePerUnit: z.object({ USD: DecimalStringSchema }),
  beginRange: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'expected a number')
    .optional(),
});

const TermSchema = z.object({
  effectiveDate: z.string().optional(),
  priceDimensions: z.record(z.string(), DimensionSchema),
});

const ItemSchema = z.object({
  product: z.object({
    sku: z.string().min(1),
    productFamily: z.string().optional(),
    attributes: z.record(z.string(), z.string()),
  }),
  serviceCode: z.string().optional(),
  // Term keys are `<sku>.<offerTermCode>`; they are iterated, never spelled out.
  terms: z.object({ OnDemand: z.record(z.string(), TermSchema) }),
  publicationDate: z.string().optional(),
});

interface Dimension {
  usd: string;
  unit: string;
  begin: number;
  effectiveDate: string | null;
}

/**
 * The price of one usage tier, chosen among every on-demand dimension: the paid dimension with the
 * lowest `beginRange`. A $0 dimension never shadows a paid one (free tiers, "applied" rates that belong
 * to other offers); only when every dimension is $0 is the price $0.
 */
function chooseDimension(dimensions: readonly Dimension[]): Dimension | undefined {
  const byTier = [...dimensions].sort((a, b) => a.begin - b.begin);
  return byTier.find((d) => !toMoney(d.usd).isZero()) ?? byTier[0];
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue === undefined
    ? 'does not match the PriceList item shape'
    : `${formatPath(issue.path)}: ${issue.message}`;
}

/**
 * The EC2 product attribute `currentGeneration` ("Yes" / "No", the Price List's spelling of EC2's
 * `CurrentGeneration` flag): true, false, or null when the product has no such attribute or another value.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceTypeInfo.html
 */
export function readCurrentGeneration(item: Pick<PriceListItem, 'attributes'>): boolean | null {
  const value = item.attributes.currentGeneration;
  return value === 'Yes' ? true : value === 'No' ? false : null;
}

/** Parses one entry (a JSON string, or the SDK's string wrapper); never throws. */
export function parsePriceListItem(entry: unknown): PriceListParseResult {
  if (typeof entry !== 'string' && !(entry instanceof String)) {
    return { ok: false, reason: `entry is a ${typeof entry}, not a JSON string` };
  }
  let json: unknown;
  try {
    json = JSON.parse(String(entry));
  } catch (error) {
    return { ok: false, reason: `entry is not valid JSON (${(error as Error).message})` };
  }
  const parsed = ItemSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: describeIssue(parsed.error) };
  const { product, terms, serviceCode, publicationDate } = parsed.data;
  const dimensions = Object.values(terms.OnDemand).flatMap((term) =>
    Object.values(term.priceDimensions).map((d) => ({
      usd: d.pricePerUnit.USD,
      unit: d.unit,
      begin: Number(d.beginRange ?? '0'),
      effectiveDate: term.effectiveDate ?? null,
    })),
  );
  const chosen = chooseDimension(dimensions);
  if (chosen === undefined)
    return { ok: false, reason: `sku ${product.sku} has no on-demand price dimension` };
  return {
    ok: true,
    item: {
      sku: product.sku,
      serviceCode: serviceCode ?? null,
      productFamily: product.productFamily ?? null,
      attributes: product.attributes,
      usd: chosen.usd,
      unit: chosen.unit,
      effectiveDate: chosen.effectiveDate,
      publicationDate: publicationDate ?? null,
    },
  };
}
