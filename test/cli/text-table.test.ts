import { describe, expect, it } from 'vitest';
import { layoutTable } from '../../src/cli/text-table.js';
import { wrapHanging, wrapText } from '../../src/cli/wrap-text.js';

const COLUMNS = [
  { header: 'Item', wrap: true },
  { header: 'Unit price', align: 'right' as const },
  { header: 'Monthly', align: 'right' as const },
];
const ROWS = [
  ['Internet-facing Application Load Balancer for api, 730 hours', '$0.0225', '$16.43'],
  ['NAT gateway', '$0.045', '$12,345.67'],
];

describe('layoutTable', () => {
  it('keeps its natural layout when it fits, money right-aligned, no trailing spaces', () => {
    expect(layoutTable(COLUMNS, ROWS, 100)).toEqual([
      'Item                                                          Unit price     Monthly',
      '------------------------------------------------------------  ----------  ----------',
      'Internet-facing Application Load Balancer for api, 730 hours     $0.0225      $16.43',
      'NAT gateway                                                       $0.045  $12,345.67',
    ]);
  });

  it('wraps the label column to fit the width, indenting its later lines, and never the numbers', () => {
    const lines = layoutTable(COLUMNS, ROWS, 50);
    expect(lines).toEqual([
      'Item                        Unit price     Monthly',
      '--------------------------  ----------  ----------',
      'Internet-facing                $0.0225      $16.43',
      '  Application Load',
      '  Balancer for api, 730',
      '  hours',
      'NAT gateway                     $0.045  $12,345.67',
    ]);
    expect(Math.max(...lines.map((l) => l.length))).toBe(50);
  });

  it('stays wider than asked when the numbers alone do not fit', () => {
    const lines = layoutTable(COLUMNS, ROWS, 20);
    // The label column stops at its floor of 12; the money columns keep their width.
    expect(lines[0]).toBe('Item          Unit price     Monthly');
  });
});

describe('wrapText', () => {
  it('breaks at spaces and cuts only a word longer than the line, never a URL', () => {
    expect(wrapText('see abcdefghijklmnopqrstuvwxyz for more', 12)).toEqual([
      'see',
      'abcdefghijkl',
      'mnopqrstuvwx',
      'yz for more',
    ]);
    // A URL cut in pieces can be neither clicked nor copied: it gets its own line, whole.
    expect(wrapText('see https://docs.aws.amazon.com/x for more', 12)).toEqual([
      'see',
      'https://docs.aws.amazon.com/x',
      'for more',
    ]);
  });

  it('keeps a percent sign with its number', () => {
    // Broken at every space, the first line would be "abcd 0.34" and the second start with "%".
    expect(wrapText('abcd 0.34 % more, or 1 %).', 9)).toEqual(['abcd', '0.34 %', 'more, or', '1 %).']);
  });

  it('hangs later lines under the text after a bullet', () => {
    expect(wrapHanging('  - ', 'one two three four five', 14)).toEqual([
      '  - one two',
      '    three four',
      '    five',
    ]);
  });
});
