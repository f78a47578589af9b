import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../src/assertions/line-diff.js';

describe('lineDiff', () => {
  it('is empty for equal texts', () => {
    expect(lineDiff('a\nb', 'a\nb')).toEqual([]);
  });

  it('shows a changed line with three lines of context as a unified hunk', () => {
    const expected = ['1', '2', '3', '4', '5', '6', '7', '8'].join('\n');
    const actual = ['1', '2', '3', '4', 'five', '6', '7', '8'].join('\n');
    expect(lineDiff(expected, actual)).toMatchInlineSnapshot(`
      [
        "--- expected",
        "+++ actual",
        "@@ -2,7 +2,7 @@",
        " 2",
        " 3",
        " 4",
        "-5",
        "+five",
        " 6",
        " 7",
        " 8",
      ]
    `);
  });

  it('aligns insertions and deletions on the longest common subsequence', () => {
    const diff = lineDiff('a\nb\nc\nd', 'a\nc\nd\ne', { context: 0 });
    expect(diff).toEqual(['--- expected', '+++ actual', '@@ -2,1 +1,0 @@', '-b', '@@ -4,0 +4,1 @@', '+e']);
  });

  it('keeps distant changes in separate hunks and merges close ones', () => {
    const base = Array.from({ length: 30 }, (_, i) => `line ${i}`);
    const changed = base.map((l, i) => (i === 2 || i === 5 || i === 25 ? `${l}!` : l));
    const hunks = lineDiff(base.join('\n'), changed.join('\n')).filter((l) => l.startsWith('@@'));
    expect(hunks).toEqual(['@@ -1,9 +1,9 @@', '@@ -23,7 +23,7 @@']);
  });
});
