/**
 * The fast path of parse-yaml.ts: js-yaml (about 8x faster than yaml on large manifest sets) for the
 * plain YAML that manifests are made of. It answers only when its result is the one yaml gives;
 * anything else returns undefined and the exact parser takes the whole file: every error, warning
 * and position in an error message still comes from yaml.
 *
 * Why it can be trusted (test/schema/parse-yaml-fast.test.ts checks each against yaml):
 * - scalars resolve through the YAML 1.2 core schema with yaml's own patterns and conversions
 *   (below), not js-yaml's, which accepts more (`0b1`, `1_000`);
 * - features where the two differ or where yaml's guards matter are never taken: anchors, aliases,
 *   tags, merge keys, explicit, empty, null or collection keys, directives, content on a `---` line,
 *   tabs, a BOM, lone CRs, flow collections and quoted or plain scalars that span lines;
 * - js-yaml refuses what yaml reports as an error (duplicate keys, bad indentation, unclosed
 *   quotes): its exception sends the file to yaml, which explains it;
 * - every document must be a mapping, and the positions recorded for it are checked against the
 *   values they stand for (a mismatch drops the positions: they are then found by yaml on demand).
 */
import { FAILSAFE_SCHEMA, loadAll, Type, type LoadOptions as TypedOptions, type State } from 'js-yaml';
import type { RawDocument, RawParse, RawPosition } from './raw-document.js';

/**
 * Text that may use a feature the fast path does not take. Over-matching only costs speed (the
 * exact parser runs), so the patterns are deliberately broad: `<<`, `%` at a line start, a tab, a
 * BOM, a CR not followed by LF, a `---` or `...` line with more on it (js-yaml reads `---k: v` as a
 * marker and a mapping), a `#` right after a closing bracket or quote (yaml: not a comment), a line of
 * 1,000 characters or more (yaml refuses an implicit key longer than 1,024; js-yaml does not); `!`, `&`
 * or `*` starting a token, `? ` starting a token; a key that is empty, null or a collection (the two
 * turn those into different strings). NOTE: a few simple patterns, not one alternation: a combined
 * pattern tried at every whitespace character cost more than the parse it guards.
 */
const ODD_TEXT = /<<|^%|\t|\uFEFF|\r(?!\n)|^(?:---|\.\.\.)(?![ ]+#|[ ]*$)|[\]}"']#|^[^\n]{1000}/m;
const MAY_HAVE_PROPERTY = /[!&*?]/;
const PROPERTY_OR_EXPLICIT_KEY = /(?:^|[\s[\]{},])(?:[!&*]|\?\s)/m;
const ODD_KEY =
  /(?:^|[-[{,])[ ]*(?:(?:~|null|Null|NULL)[ ]*)?:(?:\s|$)|[{,][ ]*(?:~|null|Null|NULL)[ ]*[,}]|[\]}][ ]*:(?:\s|$)|[{,][ ]*[[{]|[[{,][ ]*:/m;

/** `key: |`, `- >-`, `key: |2 # note`: a block scalar starts on this line (its content follows). */
const BLOCK_SCALAR_HEADER = /(?::|^[ ]*-|[ ]-)[ ]+[|>][1-9+-]{0,2}[ ]*(?:#.*)?$/;
/** `- - x`: a sequence nested compactly in a sequence item (js-yaml misplaces an item after an empty one). */
const NESTED_COMPACT_SEQUENCE = /^[ ]*-[ ]+-(?:[ ]|$)/m;

/** An open block level: its column, and whether its lines are list items or mapping entries. */
interface Level {
  readonly col: number;
  readonly items: boolean;
  /** A mapping level holding a list at its own indentation (`key:` then `- a` under it). */
  compactList: boolean;
  /** What the last line on this level was: an item, or a key whose value follows on deeper lines. */
  last: 'item' | 'open-key' | 'entry';
}

/**
 * Whether the block structure is regular: a line indents deeper only past every open level, dedents
 * only back onto an open level, and is an item on a list level or an entry on a mapping level (a
 * mapping level may hold a list right under a key: `key:` then `- a`). NOTE: yaml refuses irregular
 * block structure where js-yaml may read something (an item under-indented in its list, an item
 * after the list ended), so such files go to yaml. Levels are line indents and the content column
 * after each `- `; comments, blank lines and block scalar content are not structure.
 */
function regularIndentation(text: string): boolean {
  // NOTE: one pass over the characters, without splitting the text into lines: this runs on every
  // file the fast path reads, and a split of a large manifest set cost a tenth of its parse.
  let levels: Level[] = [];
  let blockScalarAbove = -1;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let i = start;
    while (text.charCodeAt(i) === 0x20 && i < end) i++;
    const indent = i - start;
    const blank = i === end || (i === end - 1 && text.charCodeAt(i) === 0x0d);
    if (!blank && !(blockScalarAbove >= 0 && indent > blockScalarAbove)) {
      blockScalarAbove = -1;
      if (text.charCodeAt(i) !== 0x23 /* # */) {
        if (indent === 0 && (text.startsWith('---', i) || text.startsWith('...', i))) levels = [];
        else {
          const item = isItemAt(text, i, end);
          if (!placeLine(levels, indent, item)) return false;
          // Each `- ` opens a level at the column of what follows it (an entry of the item's mapping).
          let col = i;
          let on = levels[levels.length - 1] as Level;
          while (text.charCodeAt(col) === 0x2d && (col + 1 === end || text.charCodeAt(col + 1) === 0x20)) {
            col += 1;
            while (text.charCodeAt(col) === 0x20) col++;
            if (col >= end || text.charCodeAt(col) === 0x23) break;
            on = { col: col - start, items: isItemAt(text, col, end), compactList: false, last: 'entry' };
            levels.push(on);
          }
          on.last = on.items ? 'item' : endsWithColon(text, col, end) ? 'open-key' : 'entry';
          if (item && on.items) on.last = 'item';
          if (mayHoldBlockHeader(text, i, end) && BLOCK_SCALAR_HEADER.test(text.slice(start, end)))
            blockScalarAbove = on.col;
        }
      }
    }
    start = end + 1;
  }
  return true;
}

function isItemAt(text: string, at: number, end: number): boolean {
  return (
    text.charCodeAt(at) === 0x2d &&
    (at + 1 === end || text.charCodeAt(at + 1) === 0x20 || text.charCodeAt(at + 1) === 0x0d)
  );
}

/** `key:` with nothing after it but spaces or a comment: its value is on the lines below. */
function endsWithColon(text: string, from: number, to: number): boolean {
  let k = to - 1;
  while (k >= from && (text.charCodeAt(k) === 0x20 || text.charCodeAt(k) === 0x0d)) k--;
  if (text.charCodeAt(k) === 0x3a) return true;
  // NOTE: searched within the line only (an indexOf over the text would scan to the next ` #` for
  // every line of a large file).
  let hash = from;
  while (hash < to && !(text.charCodeAt(hash) === 0x23 && text.charCodeAt(hash - 1) === 0x20)) hash++;
  if (hash >= to) return false;
  k = hash - 2;
  while (k >= from && text.charCodeAt(k) === 0x20) k--;
  return text.charCodeAt(k) === 0x3a;
}

/** Puts a line on its level: deeper opens one, equal continues one (by kind), shallower must land on one. */
function placeLine(levels: Level[], indent: number, item: boolean): boolean {
  const top = levels[levels.length - 1];
  if (top === undefined || indent > top.col) {
    levels.push({ col: indent, items: item, compactList: false, last: 'entry' });
    return true;
  }
  let popped = false;
  while ((levels[levels.length - 1]?.col ?? -1) > indent) {
    levels.pop();
    popped = true;
  }
  const on = levels[levels.length - 1];
  if (on === undefined || on.col !== indent) return false;
  if (on.items) return item;
  if (!item) {
    on.compactList = false;
    return true;
  }
  // An item on a mapping level: a list right under the key before it, or that list going on.
  if (on.last === 'open-key' && !popped) on.compactList = true;
  return on.compactList && (on.last === 'item' || on.last === 'open-key');
}

function mayHoldBlockHeader(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x7c /* | */ || c === 0x3e /* > */) return true;
  }
  return false;
}

function needsExactParser(text: string): boolean {
  return (
    ODD_TEXT.test(text) ||
    NESTED_COMPACT_SEQUENCE.test(text) ||
    !regularIndentation(text) ||
    (MAY_HAVE_PROPERTY.test(text) && PROPERTY_OR_EXPLICIT_KEY.test(text)) ||
    ODD_KEY.test(text)
  );
}

// NOTE: yaml's core schema (yaml/dist/schema/core/*.js), test for test and conversion for
// conversion, in yaml's order: null, bool, int (octal, decimal, hex), float (nan/inf, exp, plain).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_DEC = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

const coreNull = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (s: string) => NULL.test(s),
  construct: () => null,
});
const coreBool = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (s: string) => BOOL.test(s),
  construct: (s: string) => s[0] === 't' || s[0] === 'T',
});
const coreInt = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: string) => INT_OCT.test(s) || INT_DEC.test(s) || INT_HEX.test(s),
  construct: (s: string) =>
    INT_OCT.test(s)
      ? parseInt(s.substring(2), 8)
      : INT_DEC.test(s)
        ? parseInt(s, 10)
        : parseInt(s.substring(2), 16),
});
const coreFloat = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (s: string) => FLOAT_NAN.test(s) || FLOAT_EXP.test(s) || FLOAT.test(s),
  construct: (s: string) =>
    FLOAT_NAN.test(s)
      ? s.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : s[0] === '-'
          ? Number.NEGATIVE_INFINITY
          : Number.POSITIVE_INFINITY
      : parseFloat(s),
});

const CORE_AS_YAML = FAILSAFE_SCHEMA.extend({ implicit: [coreNull, coreBool, coreInt, coreFloat] });

// NOTE: js-yaml 4.3 has a nesting limit that its type definitions (4.0.9) predate.
type LoadOptions = TypedOptions & { readonly maxDepth: number };

/** Nesting js-yaml may reach before giving the file to yaml (which reports what is too deep). */
const MAX_FAST_DEPTH = 100;

interface Opened {
  readonly position: number;
  readonly line: number;
  readonly lineStart: number;
}

/** A top-level entry of a document, as the listener saw it (depth 2 in the event stream). */
interface TopNode {
  readonly at: Opened;
  readonly value: unknown;
  /** Starts of this node's children (list items), when it is a list. */
  readonly children: readonly Opened[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function positionOf(o: Opened): RawPosition {
  return { line: o.line + 1, col: o.position - o.lineStart + 1 };
}

/** The first character of a value that starts after `key:` on the same line, as yaml's range does. */
function valueStart(text: string, o: Opened): Opened | undefined {
  let p = o.position;
  while (text.charCodeAt(p) === 0x20) p++;
  const c = text[p];
  return c === undefined || c === '\n' || c === '\r' || c === '#' ? undefined : { ...o, position: p };
}

/**
 * `namespace` and every top-level list item (`sources/3`), as parse-yaml.ts's anchorsOf records them.
 * Nodes come in key, value order; anything that does not line up with the document's own keys and
 * list lengths records nothing (the positions are then found on demand by the exact parser).
 */
function anchorsOf(
  text: string,
  doc: Record<string, unknown>,
  top: readonly TopNode[],
): Record<string, RawPosition> {
  const out: Record<string, RawPosition> = {};
  const keys = Object.keys(doc);
  // NOTE: before a `---`, js-yaml tries the marker as one more key and gets nothing: not an entry.
  const entries = top.length === keys.length * 2 + 1 && top.at(-1)?.value === null ? top.slice(0, -1) : top;
  if (entries.length !== keys.length * 2) return out;
  const seen = new Set<string>();
  for (let i = 0; i < entries.length; i += 2) {
    const key = entries[i]?.value;
    const value = entries[i + 1];
    if (typeof key !== 'string' || value === undefined || !(key in doc) || seen.has(key)) return {};
    seen.add(key);
    if (doc[key] !== value.value) return {};
  }
  for (let i = 0; i < entries.length; i += 2) {
    const key = entries[i]?.value as string;
    const node = entries[i + 1] as TopNode;
    if (key === 'namespace') {
      const start = valueStart(text, node.at);
      if (start) out['namespace'] = positionOf(start);
    }
    if (Array.isArray(node.value) && node.children.length === node.value.length) {
      node.children.forEach((child, n) => {
        if (/\S/.test(text[child.position] ?? '') && text[child.position] !== '#')
          out[`${key}/${n}`] = positionOf(child);
      });
    }
  }
  return out;
}

/**
 * A flow collection or a quoted or plain scalar that spans lines. NOTE: yaml holds their continuation
 * lines to indentation rules that js-yaml does not check (a `]` or a quoted string's second line at
 * the parent's indentation is an error in yaml), so files with them go to yaml. Block scalars (`|`,
 * `>`) and block collections are checked alike by both.
 */
function spansLinesInFlowStyle(state: State, at: Opened): boolean {
  const text = state.input;
  const end = text.charCodeAt(state.position - 1);
  if (typeof state.result === 'object' && state.result !== null) return end === 0x5d || end === 0x7d;
  // The node's first character: past the spaces, line breaks and comments after `key:`.
  let p = at.position;
  let line = at.line;
  for (;;) {
    const c = text[p];
    if (c === ' ' || c === '\r') p++;
    else if (c === '\n') {
      p++;
      line++;
    } else if (c === '#') {
      while (p < text.length && text[p] !== '\n') p++;
    } else break;
  }
  const first = text[p];
  return first !== '|' && first !== '>' && state.line > line;
}

/**
 * The documents of `text` if the fast path can vouch for them, else undefined (use the exact parser).
 */
export function parseYamlFast(text: string): RawParse | undefined {
  if (text.length === 0 || needsExactParser(text)) return undefined;
  const docs: RawDocument[] = [];
  // Per document: the root's start, and its top-level nodes with their list items.
  let depth = 0;
  let root: Opened | undefined;
  let top: TopNode[] = [];
  let current: { at: Opened; children: Opened[] } | undefined;
  const roots: { start: Opened; top: TopNode[] }[] = [];
  const opened: Opened[] = [];
  let multiLine = false;
  const listener = (event: 'open' | 'close', state: State): void => {
    if (event === 'open') {
      depth++;
      const at = { position: state.position, line: state.line, lineStart: state.lineStart };
      opened.push(at);
      if (depth === 1) {
        root = at;
        top = [];
      } else if (depth === 2) current = { at, children: [] };
      else if (depth === 3) current?.children.push(at);
      return;
    }
    const at = opened.pop();
    if (at && state.line > at.line && spansLinesInFlowStyle(state, at)) multiLine = true;
    if (depth === 2 && current)
      top.push({ at: current.at, value: state.result as unknown, children: current.children });
    if (depth === 1 && root) roots.push({ start: root, top });
    depth--;
  };
  let values: unknown[];
  try {
    values = loadAll(text, null, { schema: CORE_AS_YAML, listener, maxDepth: MAX_FAST_DEPTH } as LoadOptions);
  } catch {
    return undefined;
  }
  if (multiLine || values.length === 0 || values.length !== roots.length) return undefined;
  for (const [i, value] of values.entries()) {
    const seen = roots[i];
    if (!isPlainObject(value) || !seen) return undefined;
    docs.push({
      errors: [],
      value,
      start: positionOf(seen.start),
      anchors: anchorsOf(text, value, seen.top),
    });
  }
  return { docs };
}
