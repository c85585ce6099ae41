/** @module price: one unit price as Berth uses it, with where it came from and how old it is. */
import { z } from 'zod';
import { UsdSchema } from './vocabulary.js';

/**
 * A stable identifier of a price (the snapshot's key), built by the helpers in pricing/price-ids.ts:
 * `ec2:<type>`, `fargate:<arch>:<os>:vcpu`, `alb:hour`, ...
 */
export type PriceId = string;

export const PriceOriginSchema = z.enum(['snapshot', 'live', 'cache']);
export type PriceOrigin = z.infer<typeof PriceOriginSchema>;

export const PriceSchema = z
  .strictObject({
    id: z.string(),
    region: z.string(),
    /** Decimal string in USD, never a float: "0.0960000000". */
    usd: UsdSchema,
    /** What one unit is: "instance-hour", "vCPU-hour", "GB-hour", "cluster-hour", ... */
    unit: z.string(),
    /** Where the figure comes from (repository@commit:path, URL or "AWS Price List API"). */
    source: z.string(),
    /** ISO date of the figure (publication or effective date), or null when the source is undated. */
    asOf: z.string().nullable(),
    /** false when the figure is assumed or not re-checked (see data/SOURCES.md). */
    confirmed: z.boolean(),
    origin: PriceOriginSchema,
  })
  .meta({ id: 'Price' });
export type Price = z.infer<typeof PriceSchema>;
