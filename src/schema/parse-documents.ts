import { createHash } from 'node:crypto';
import type { Document, LineCounter } from 'yaml';
import type { ManifestPath } from './collect-files.js';
import { locate, type Target } from './locate.js';
import { checkControlCharacters } from './control-chars.js';
import { NullKeys } from './null-keys.js';
import { MAX_ALIAS_COUNT, parseQuietly, parseYaml, type RawDocument, type RawParse } from './parse-yaml.js';
import type { Position, ProblemList, Segment } from './problems.js';
import { yamlLib } from './yaml-lib.js';
import { findInvalidUtf8, formatBytes, readRegularFile, type ReadRefusal } from './read-limited.js';

/**
 * Larger manifests are refused before reading (or `--max-file-size`, when that is larger): a manifest
 * this big is a mistake, not a config.
 */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Deeper nesting than this is refused (the YAML composer and our walkers recurse). */
export const MAX_DEPTH = 64;

export interface ManifestDocument {
  readonly file: string;
  /** Real path of the file, and of the manifest root it was found under (see manifest-root.ts). */
  readonly absPath: string;
  readonly root: string;
  /** 0-based index of the document within its file. */
  readonly index: number;
  /** The document as plain data (YAML 1.2 core schema). */
  readonly value: unknown;
  /** Mapping keys written empty (`key:` or `key: null`), taken out of `value` (null means not set). */
  readonly nullKeys: NullKeys;
  /** 1-based position of the node at `segments` (see locate.ts). */
  locate(segments: readonly Segment[], target?: Target): Position;
}

export interface ParsedFile {
  readonly path: string;
  readonly sha256: string;
  readonly documents: readonly ManifestDocument[];
}

const START: Position = { line: 1, col: 1 };

/**
 * A file's YAML AST, built only when a problem needs the position of a node that was not recorded
 * during the parse (entry and namespace positions are: RawDocument.anchors). NOTE: not keeping every
 * file's AST alive also keeps garbage collection small on large manifest sets.
 */
class LazyAst {
  #parsed: { docs: Document.Parsed[]; lineCounter: LineCounter } | undefined;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  locate(index: number, segments: readonly Segment[], target: Target | undefined): Position {
    if (this.#parsed === undefined) {
      const lineCounter = new (yamlLib().LineCounter)();
      this.#parsed = { docs: parseQuietly(this.#text, lineCounter), lineCounter };
    }
    const doc = this.#parsed.docs[index];
    return doc ? locate(doc, this.#parsed.lineCounter, segments, target) : START;
  }
}

/** Depth of the deepest collection, computed without recursion so it cannot overflow. */
function maxDepth(value: unknown): number {
  let deepest = 0;
  // NOTE: two parallel stacks, not one of pairs: no allocation per node of a large manifest set.
  const values: unknown[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const v = values.pop();
    const d = depths.pop() as number;
    if (v === null || typeof v !== 'object') continue;
    if (d > deepest) deepest = d;
    if (d > MAX_DEPTH) break;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(d + 1);
      }
    }
  }
  return deepest;
}

function reportRaw(raw: RawDocument, file: string, problems: ProblemList): boolean {
  for (const e of raw.errors) {
    if (e.message.includes('Maximum call stack')) {
      problems.add('error', file, e.pos, [], 'nesting too deep to parse', 'flatten the document');
    } else {
      problems.add('error', file, e.pos, [], e.message, e.hint);
    }
  }
  if (raw.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return false;
  if (raw.failure?.kind === 'aliases') {
    const message = `more than ${MAX_ALIAS_COUNT} alias expansions (resource exhaustion guard)`;
    problems.add('error', file, raw.start, [], message, 'use fewer YAML aliases (*name)');
  } else if (raw.failure?.kind === 'stack') {
    problems.add('error', file, raw.start, [], 'nesting too deep to read', 'flatten the document');
  } else if (raw.failure) {
    problems.add('error', file, raw.start, [], `could not read the document: ${raw.failure.message}`);
  } else if (maxDepth(raw.value) > MAX_DEPTH) {
    problems.add(
      'error',
      file,
      raw.start,
      [],
      `nesting deeper than ${MAX_DEPTH} levels`,
      'flatten the document',
    );
  } else {
    return true;
  }
  return false;
}

function documentsOf(
  p: ManifestPath,
  text: string,
  parse: RawParse,
  problems: ProblemList,
): ManifestDocument[] {
  if ('fatal' in parse) {
    const message = parse.fatal === 'stack' ? 'nesting too deep to parse' : `cannot parse: ${parse.fatal}`;
    problems.add('error', p.display, START, [], message, 'flatten the document');
    return [];
  }
  const ast = new LazyAst(text);
  const out: ManifestDocument[] = [];
  parse.docs.forEach((raw, index) => {
    if (!reportRaw(raw, p.display, problems)) return;
    const locateIn = (segs: readonly Segment[], target?: Target): Position => {
      const key =
        segs.length === 1
          ? String(segs[0])
          : segs.length === 2
            ? `${String(segs[0])}/${String(segs[1])}`
            : '';
      const known = target !== 'key' ? raw.anchors[key] : undefined;
      return known ?? ast.locate(index, segs, target);
    };
    checkControlCharacters(raw.value, p.display, problems, locateIn);
    const nullKeys = NullKeys.strip(raw.value);
    out.push({
      file: p.display,
      absPath: p.absPath,
      root: p.root,
      index,
      value: raw.value,
      nullKeys,
      locate: locateIn,
    });
  });
  return out;
}

interface ReadFile {
  readonly p: ManifestPath;
  readonly sha256: string;
  readonly text: string;
}

function refusalMessage(r: ReadRefusal): [string, string] {
  switch (r.reason) {
    case 'missing':
      return ['the file disappeared while it was being read', 'run again'];
    case 'loop':
      return ['the file was replaced by a symbolic link while it was being read', 'run again'];
    case 'not-regular':
      return [`not a regular file: it is ${r.kind}`, 'manifests must be regular files'];
    case 'too-large':
      return [
        `the file is larger than the ${formatBytes(r.maxBytes)} limit for manifests`,
        'split it into several files, or raise --max-file-size',
      ];
    case 'unreadable':
      return [`cannot read the file (${r.code})`, 'check its permissions'];
  }
}

function readOne(p: ManifestPath, maxBytes: number, problems: ProblemList): ReadFile | undefined {
  const read = readRegularFile(p.absPath, maxBytes);
  if (!read.ok) {
    const [message, hint] = refusalMessage(read.refusal);
    problems.add('error', p.display, START, [], message, hint);
    return undefined;
  }
  const bad = findInvalidUtf8(read.bytes);
  if (bad) {
    const message = `not valid UTF-8: the bytes at offset ${bad.offset} (line ${bad.line}) are not a UTF-8 character`;
    problems.add('error', p.display, bad, [], message, 'save the file as UTF-8');
    return undefined;
  }
  const sha256 = createHash('sha256').update(read.bytes).digest('hex');
  return { p, sha256, text: read.bytes.toString('utf8') };
}

/**
 * Reads and parses the manifest files (each at most `maxBytes`); every problem goes to `problems`.
 * NOTE: read one after the other with blocking calls: the files are small, and a read never waits on
 * anything but the disk (readRegularFile refuses FIFOs and devices).
 */
export function parseManifestFiles(
  paths: readonly ManifestPath[],
  maxBytes: number,
  problems: ProblemList,
): ParsedFile[] {
  const read = paths.map((p) => readOne(p, maxBytes, problems)).filter((r) => r !== undefined);
  return read.map((r) => {
    // NOTE: parsed one file at a time so each file's YAML tree can be collected before the next.
    const parse = parseYaml(r.text);
    const before = problems.items.length;
    const documents = documentsOf(r.p, r.text, parse, problems);
    const hasContent = documents.some((d) => d.value !== null && d.value !== undefined);
    if (!hasContent && problems.items.length === before) {
      const hint = 'add at least `namespace:`, or remove the file';
      problems.add('error', r.p.display, START, [], 'the manifest file is empty', hint);
    }
    return { path: r.p.display, sha256: r.sha256, documents };
  });
}
