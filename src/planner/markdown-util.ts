import type { JsonValue } from '../model/index.js';

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
