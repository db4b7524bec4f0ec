import type { ActionType, FieldChange, JsonValue } from '../model/index.js';
import { displayPath, lineMarker, multilineView, visibleLine } from './common.js';

/** Escapes text for HTML and Markdown table cells. */
export function escapeCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/\r?\n/g, '<br>');
}

const MAX_CELL = 300;

/** A value as `<code>` in a table cell, cut to a readable length. */
export function codeCell(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  const json = JSON.stringify(value);
  const cut = json.length > MAX_CELL ? `${json.slice(0, MAX_CELL)}…` : json;
  return `<code>${escapeCell(cut)}</code>`;
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
function fenceFor(lines: readonly string[]): string {
  let longest = 0;
  for (const line of lines)
    for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** A multi-line value (a transform's code) as a caption and a fenced `diff` block. */
export function diffBlock(change: FieldChange, actionType: ActionType): string[] {
  const view = multilineView(change, actionType);
  const rows = view.rows.map((r) => (r.op === '…' ? '…' : `${r.op} ${visibleLine(r.text)}`));
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
