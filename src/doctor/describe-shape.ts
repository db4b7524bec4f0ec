/**
 * A value described by its type and shape, never its content: what a doctor report may say about
 * a config value (`string(5 digits)`, `boolean`, `"1"/"0"-encoded boolean`, `null`,
 * `masked "********"`). A secret says even less: `plaintext string`.
 */

export const SECRET_MASK = '********';

const BOOLEAN_TEXTS: readonly (readonly [string, string])[] = [
  ['true', 'false'],
  ['1', '0'],
  ['yes', 'no'],
  ['t', 'f'],
];

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The text form of a boolean (`"true"/"false"`), when `text` is one. */
function booleanText(text: string): string | undefined {
  const lower = text.trim().toLowerCase();
  const pair = BOOLEAN_TEXTS.find(([yes, no]) => lower === yes || lower === no);
  return pair ? `"${pair[0]}"/"${pair[1]}"-encoded boolean` : undefined;
}

function describeString(text: string, type: string | undefined): string {
  if (text === SECRET_MASK) return `masked "${SECRET_MASK}"`;
  if (text === '') return 'string(empty)';
  if (type === 'bool') {
    const encoded = booleanText(text);
    if (encoded) return encoded;
  }
  if (/^-?\d+$/.test(text)) return `string(${plural(text.replace('-', '').length, 'digit')})`;
  if (/^(true|false)$/i.test(text)) return '"true"/"false" string';
  if (/^\s*[[{]/.test(text)) return 'JSON text';
  return `string(${plural([...text].length, 'char')})`;
}

/**
 * The shape of one value. `type` is the catalogue type of the field it sits in, when known
 * (`bool` makes `"1"` a boolean's encoding rather than a digit string).
 */
export function describeShape(value: unknown, type?: string): string {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'number(integer)' : 'number';
  if (typeof value === 'string') return describeString(value, type);
  if (Array.isArray(value)) return `array(${plural(value.length, 'item')})`;
  if (typeof value === 'object') return `object(${plural(Object.keys(value).length, 'key')})`;
  return typeof value;
}

/** A secret's shape: whether it is there and readable, never its length or content. */
export function describeSecret(value: unknown): string {
  if (value === undefined) return 'omitted';
  if (value === null) return 'null';
  if (value === SECRET_MASK) return `masked "${SECRET_MASK}"`;
  if (typeof value === 'string') return value === '' ? 'string(empty)' : 'plaintext string';
  return `${describeShape(value).replace(/\(.*\)$/, '')} (not a string)`;
}

/** Shapes with their counts, most frequent first: `string(4 digits) ×3, number(integer) ×1`. */
export function tally(shapes: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const s of shapes) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([shape, n]) => `${shape} ×${n}`)
    .join(', ');
}
