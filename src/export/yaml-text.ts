/**
 * Manifest text from plain data. Every string that a YAML reader could take for something else
 * (`yes`, `on`, `0123`, `null`, `1:20`, a date, a merge key `<<`) is double-quoted, for YAML 1.2 (what
 * the tool reads) and YAML 1.1 (what many other tools and people still assume). The text is then
 * parsed back the way manifests are read and compared with the data: a difference is a bug, never
 * a file on disk.
 */
import { Document, isPair, isScalar, parse, visit, type Scalar } from 'yaml';
import { InternalError } from '../errors/index.js';
import type { JsonValue } from '../model/index.js';
import { jsonEqual } from '../model/index.js';
import { PARSE_OPTIONS } from '../schema/parse-yaml.js';

function readsAs(text: string, version: '1.1' | '1.2'): unknown {
  try {
    return parse(text, { version, merge: true, logLevel: 'silent' });
  } catch {
    return undefined;
  }
}

/** Words only: no number, date or time can start with a letter or hold none of `:#,[]{}`. */
const WORDS = /^[A-Za-z][A-Za-z0-9_./ -]*$/;
/** The words YAML 1.1 or 1.2 read as something else (compared lower-cased). */
const KEYWORDS = new Set(['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null']);

/** A one-line string a plain scalar would not keep as that same string. */
function isAmbiguous(text: string): boolean {
  if (text.includes('\n')) return false;
  if (WORDS.test(text) && !text.endsWith(' ')) return KEYWORDS.has(text.toLowerCase());
  if (text === '<<') return true;
  return readsAs(text, '1.2') !== text || readsAs(text, '1.1') !== text;
}

function quoteIfAmbiguous(node: Scalar): void {
  if (typeof node.value === 'string' && isAmbiguous(node.value)) node.type = 'QUOTE_DOUBLE';
}

/** `value` as YAML, with `comment` lines on top; checked by reading it back. */
export function toYaml(value: JsonValue, comment?: string): string {
  const doc = new Document(value, { version: '1.2' });
  visit(doc, {
    Pair: (_, pair) => {
      if (isPair(pair) && isScalar(pair.key)) quoteIfAmbiguous(pair.key);
    },
    Scalar: (_, node) => quoteIfAmbiguous(node),
  });
  if (comment !== undefined) doc.commentBefore = comment;
  const text = doc.toString({ lineWidth: 0, minContentWidth: 0 });
  const back = readsAs(text, PARSE_OPTIONS.version);
  if (!jsonEqual(back as JsonValue, value)) {
    throw new InternalError('the export produced YAML that does not read back as written');
  }
  return text;
}
