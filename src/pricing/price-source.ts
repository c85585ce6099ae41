/** @module price-source: what a price source answers, and the identifiers of the prices Berth asks for. */

/**
 * The prices Berth needs, as stable identifiers (the snapshot's keys):
 * - `ec2:<instanceType>`: EC2 on-demand Linux, shared tenancy, per instance-hour
 * - `fargate:<arch>:<os>:vcpu` / `fargate:<arch>:<os>:gb`: Fargate on-demand per vCPU-hour / GB-hour
 * - `fargate-spot:<arch>:linux:vcpu` / `...:gb`: Fargate Spot
 * - `fargate:ephemeral-gb`: ephemeral storage above the included 20 GB, per GB-hour
 * - `eks:cluster-standard` / `eks:cluster-extended`: EKS control plane per cluster-hour (extended = total)
 * - `alb:hour`, `alb:lcu-hour`, `nat:hour`, `nat:gb`, `vpc:public-ipv4-hour`, `ecr:gb-month`
 */
export type PriceId = string;

export type PriceOrigin = 'snapshot' | 'live' | 'cache';

export interface Price {
  id: PriceId;
  region: string;
  /** Decimal string in USD, never a float: "0.0960000000". */
  usd: string;
  /** What one unit is: "instance-hour", "vCPU-hour", "GB-hour", "cluster-hour", ... */
  unit: string;
  /** Where the figure comes from (repository@commit:path, URL or "AWS Price List API"). */
  source: string;
  /** ISO date of the figure (publication or effective date), or null when the source is undated. */
  asOf: string | null;
  /** false when the figure is assumed or not re-checked (see data/SOURCES.md). */
  confirmed: boolean;
  origin: PriceOrigin;
}

export interface PriceLookup {
  /** The prices found, by id; ids not found are absent (never invented). */
  prices: Map<PriceId, Price>;
  /** Warnings about the lookup itself, such as a fallback from live prices to the snapshot. */
  warnings: string[];
}

/** Answers price queries for one region at a time. */
export interface PriceSource {
  readonly name: string;
  getPrices(region: string, ids: readonly PriceId[]): Promise<PriceLookup>;
}
