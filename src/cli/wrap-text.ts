/** @module wrap-text: breaks prose into lines of at most a given width, at spaces where it can. */

/**
 * Wraps `text` to lines of at most `width` characters (`restWidth` after the first), breaking at spaces.
 * A word longer than the width is cut into pieces, since a line past the edge breaks a terminal's layout
 * worse; a URL is not (cut, it can be neither clicked nor copied): it gets a line of its own, whole.
 */
export function wrapText(text: string, width: number, restWidth = width): string[] {
  const lines: string[] = [];
  const limit = () => Math.max(1, lines.length === 0 ? width : restWidth);
  let line = '';
  for (const word of unitsOf(text)) {
    for (const piece of cutWord(word, Math.max(1, Math.min(width, restWidth)))) {
      if (line === '') line = piece;
      else if (line.length + 1 + piece.length <= limit()) line += ` ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  lines.push(line);
  return lines;
}

/**
 * The words of `text`, except that a percent sign written apart from its number ("0.34 %", Berth's style)
 * stays with it: a line should not start with the sign of a figure on the line before.
 */
function unitsOf(text: string): string[] {
  const units: string[] = [];
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    if (word.startsWith('%') && units.length > 0) units[units.length - 1] += ` ${word}`;
    else units.push(word);
  }
  return units;
}

/** Wraps with a first-line prefix ("  - ") and the following lines indented to match it. */
export function wrapHanging(prefix: string, text: string, width: number): string[] {
  const indent = ' '.repeat(prefix.length);
  return wrapText(text, width - prefix.length).map((l, i) => `${i === 0 ? prefix : indent}${l}`);
}

function cutWord(word: string, limit: number): string[] {
  if (word.length <= limit || /^https?:\/\//.test(word)) return [word];
  const pieces: string[] = [];
  for (let i = 0; i < word.length; i += limit) pieces.push(word.slice(i, i + limit));
  return pieces;
}
