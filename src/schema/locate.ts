import type { Document, LineCounter, Node } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import type { Position, Segment } from './problems.js';

/** Where a problem points: the key of a map entry (unknown keys) or its value (everything else). */
export type Target = 'key' | 'value';

interface Found {
  readonly node: Node;
  /** The key node of the last step, when the last step was a map key. */
  readonly key?: Node | undefined;
}

function keyMatches(key: unknown, seg: Segment): boolean {
  const { isScalar } = yamlLib();
  return isScalar(key) && String(key.value) === String(seg);
}

function findInMap(doc: Document, node: Node, seg: Segment, depth = 0): Found | undefined {
  const { isMap, isPair, isScalar, isSeq } = yamlLib();
  if (!isMap(node) || depth > 8) return undefined;
  for (const pair of node.items) {
    if (isPair(pair) && keyMatches(pair.key, seg)) {
      // An empty value (`key:`) has a zero-width node after the colon: the key is the better place.
      const empty = isScalar(pair.value) && pair.value.range?.[0] === pair.value.range?.[1];
      const value = (pair.value && !empty ? pair.value : pair.key) as Node;
      return { node: value, key: pair.key as Node };
    }
  }
  // NOTE: merge keys (`<<: *base`) bring in entries declared elsewhere; point at the merged source.
  for (const pair of node.items) {
    if (isPair(pair) && isScalar(pair.key) && pair.key.value === '<<' && pair.value) {
      const merged = resolve(doc, pair.value as Node);
      const sources = isSeq(merged) ? merged.items.map((n) => resolve(doc, n as Node)) : [merged];
      for (const s of sources) {
        const hit = findInMap(doc, s, seg, depth + 1);
        if (hit) return hit;
      }
    }
  }
  return undefined;
}

function resolve(doc: Document, node: Node): Node {
  return yamlLib().isAlias(node) ? ((node.resolve(doc) as Node | undefined) ?? node) : node;
}

/**
 * Walks the YAML AST along `segments` (map keys, sequence indexes; keys may contain dots, so paths are
 * never split on ".") and returns the 1-based position of the node found, or of the deepest ancestor
 * that exists when the path runs out (a missing key is reported at its parent map).
 */
export function locate(
  doc: Document,
  lineCounter: LineCounter,
  segments: readonly Segment[],
  target: Target = 'value',
): Position {
  const { isSeq } = yamlLib();
  let node = doc.contents as Node | null;
  if (!node) return { line: 1, col: 1 };
  let at: Node = node;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as Segment;
    node = resolve(doc, node);
    let found: Found | undefined;
    if (isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      found = item ? { node: item } : undefined;
    } else {
      found = findInMap(doc, node, seg);
    }
    if (!found) break;
    const last = i === segments.length - 1;
    at = last && target === 'key' && found.key ? found.key : found.node;
    node = found.node;
  }
  const offset = at.range?.[0] ?? 0;
  return lineCounter.linePos(offset);
}
