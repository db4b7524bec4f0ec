import type { ActionType, FieldChange, JsonValue } from '../model/index.js';
import { displayPath, lineMarker, multilineView } from './common.js';
import { printable } from './printable.js';

/**
 * Text for HTML and Markdown table cells, as it reads: no tag, no cell or line break, no code span,
 * emphasis or strike-through, no link (`](`), no backslash escape. Underscores stay: inside a word
 * (`database_port`) they cannot start emphasis.
 */
export function escapeCell(text: string): string {
  return printable(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/\\/g, '&#92;')
    .replace(/`/g, '&#96;')
    .replace(/\*/g, '&#42;')
    .replace(/~/g, '&#126;')
    .replace(/\]\(/g, ']&#40;');
}

/**
 * Text as a Markdown code span (not inside a table): delimited by more backticks than any run in it,
 * padded when it starts or ends with one, so it cannot close early. A code span shows `<` and `&` as
 * they are: only unsafe characters are escaped.
 */
export function codeSpan(text: string): string {
  const safe = printable(text);
  const fence = '`'.repeat(longestBacktickRun([safe]) + 1);
  const pad = safe.startsWith('`') || safe.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${safe}${pad}${fence}`;
}

function longestBacktickRun(lines: readonly string[]): number {
  let longest = 0;
  for (const line of lines)
    for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

const MAX_CELL = 300;

/** A value as `<code>` in a table cell (after `prefix`, e.g. `+ `), cut to a readable length. */
export function codeCell(value: JsonValue | undefined, prefix = ''): string {
  if (value === undefined) return '';
  const json = JSON.stringify(value);
  const cut = json.length > MAX_CELL ? `${json.slice(0, MAX_CELL)}…` : json;
  return `<code>${escapeCell(prefix + cut)}</code>`;
}

/** Cuts a rendering to fit a limit, saying so. */
export function fitLines(
  head: string[],
  items: string[],
  tail: string[],
  limit: number,
  more: (n: number) => string,
): string {
  const fixed = [...head, ...tail].join('\n').length + 200;
  const kept: string[] = [];
  let size = fixed;
  for (const item of items) {
    if (size + item.length + 1 > limit) break;
    kept.push(item);
    size += item.length + 1;
  }
  const rest = items.length - kept.length;
  return [...head, ...kept, ...(rest > 0 ? [more(rest)] : []), ...tail].join('\n');
}

/** Lines of one diff block at most; the full diff is in the text plan (a CI log). */
export const MAX_DIFF_BLOCK_LINES = 200;

/** A fence longer than any run of backticks in the content, so the content cannot close it. */
export function fenceFor(lines: readonly string[]): string {
  return '`'.repeat(Math.max(3, longestBacktickRun(lines) + 1));
}

/** A multi-line value (a transform's code) as a caption and a fenced `diff` block. */
export function diffBlock(change: FieldChange, actionType: ActionType): string[] {
  const view = multilineView(change, actionType);
  const rows = view.rows.map((r) => (r.op === '…' ? '…' : `${r.op} ${printable(r.text)}`));
  const shown = rows.slice(0, MAX_DIFF_BLOCK_LINES);
  if (rows.length > shown.length)
    shown.push(`… ${rows.length - shown.length} more lines (the whole diff: plan --format text)`);
  if (view.note !== undefined) shown.push(`(${view.note})`);
  const fence = fenceFor(shown);
  const replace = change.forcesReplace ? ' (forces replacement)' : '';
  const marker = lineMarker(change, actionType);
  return [
    `<code>${marker} ${escapeCell(displayPath(change.path))}</code> ${view.counts}${replace}`,
    '',
    `${fence}diff`,
    ...shown,
    fence,
    '',
  ];
}
