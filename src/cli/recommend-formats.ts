/**
 * @module recommend-formats: the output formats of `berth recommend`, one renderer each; a new format is
 * one more name in recommend-format-names.ts and its entry here, and --format, its help and its error
 * message follow.
 */
import type { IacArtifact } from '../model/iac.js';
import type { Recommendation } from '../model/recommendation.js';
import { renderHtmlReport } from '../report/render-html-report.js';
import type { RecommendFormat } from './recommend-format-names.js';
import { renderMarkdown } from './render-markdown.js';
import { renderText } from './render-text.js';
import type { Style } from './style.js';

export interface RenderSettings {
  /** The terminal's width (or COLUMNS, or 100); only the text table reads it. */
  width: number;
  /** Colours for a terminal; only the text table reads it, so JSON and Markdown never carry escapes. */
  style: Style;
  /** Starter code written with --iac; only the HTML report reads it (offered as downloads). */
  iac: readonly IacArtifact[];
}

export const RECOMMEND_FORMATS = {
  table: (rec: Recommendation, settings: RenderSettings) => renderText(rec, settings),
  json: (rec: Recommendation) => `${JSON.stringify(rec, null, 2)}\n`,
  markdown: (rec: Recommendation) => renderMarkdown(rec),
  html: (rec: Recommendation, settings: RenderSettings) => renderHtmlReport(rec, { iac: settings.iac }),
} satisfies Record<RecommendFormat, (rec: Recommendation, settings: RenderSettings) => string>;
