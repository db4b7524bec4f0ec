/**
 * Text from manifests or the API made safe to print. An object name, a config key or value, or a
 * server's error message can hold terminal escapes (ESC, CSI), a bare `\r` that rewrites the line, a
 * newline that fakes another plan line, or Unicode bidi controls that make text read differently from
 * what it is ("Trojan Source"). It imports nothing, so the CLI start-up (main.ts) can load it.
 */

// C0 controls but tab, DEL and C1 controls, line and paragraph separators, bidi marks, embeddings,
// overrides and isolates (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069).
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };

const unicodeEscape = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with every unsafe character written as an escape: `\n`, `\r`, `\u001b`, `\u202e`. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (ch) => NAMED[ch] ?? unicodeEscape(ch));
}

// NOTE: JSON.stringify already escapes C0 controls; these it leaves raw.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `value` as indented JSON with the characters JSON.stringify leaves raw (DEL, C1, bidi) escaped too:
 * the same document for a program, nothing a terminal acts on for a person.
 */
export function printableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(JSON_UNSAFE, unicodeEscape)}\n`;
}
