import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { ManifestPath } from './collect-files.js';
import { locate, type Target } from './locate.js';
import type { Position, ProblemList, Segment } from './problems.js';

/** Larger files are refused before parsing: a manifest this big is a mistake, not a config. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Alias expansions allowed per document (billion-laughs guard). */
export const MAX_ALIAS_COUNT = 100;
/** Deeper nesting than this is refused (the YAML composer and our walkers recurse). */
export const MAX_DEPTH = 64;

export interface ManifestDocument {
  readonly file: string;
  readonly absPath: string;
  /** 0-based index of the document within its file. */
  readonly index: number;
  /** The document as plain data (YAML 1.2 core schema). */
  readonly value: unknown;
  /** 1-based position of the node at `segments` (see locate.ts). */
  locate(segments: readonly Segment[], target?: Target): Position;
}

export interface ParsedFile {
  readonly path: string;
  readonly sha256: string;
  readonly documents: readonly ManifestDocument[];
  /** Drops the file's YAML AST (it is rebuilt on demand when a later problem needs a position). */
  release(): void;
}

const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, merge: true, version: '1.2' } as const;

/**
 * A file's YAML AST. NOTE: keeping every file's AST alive until the end made garbage collection a
 * third of the run on large manifest sets; the loader releases each file once its documents are
 * collected, and the few late problems (semantic rules) re-parse the text to find their node.
 */
class FileAst {
  #docs: Document.Parsed[] | undefined;
  #lineCounter: LineCounter;
  readonly #text: string;

  constructor(text: string, docs: Document.Parsed[], lineCounter: LineCounter) {
    this.#text = text;
    this.#docs = docs;
    this.#lineCounter = lineCounter;
  }

  locate(index: number, segments: readonly Segment[], target: Target | undefined): Position {
    if (!this.#docs) {
      this.#lineCounter = new LineCounter();
      this.#docs = parseQuietly(this.#text, this.#lineCounter);
    }
    const doc = this.#docs[index];
    return doc ? locate(doc, this.#lineCounter, segments, target) : { line: 1, col: 1 };
  }

  release(): void {
    this.#docs = undefined;
  }
}

const START: Position = { line: 1, col: 1 };

/** Depth of the deepest collection, computed without recursion so it cannot overflow. */
function maxDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (d > deepest) deepest = d;
    if (d > MAX_DEPTH) break;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

function toPlain(doc: Document.Parsed, file: string, lc: LineCounter, problems: ProblemList): unknown {
  const START = lc.linePos(doc.contents?.range[0] ?? 0);
  try {
    const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    if (maxDepth(value) > MAX_DEPTH) {
      problems.add('error', file, START, [], `nesting deeper than ${MAX_DEPTH} levels`, 'flatten the document');
      return undefined;
    }
    return value;
  } catch (error) {
    const tooMany = error instanceof ReferenceError && /alias/i.test(error.message);
    if (tooMany) {
      const message = `more than ${MAX_ALIAS_COUNT} alias expansions (resource exhaustion guard)`;
      problems.add('error', file, START, [], message, 'use fewer YAML aliases (*name)');
    } else if (error instanceof RangeError) {
      problems.add('error', file, START, [], 'nesting too deep to read', 'flatten the document');
    } else {
      problems.add('error', file, START, [], `could not read the document: ${String(error)}`);
    }
    return undefined;
  }
}

/**
 * NOTE: yaml's parser reads process.env.LOG_TOKENS once per token, and process.env is a slow native
 * accessor (about a fifth of the parse time). Parsing is synchronous, so a plain copy is swapped in
 * for its duration and the real object is restored before any other code can run.
 */
function parseQuietly(text: string, lineCounter: LineCounter): Document.Parsed[] {
  const realEnv = process.env;
  process.env = { ...realEnv };
  try {
    return parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter }) as Document.Parsed[];
  } finally {
    process.env = realEnv;
  }
}

function reportSyntax(doc: Document.Parsed, file: string, lineCounter: LineCounter, problems: ProblemList): void {
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    if (e.message.includes('Maximum call stack')) {
      problems.add('error', file, pos, [], 'nesting too deep to parse', 'flatten the document');
    } else if (e.code === 'DUPLICATE_KEY') {
      problems.add('error', file, pos, [], 'duplicate key in a mapping', 'keep one of them');
    } else {
      problems.add('error', file, pos, [], `YAML syntax: ${e.message}`);
    }
  }
}

function parseText(text: string, file: string, absPath: string, problems: ProblemList) {
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseQuietly(text, lineCounter);
  } catch (error) {
    // NOTE: the composer recurses; absurd nesting ends here as a RangeError instead of a crash.
    const message = error instanceof RangeError ? `nesting too deep to parse` : String(error);
    problems.add('error', file, START, [], message, 'flatten the document');
    return { documents: [], ast: undefined };
  }
  const ast = new FileAst(text, docs, lineCounter);
  const documents: ManifestDocument[] = [];
  docs.forEach((doc, index) => {
    reportSyntax(doc, file, lineCounter, problems);
    if (doc.errors.length > 0) return;
    const value = toPlain(doc, file, lineCounter, problems);
    documents.push({ file, absPath, index, value, locate: (segs, target) => ast.locate(index, segs, target) });
  });
  return { documents, ast };
}

/** Reads and parses one manifest file; every problem goes to `problems`. */
export async function parseManifestFile(p: ManifestPath, problems: ProblemList): Promise<ParsedFile | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(p.absPath);
  } catch (error) {
    problems.add('error', p.display, START, [], `cannot read the file: ${(error as Error).message}`);
    return undefined;
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (bytes.length > MAX_FILE_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    problems.add('error', p.display, START, [], `file is ${mb} MB; manifests are limited to 4 MB`, 'split it into several files');
    return { path: p.display, sha256, documents: [], release: () => undefined };
  }
  const before = problems.items.length;
  const { documents, ast } = parseText(bytes.toString('utf8'), p.display, p.absPath, problems);
  const hasContent = documents.some((d) => d.value !== null && d.value !== undefined);
  if (!hasContent && problems.items.length === before) {
    const hint = 'add at least `namespace:`, or remove the file';
    problems.add('error', p.display, START, [], 'the manifest file is empty', hint);
  }
  return { path: p.display, sha256, documents, release: () => ast?.release() };
}
