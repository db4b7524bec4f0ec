/**
 * One YAML text → plain documents plus what the loader needs to report problems. Plain manifests take
 * a fast path (parse-yaml-fast.ts) that gives the same result; the rest goes to yaml. The AST is dropped
 * as soon as the plain data and the few positions below are taken (parse-documents.ts re-parses a
 * file lazily only when a problem needs a position inside it).
 */
import type { Document, LineCounter, Node } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import { parseYamlFast } from './parse-yaml-fast.js';
import type { RawDocument, RawParse, RawPosition } from './raw-document.js';
import { explainYamlError } from './yaml-errors.js';

/** Alias expansions allowed per document (billion-laughs guard). */
export const MAX_ALIAS_COUNT = 100;

export const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, merge: true, version: '1.2' } as const;

export type { RawDocument, RawParse, RawPosition } from './raw-document.js';

/**
 * NOTE: yaml's parser reads process.env.LOG_TOKENS once per token, and process.env is a slow native
 * accessor (about a fifth of the parse time). Parsing is synchronous, so a plain copy is swapped in
 * for its duration and the real object is restored before any other code can run.
 */
export function parseQuietly(text: string, lineCounter: LineCounter): Document.Parsed[] {
  const realEnv = process.env;
  process.env = { ...realEnv };
  try {
    return yamlLib().parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter }) as Document.Parsed[];
  } finally {
    process.env = realEnv;
  }
}

function anchorsOf(doc: Document.Parsed, lc: LineCounter): Record<string, RawPosition> {
  const { isMap, isScalar, isSeq } = yamlLib();
  const out: Record<string, RawPosition> = {};
  if (!isMap(doc.contents)) return out;
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const value = pair.value as Node | null;
    if (key === 'namespace' && value?.range && value.range[1] > value.range[0])
      out['namespace'] = lc.linePos(value.range[0]);
    if (isSeq(value)) {
      value.items.forEach((item, i) => {
        const range = (item as Node | null)?.range;
        if (range) out[`${key}/${i}`] = lc.linePos(range[0]);
      });
    }
  }
  return out;
}

function toRaw(doc: Document.Parsed, lc: LineCounter, text: string): RawDocument {
  const start = lc.linePos(doc.contents?.range[0] ?? 0);
  const errors = doc.errors.map((e) => ({
    code: String(e.code),
    ...explainYamlError(text, String(e.code), e.message, e.pos),
  }));
  // NOTE: a duplicate key leaves a readable document (the last value wins): the file's other problems
  // are still checked and reported beside it.
  if (errors.some((e) => e.code !== 'DUPLICATE_KEY')) return { errors, start, anchors: {} };
  const anchors = anchorsOf(doc, lc);
  try {
    return { errors, start, anchors, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const kind =
      // NOTE: an unresolved alias (`*nowhere`) is a ReferenceError too: only the count guard is a bomb.
      error instanceof ReferenceError && /excessive alias count/i.test(message)
        ? 'aliases'
        : error instanceof RangeError
          ? 'stack'
          : 'other';
    return { errors, start, anchors, failure: { kind, message } };
  }
}

/** Every document of `text`: through the fast path when it can vouch for the result, else yaml. */
export function parseYaml(text: string): RawParse {
  return parseYamlFast(text) ?? parseYamlExact(text);
}

/** yaml's parse, with its errors in plain words: the reference the fast path is checked against. */
export function parseYamlExact(text: string): RawParse {
  const lineCounter = new (yamlLib().LineCounter)();
  try {
    return { docs: parseQuietly(text, lineCounter).map((d) => toRaw(d, lineCounter, text)) };
  } catch (error) {
    // NOTE: the composer recurses; absurd nesting ends here as a RangeError instead of a crash.
    return { fatal: error instanceof RangeError ? 'stack' : String(error) };
  }
}
