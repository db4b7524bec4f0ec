import { registry } from '../kinds/registry.js';
import type { ResourceKind } from '../model/index.js';
import type { Collected } from './entry.js';
import type { ManifestDocument } from './parse-documents.js';
import type { ProblemList } from './problems.js';
import { reporterFor, type Reporter } from './reporter.js';
import { validateStructure } from './validate-structure.js';

export type { Collected, Entry } from './entry.js';

/** Kinds other kinds refer to: the ones `external:` may list (sources, destinations, transforms). */
function externalKinds(): ResourceKind[] {
  return registry.names.filter((k) => registry.referrers(k).length > 0);
}

export function emptyCollected(): Collected {
  return {
    namespaces: [],
    managed: new Set(),
    entries: [],
    external: new Map(externalKinds().map((k) => [k, new Set<string>()])),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function addExternal(value: unknown, out: Collected): void {
  if (!isRecord(value)) return;
  for (const [kind, set] of out.external) {
    const names = value[registry.get(kind).manifest.key];
    if (Array.isArray(names)) for (const n of names) if (typeof n === 'string') set.add(n);
  }
}

function addEntries(
  kind: ResourceKind,
  key: string,
  list: unknown[],
  r: Reporter,
  failed: Set<string>,
  out: Collected,
): void {
  list.forEach((item, index) => {
    if (!isRecord(item)) return;
    const name = typeof item['name'] === 'string' ? item['name'] : undefined;
    const valid = !failed.has(`${key}/${index}`) && !failed.has(key);
    const base = [key, index];
    out.entries.push({ kind, raw: item, name, r, base, valid, location: r.location(base) });
  });
}

/**
 * Top-level keys written empty are not set (null-keys.ts). For a kind's section that means the kind is
 * not managed by this document, which someone who wrote `pipelines:` meaning "none" must be told.
 */
function reportEmptyKeys(r: Reporter, out: Collected): void {
  const sections = new Set(registry.names.map((k) => registry.get(k).manifest.key));
  for (const key of r.nullKeysAt([])) {
    if (key === 'namespace') out.emptyNamespace ??= r;
    if (!sections.has(key)) continue;
    const message = `"${key}" is empty, and null means not set: this declares no ${key} and does not manage them`;
    r.warn([key], message, `write "${key}: []" to manage ${key} with none declared, or remove the key`);
  }
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
  reportEmptyKeys(r, out);
  for (const kind of registry.applyOrder) {
    const key = registry.get(kind).manifest.key;
    if (!(key in doc)) continue;
    out.managed.add(kind);
    const list = doc[key];
    if (Array.isArray(list)) addEntries(kind, key, list, r, failed, out);
  }
  addExternal(doc['external'], out);
}
