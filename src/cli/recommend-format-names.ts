/**
 * @module recommend-format-names: the names `berth recommend --format` takes. recommend-formats.ts gives each
 * its renderer (the type checker holds the two lists together); the names alone load nothing, so the
 * command's options are declared without loading the renderers.
 */
export const RECOMMEND_FORMAT_NAMES = ['table', 'json', 'markdown', 'html'] as const;
export type RecommendFormat = (typeof RECOMMEND_FORMAT_NAMES)[number];
