/**
 * A small line diff for showing multi-line string values (a transform's code) in plans. Presentation
 * only: the planner decides THAT a value changed, this shows a reviewer WHICH lines did.
 */

export type LineOp = { readonly op: ' ' | '-' | '+'; readonly text: string };

/** A row of a rendered diff: a line, or `…` for unchanged lines left out. */
export type DiffRow = LineOp | { readonly op: '…' };

/**
 * NOTE: code files here are small (a transform is tens of lines), so a plain LCS table is enough.
 * Above this many cells (lines before × lines after, after trimming the common head and tail) the diff
 * falls back to "every old line removed, every new line added": still correct, only less precise.
 */
export const MAX_DIFF_CELLS = 250_000;

/** Lines of a string; a final newline ends the last line rather than starting an empty one. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function lcsOps(a: readonly string[], b: readonly string[]): LineOp[] {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  // len[i*w + j] = length of the longest common subsequence of a[i..] and b[j..].
  const len = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      len[i * w + j] =
        a[i] === b[j]
          ? (len[(i + 1) * w + j + 1] ?? 0) + 1
          : Math.max(len[(i + 1) * w + j] ?? 0, len[i * w + j + 1] ?? 0);
  const ops: LineOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const x = a[i] ?? '';
    const y = b[j] ?? '';
    if (x === y) {
      ops.push({ op: ' ', text: x });
      i++;
      j++;
    } else if ((len[(i + 1) * w + j] ?? 0) >= (len[i * w + j + 1] ?? 0)) {
      ops.push({ op: '-', text: x });
      i++;
    } else {
      ops.push({ op: '+', text: y });
      j++;
    }
  }
  for (; i < n; i++) ops.push({ op: '-', text: a[i] ?? '' });
  for (; j < m; j++) ops.push({ op: '+', text: b[j] ?? '' });
  return ops;
}

/** Every line of `before` and `after` as kept (` `), removed (`-`) or added (`+`), in order. */
export function diffLines(
  before: readonly string[],
  after: readonly string[],
  maxCells: number = MAX_DIFF_CELLS,
): LineOp[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  )
    tail++;
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);
  const middle =
    a.length * b.length > maxCells
      ? [...a.map((text): LineOp => ({ op: '-', text })), ...b.map((text): LineOp => ({ op: '+', text }))]
      : lcsOps(a, b);
  const same = (text: string): LineOp => ({ op: ' ', text });
  return [...before.slice(0, head).map(same), ...middle, ...before.slice(before.length - tail).map(same)];
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
