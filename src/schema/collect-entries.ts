import type { ResourceKind, SourceLocation } from '../model/index.js';
import type { ManifestDocument } from './parse-documents.js';
import type { ProblemList, Segment } from './problems.js';
import { reporterFor, type Reporter } from './reporter.js';
import { validateStructure } from './validate-structure.js';

/** Top-level list key → the kind it declares. */
export const LIST_KINDS = {
  tags: 'tag',
  sources: 'source',
  destinations: 'destination',
  transforms: 'transform',
  pipelines: 'pipeline',
} as const satisfies Record<string, ResourceKind>;
type ListKey = keyof typeof LIST_KINDS;

/** One resource item of a document, before it becomes a model value. */
export interface Entry {
  readonly kind: ResourceKind;
  readonly raw: Record<string, unknown>;
  /** The name when it is a string (also for items with shape errors, to avoid cascades). */
  readonly name: string | undefined;
  readonly r: Reporter;
  /** `['sources', 3]`. */
  readonly base: readonly Segment[];
  /** False when the item failed the structural schema: it is not built into the model. */
  readonly valid: boolean;
  /** Where the item starts (taken while the file's AST is in memory). */
  readonly location: SourceLocation;
}

export interface Collected {
  readonly namespaces: { readonly value: string; readonly r: Reporter; readonly location: SourceLocation }[];
  readonly managed: Set<ResourceKind>;
  readonly entries: Entry[];
  readonly external: { sources: Set<string>; destinations: Set<string>; transforms: Set<string> };
  /** Reporter of the first document, for problems that belong to no node. */
  first?: Reporter;
}

export function emptyCollected(): Collected {
  return {
    namespaces: [],
    managed: new Set(),
    entries: [],
    external: { sources: new Set(), destinations: new Set(), transforms: new Set() },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function addExternal(value: unknown, out: Collected): void {
  if (!isRecord(value)) return;
  for (const key of ['sources', 'destinations', 'transforms'] as const) {
    const names = value[key];
    if (Array.isArray(names)) for (const n of names) if (typeof n === 'string') out.external[key].add(n);
  }
}

function addEntries(key: ListKey, list: unknown[], r: Reporter, failed: Set<string>, out: Collected): void {
  list.forEach((item, index) => {
    if (!isRecord(item)) return;
    const name = typeof item['name'] === 'string' ? item['name'] : undefined;
    const valid = !failed.has(`${key}/${index}`) && !failed.has(key);
    const base = [key, index];
    out.entries.push({ kind: LIST_KINDS[key], raw: item, name, r, base, valid, location: r.location(base) });
  });
}

/** Checks one document's shape and gathers what it declares into `out`. */
export function collectDocument(d: ManifestDocument, problems: ProblemList, out: Collected): void {
  if (d.value === null || d.value === undefined) return;
  const r = reporterFor(d, problems);
  out.first ??= r;
  if (!isRecord(d.value)) {
    const got = Array.isArray(d.value) ? 'a list' : `a ${typeof d.value}`;
    const hint = 'start with keys such as `namespace:`, `sources:`, `pipelines:`';
    r.error([], `a manifest document must be a mapping, got ${got}`, hint);
    return;
  }
  const failed = validateStructure(d, problems);
  const doc = d.value;
  if (typeof doc['namespace'] === 'string' && !failed.has('namespace')) {
    out.namespaces.push({ value: doc['namespace'], r, location: r.location(['namespace']) });
  }
  for (const key of Object.keys(LIST_KINDS) as ListKey[]) {
    if (!(key in doc)) continue;
    out.managed.add(LIST_KINDS[key]);
    const list = doc[key];
    if (Array.isArray(list)) addEntries(key, list, r, failed, out);
  }
  addExternal(doc['external'], out);
}
