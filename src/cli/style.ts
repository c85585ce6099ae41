/** @module style: ANSI colours for text output, or none; applied after layout so widths stay exact. */

export interface Style {
  bold: (text: string) => string;
  dim: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
  red: (text: string) => string;
}

const plain = (text: string) => text;

/** The identity style: what files, pipes and tests get. */
export const PLAIN_STYLE: Style = { bold: plain, dim: plain, green: plain, yellow: plain, red: plain };

// SGR codes with their own reset (22 ends bold and dim, 39 the foreground colour), so styles nest.
const sgr = (on: number, off: number) => (text: string) =>
  text === '' ? text : `\x1b[${on}m${text}\x1b[${off}m`;

export const ANSI_STYLE: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  red: sgr(31, 39),
};

export function pickStyle(colour: boolean): Style {
  return colour ? ANSI_STYLE : PLAIN_STYLE;
}
