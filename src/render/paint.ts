/**
 * ANSI colour for text output, one palette for plan, drift and validate. Callers pass the CLI's
 * `color` (a TTY, no --no-color, no NO_COLOR); without it text is returned as is.
 */
const COLOURS: Readonly<Record<string, string>> = {
  '+': '32',
  '~': '33',
  '-': '31',
  '-/+': '35',
  '?': '36',
  '!': '1;31',
  error: '31',
  warning: '33',
  ok: '32',
};

/** `text` in the colour of `marker` (`+`, `~`, `-`, `-/+`, `?`, `!`, `error`, `warning`, `ok`). */
export function paint(text: string, marker: string, color: boolean): string {
  const code = COLOURS[marker];
  return color && code ? `\u001b[${code}m${text}\u001b[0m` : text;
}
