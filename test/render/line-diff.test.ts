import { describe, expect, it } from 'vitest';
import { diffLines, hunks, MAX_DIFF_EDITS, splitLines, type LineOp } from '../../src/render/line-diff.js';

/** `' a'`, `'-b'`, `'+c'`, `'…'`: compact rows to compare. */
const show = (rows: readonly ({ op: string; text?: string } | LineOp)[]): string[] =>
  rows.map((r) => ('text' in r && r.text !== undefined ? `${r.op}${r.text}` : r.op));

/** Both sides rebuilt from the ops: a diff must lose no line of either. */
function sides(ops: readonly LineOp[]): { before: string[]; after: string[] } {
  return {
    before: ops.filter((o) => o.op !== '+').map((o) => o.text),
    after: ops.filter((o) => o.op !== '-').map((o) => o.text),
  };
}

describe('splitLines', () => {
  it('treats a final newline as the end of the last line', () => {
    expect(splitLines('a\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('a\nb')).toEqual(['a', 'b']);
    expect(splitLines('a\n\n')).toEqual(['a', '']);
    expect(splitLines('')).toEqual(['']);
    expect(splitLines('\n')).toEqual(['']);
  });
});

describe('diffLines', () => {
  it('marks an inserted line and keeps the rest', () => {
    expect(show(diffLines(['a', 'b', 'c'], ['a', 'x', 'b', 'c']))).toEqual([' a', '+x', ' b', ' c']);
  });

  it('marks a deleted line', () => {
    expect(show(diffLines(['a', 'b', 'c'], ['a', 'c']))).toEqual([' a', '-b', ' c']);
  });

  it('marks a changed line as removed then added', () => {
    expect(show(diffLines(['a', 'b', 'c'], ['a', 'B', 'c']))).toEqual([' a', '-b', '+B', ' c']);
  });

  it('keeps every line of identical sides', () => {
    expect(show(diffLines(['a', 'b'], ['a', 'b']))).toEqual([' a', ' b']);
  });

  it('handles empty sides', () => {
    expect(show(diffLines([], []))).toEqual([]);
    expect(show(diffLines([], ['a', 'b']))).toEqual(['+a', '+b']);
    expect(show(diffLines(['a', 'b'], []))).toEqual(['-a', '-b']);
  });

  it('finds the longest common lines between changes', () => {
    const ops = diffLines(['x', 'a', 'b', 'y', 'c'], ['a', 'z', 'b', 'c', 'w']);
    expect(show(ops)).toEqual(['-x', ' a', '+z', ' b', '-y', ' c', '+w']);
  });

  it('falls back to all old lines removed, all new added above the edit cap, keeping the common ends', () => {
    const before = ['head', 'a', 'b', 'c', 'tail'];
    const after = ['head', 'b', 'c', 'd', 'tail'];
    expect(show(diffLines(before, after))).toEqual([' head', '-a', ' b', ' c', '+d', ' tail']);
    // Two edits (-a, +d) > a cap of 1: no line-by-line diff.
    expect(show(diffLines(before, after, 1))).toEqual([' head', '-a', '-b', '-c', '+b', '+c', '+d', ' tail']);
    expect(show(diffLines(before, after, 2))).toEqual([' head', '-a', ' b', ' c', '+d', ' tail']);
  });

  it('gives up above MAX_DIFF_EDITS and loses no line', () => {
    // Every other line changed: MAX_DIFF_EDITS + 10 edits, though half the lines are common.
    const n = MAX_DIFF_EDITS + 10;
    const before = Array.from({ length: n }, (_, i) => `old ${i}`);
    const after = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? `old ${i}` : `new ${i}`));
    const ops = diffLines(before, after);
    expect(sides(ops)).toEqual({ before, after });
    expect(ops[0]).toEqual({ op: ' ', text: 'old 0' });
    expect(ops.filter((o) => o.op === '-')).toHaveLength(n - 1);
  });

  it('diffs line by line below the cap, losing no line', () => {
    const before = Array.from({ length: 400 }, (_, i) => `old ${i}`);
    const after = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? `old ${i}` : `new ${i}`));
    const ops = diffLines(before, after); // 400 edits: under MAX_DIFF_EDITS
    expect(sides(ops)).toEqual({ before, after });
    expect(ops.filter((o) => o.op === '-')).toHaveLength(200);
    expect(ops.filter((o) => o.op === ' ')).toHaveLength(200);
  });

  it('reproduces both sides exactly', () => {
    const before = ['a', 'b', 'c', 'a', 'b', 'b', 'a'];
    const after = ['c', 'b', 'a', 'b', 'a', 'c'];
    const ops = diffLines(before, after);
    expect(sides(ops)).toEqual({ before, after });
    expect(ops.filter((o) => o.op === ' ')).toHaveLength(4); // the LCS length of this classic pair
  });
});

describe('hunks', () => {
  const lines = (n: number, prefix = 'l'): string[] =>
    Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

  it('keeps two lines of context and puts … for what is left out', () => {
    const before = lines(20);
    const after = before.map((l) => (l === 'l5' ? 'L5' : l === 'l16' ? 'L16' : l));
    expect(show(hunks(diffLines(before, after)))).toEqual([
      '…',
      ' l3',
      ' l4',
      '-l5',
      '+L5',
      ' l6',
      ' l7',
      '…',
      ' l14',
      ' l15',
      '-l16',
      '+L16',
      ' l17',
      ' l18',
      '…',
    ]);
  });

  it('merges hunks whose context touches', () => {
    const before = lines(8);
    const after = before.map((l) => (l === 'l2' ? 'L2' : l === 'l7' ? 'L7' : l));
    expect(show(hunks(diffLines(before, after)))).toEqual([
      ' l1',
      '-l2',
      '+L2',
      ' l3',
      ' l4',
      ' l5',
      ' l6',
      '-l7',
      '+L7',
      ' l8',
    ]);
  });

  it('shows a single left-out line instead of …, between hunks and at the ends', () => {
    const before = lines(12);
    const after = before.map((l) => (l === 'l4' ? 'L4' : l === 'l10' ? 'L10' : l));
    expect(show(hunks(diffLines(before, after)))).toEqual([
      ' l1',
      ' l2',
      ' l3',
      '-l4',
      '+L4',
      ' l5',
      ' l6',
      ' l7',
      ' l8',
      ' l9',
      '-l10',
      '+L10',
      ' l11',
      ' l12',
    ]);
    expect(show(hunks(diffLines(lines(13), [...lines(12), 'X'])))).toEqual([
      '…',
      ' l11',
      ' l12',
      '-l13',
      '+X',
    ]);
  });

  it('has no rows when nothing changed', () => {
    expect(hunks(diffLines(['a', 'b'], ['a', 'b']))).toEqual([]);
  });
});
