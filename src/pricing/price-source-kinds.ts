/**
 * @module price-source-kinds: the price sources a setting may name. Apart from create-price-source.ts, so
 * the CLI can offer them in its options without loading the sources (and the AWS SDK) at start-up.
 */
export const PRICE_SOURCE_KINDS = ['snapshot', 'live'] as const;
export type PriceSourceKind = (typeof PRICE_SOURCE_KINDS)[number];
