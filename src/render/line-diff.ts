/**
 * A line diff for showing multi-line string values (a transform's code) in plans, on jsdiff's
 * `diffArrays`. Presentation only: the planner decides THAT a value changed, this shows a reviewer
 * WHICH lines did.
 */
import { diffArrays } from 'diff';

export type LineOp = { readonly op: ' ' | '-' | '+'; readonly text: string };

/** A row of a rendered diff: a line, or `…` for unchanged lines left out. */
export type DiffRow = LineOp | { readonly op: '…' };

/**
 * NOTE: jsdiff's Myers diff costs about (lines) × (edits). Past this many edits it gives up and the
 * diff falls back to "every old line removed, every new line added" (after the common head and tail):
 * still correct, only less precise. A bound on edits, not a timeout, keeps the output deterministic.
 */
export const MAX_DIFF_EDITS = 1_000;

/** Lines of a string; a final newline ends the last line rather than starting an empty one. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function opsOf(op: LineOp['op'], lines: readonly string[]): LineOp[] {
  return lines.map((text) => ({ op, text }));
}

function fallback(before: string[], after: string[]): LineOp[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  )
    tail++;
  return [
    ...opsOf(' ', before.slice(0, head)),
    ...opsOf('-', before.slice(head, before.length - tail)),
    ...opsOf('+', after.slice(head, after.length - tail)),
    ...opsOf(' ', before.slice(before.length - tail)),
  ];
}

/** Every line of `before` and `after` as kept (` `), removed (`-`) or added (`+`), in order. */
export function diffLines(
  before: readonly string[],
  after: readonly string[],
  maxEdits: number = MAX_DIFF_EDITS,
): LineOp[] {
  const changes = diffArrays([...before], [...after], { maxEditLength: maxEdits });
  if (changes === undefined) return fallback([...before], [...after]);
  return changes.flatMap((c) => opsOf(c.added ? '+' : c.removed ? '-' : ' ', c.value));
}

/**
 * Only the changed lines with up to `context` unchanged lines around them; `…` stands for each run of
 * unchanged lines left out (between hunks, and before the first or after the last; a single line is
 * shown rather than replaced by `…`). No change, no rows.
 */
export function hunks(ops: readonly LineOp[], context = 2): DiffRow[] {
  if (ops.every((o) => o.op === ' ')) return [];
  const keep = new Array<boolean>(ops.length).fill(false);
  ops.forEach((o, i) => {
    if (o.op === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(ops.length - 1, i + context); k++) keep[k] = true;
  });
  // A gap of one line costs as much as its `…`: show the line.
  keep.forEach((k, i) => {
    if (!k && (i === 0 || keep[i - 1] === true) && (i === ops.length - 1 || keep[i + 1] === true))
      keep[i] = true;
  });
  const rows: DiffRow[] = [];
  ops.forEach((o, i) => {
    if (keep[i]) rows.push(o);
    else if (rows.length === 0 || rows[rows.length - 1]?.op !== '…') rows.push({ op: '…' });
  });
  return rows;
}
