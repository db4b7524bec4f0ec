/**
 * Type flips of every field of every example manifest: each node (scalar, list or map, at any depth)
 * replaced in turn by a string, a number, a boolean, a list, a map and null, whichever it is not.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { EXAMPLE_FILES, type CorpusCase } from './corpus-case.js';

type Kind = 'string' | 'number' | 'bool' | 'list' | 'map' | 'null';
type Segment = string | number;

const FLIPS: Readonly<Record<Kind, unknown>> = {
  string: 'flipped',
  number: 12345,
  bool: true,
  list: ['flipped'],
  map: { flipped: 1 },
  null: null,
};

function kindOf(node: unknown): Kind {
  if (isMap(node)) return 'map';
  if (isSeq(node)) return 'list';
  const v: unknown = isScalar(node) ? node.value : node;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'string';
}

/** Every node path below the document root, parents before children. */
function pathsOf(node: unknown, at: Segment[] = []): { path: Segment[]; kind: Kind }[] {
  const out: { path: Segment[]; kind: Kind }[] = [];
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (typeof key !== 'string') continue;
      out.push({ path: [...at, key], kind: kindOf(pair.value) }, ...pathsOf(pair.value, [...at, key]));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      out.push({ path: [...at, i], kind: kindOf(item) }, ...pathsOf(item, [...at, i]));
    });
  }
  return out;
}

/** The file with one node replaced, and the 1-based line the new value sits on. */
function flipped(text: string, docIndex: number, at: Segment[], kind: Kind): { text: string; line: number } {
  const docs = parseAllDocuments(text) as Document.Parsed[];
  const doc = docs[docIndex] as Document.Parsed;
  doc.setIn(at, doc.createNode(FLIPS[kind], { flow: true }));
  const out = docs.map((d) => d.toString()).join('');
  const lines = new LineCounter();
  const again = parseAllDocuments(out, { lineCounter: lines }) as Document.Parsed[];
  const node = again[docIndex]?.getIn(at, true) as Node | undefined;
  const offset = node?.range?.[0];
  if (offset === undefined) throw new Error(`corpus: flipped node ${at.join('.')} not found`);
  return { text: out, line: lines.linePos(offset).line };
}

function label(at: Segment[]): string {
  return at.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** One case per (file, node, kind it is not), in file order. */
export function typeFlipCases(
  classify: (id: string) => 'refused' | 'accepted' | 'refused elsewhere',
): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const file of ['streamkap.yaml', 'teams/analytics.yaml']) {
    const text = EXAMPLE_FILES[file] as string;
    parseAllDocuments(text).forEach((doc, docIndex) => {
      for (const { path: at, kind } of pathsOf(doc.contents)) {
        for (const to of Object.keys(FLIPS) as Kind[]) {
          if (to === kind) continue;
          const { text: changed, line } = flipped(text, docIndex, at, to);
          const id = `flip/${file}#${docIndex}/${label(at)}/${kind}->${to}`;
          const how = classify(id);
          const where = how === 'refused' ? `${file}:${line}` : file;
          cases.push({
            id,
            expect: how === 'accepted' ? 'accepted' : 'refused',
            files: { ...EXAMPLE_FILES, [file]: changed },
            ...(how === 'accepted' ? {} : { where }),
          });
        }
      }
    });
  }
  return cases;
}
