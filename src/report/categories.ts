/** @module categories: how each cost line category is named and coloured in the report. */
import { LINE_CATEGORIES, type LineCategory } from '../model/cost.js';

export const CATEGORY_ORDER: readonly LineCategory[] = LINE_CATEGORIES;

export const CATEGORY_LABELS: Record<LineCategory, string> = {
  compute: 'Compute',
  'control-plane': 'Control plane',
  'load-balancing': 'Load balancing',
  network: 'Network',
  storage: 'Storage',
  observability: 'Logs and metrics',
  discount: 'Discount',
};

// Colour-blind-safe (Okabe–Ito); the legend and the table carry the same information in words.
export const CATEGORY_COLOURS: Record<LineCategory, string> = {
  compute: '#0072b2',
  'control-plane': '#cc79a7',
  'load-balancing': '#e69f00',
  network: '#009e73',
  storage: '#56b4e9',
  observability: '#d55e00',
  discount: '#999999',
};
