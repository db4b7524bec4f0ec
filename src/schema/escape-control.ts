/**
 * Control characters (C0 with NUL, DEL, C1) in text from manifests: shown escaped, never raw, so an
 * escape sequence in a name cannot reach a reviewer's terminal through a message.
 */

/**
 * Any control character, and the bidi controls and line separators that make a name read differently
 * from what it is (src/render/printable.ts escapes the same): none is allowed in a name, key or other
 * identifier.
 */
export const ANY_CONTROL =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** Control characters refused in free-text values too: all but TAB, LF and CR. */
// eslint-disable-next-line no-control-regex -- as above
export const VALUE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

// eslint-disable-next-line no-control-regex -- as above
const ALL_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\u001b` for ESC: the JSON spelling of one character. */
export function escapeChar(c: string): string {
  return `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
}

/** `s` with every control character written as `\uXXXX`. */
export function escapeControl(s: string): string {
  return ANY_CONTROL.test(s) ? s.replace(ALL_CONTROL, escapeChar) : s;
}
