/**
 * @module berth/pricing: where Berth's prices come from: the embedded snapshot, the AWS Price List API,
 * the instance catalog, and the reserved terms the Price List carries.
 */
export type { Price, PriceId, PriceOrigin } from '../model/price.js';
export { AwsPriceListSource } from '../pricing/aws-price-list-source.js';
export {
  type BreakerChange,
  type BreakerState,
  CircuitBreaker,
  type CircuitBreakerOptions,
  CircuitOpenError,
} from '../pricing/circuit-breaker.js';
export { createPriceSource, type PriceSourceSettings } from '../pricing/create-price-source.js';
export { findInstanceType, loadInstanceCatalog } from '../pricing/instance-catalog.js';
export type { InstanceType } from '../pricing/instance-type.js';
export { HOURS_PER_MONTH } from '../pricing/money.js';
export type { PriceLookup, PriceSource } from '../pricing/price-source.js';
export { effectiveHourlyUsd, parseReservedTerms, type ReservedTerm } from '../pricing/reserved-terms.js';
export { listSnapshotRegions, SnapshotPriceSource } from '../pricing/snapshot-source.js';
