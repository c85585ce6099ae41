/**
 * @module coverage: how much of a region the price data covers, and what a recommendation's totals leave
 * out because of it: the nouns behind `berth regions`, `GET /regions` and the coverage statement.
 */
import { z } from 'zod';

/** What the embedded snapshot prices in one region. */
export const RegionCoverageSchema = z
  .strictObject({
    region: z.string(),
    /** EC2 instance types with an on-demand Linux price in the region, and how many the catalog knows. */
    ec2TypesPriced: z.number().int(),
    ec2TypesKnown: z.number().int(),
    /** Each true when every price of that resource is there (Fargate: x86_64 Linux on-demand vCPU and GB). */
    fargate: z.boolean(),
    eks: z.boolean(),
    alb: z.boolean(),
    nat: z.boolean(),
    publicIpv4: z.boolean(),
    ecr: z.boolean(),
    /** Every non-EC2 price id the snapshot lacks in the region. */
    missing: z.array(z.string()),
  })
  .meta({ id: 'RegionCoverage' });
export type RegionCoverage = z.infer<typeof RegionCoverageSchema>;

/** The price coverage of one recommendation: stated up front whenever a total is a lower bound. */
export const PriceCoverageSchema = z
  .strictObject({
    snapshot: RegionCoverageSchema,
    /** True when no candidate's total leaves out a price. */
    complete: z.boolean(),
    /** Every price id some candidate needs and no source had, sorted. */
    missingPriceIds: z.array(z.string()),
    /** Price ids the snapshot lacks in the region that the live Price List API supplied, sorted. */
    filledLive: z.array(z.string()),
    /** The region whose prices chose the EC2 instance types (us-east-1), or null for the region's own. */
    fleetPriceReference: z.string().nullable(),
    /** One paragraph saying all of the above, or null when the prices are complete from the snapshot. */
    statement: z.string().nullable(),
  })
  .meta({ id: 'PriceCoverage' });
export type PriceCoverage = z.infer<typeof PriceCoverageSchema>;
