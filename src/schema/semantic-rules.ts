import type { PipelineResource, Resource, ResourceKind } from '../model/index.js';
import { literalTables } from './build-pipelines.js';
import type { Collected, Entry } from './collect-entries.js';
import { NAMESPACE_PATTERN } from './json-schema.js';
import type { ProblemList } from './problems.js';
import { didYouMean, listSome } from './suggest.js';

function where(e: Entry): string {
  const loc = e.location;
  return `${loc.file}:${loc.line}:${loc.col}`;
}

/** `namespace` is required once across all files; repeating the same value is fine. */
export function checkNamespace(c: Collected, problems: ProblemList): string | undefined {
  const first = c.namespaces[0];
  if (!first) {
    const hint = 'add `namespace: <name>` (it scopes ownership: the tag gitops:<name>) to one manifest';
    if (c.first) c.first.error([], 'no namespace declared in any manifest', hint);
    else if (problems.errorCount === 0) problems.add('error', '.', { line: 1, col: 1 }, [], 'no manifests found', 'pass a file or directory');
    return undefined;
  }
  for (const n of c.namespaces.slice(1)) {
    if (n.value !== first.value) {
      const at = first.location;
      n.r.error(['namespace'], `namespace "${n.value}" differs from "${first.value}" declared at ${at.file}:${at.line}:${at.col}`, 'one run manages one namespace');
    }
  }
  return new RegExp(NAMESPACE_PATTERN).test(first.value) ? first.value : undefined;
}

/** Unique names per kind across all files; reports the later declaration with the first's location. */
export function checkDuplicates(entries: readonly Entry[]): Set<Entry> {
  const firstByKey = new Map<string, Entry>();
  const dupes = new Set<Entry>();
  for (const e of entries) {
    if (e.name === undefined) continue;
    const key = `${e.kind}/${e.name}`;
    const first = firstByKey.get(key);
    if (!first) {
      firstByKey.set(key, e);
      continue;
    }
    dupes.add(e);
    e.r.error([...e.base, 'name'], `duplicate ${e.kind} name "${e.name}" (also declared at ${where(first)})`, `names are unique per kind across all manifests`);
  }
  return dupes;
}

/** previous_names must not be the resource's own name nor any other name or previous name of its kind. */
export function checkPreviousNames(entries: readonly Entry[]): void {
  const owner = new Map<string, Entry>();
  for (const e of entries) if (e.name !== undefined) owner.set(`${e.kind}/${e.name}`, e);
  for (const e of entries) {
    const prev = e.raw['previous_names'];
    if (!Array.isArray(prev)) continue;
    prev.forEach((p, i) => {
      if (typeof p !== 'string') return;
      const key = `${e.kind}/${p}`;
      const holder = owner.get(key);
      if (holder === e && p === e.name) {
        e.r.error([...e.base, 'previous_names', i], `"${p}" is this ${e.kind}'s current name`);
      } else if (holder && holder !== e) {
        e.r.error([...e.base, 'previous_names', i], `previous name "${p}" is also the name or a previous name of the ${e.kind} at ${where(holder)}`);
      } else {
        owner.set(key, e);
      }
    });
  }
}

export interface Names {
  /** Every declared name per kind, also of items with shape errors (so one mistake is reported once). */
  readonly names: ReadonlyMap<ResourceKind, ReadonlySet<string>>;
  readonly sources: ReadonlyMap<string, Resource>;
  readonly external: Collected['external'];
}

function checkRef(e: Entry, kind: 'source' | 'destination' | 'transform', name: string, segs: (string | number)[], n: Names): boolean {
  const declared = n.names.get(kind) ?? new Set<string>();
  const ext = n.external[`${kind}s`];
  if (declared.has(name) || ext.has(name)) return true;
  const hint = didYouMean(name, [...declared, ...ext]) ?? `declare it under ${kind}s: or list it in external.${kind}s`;
  e.r.error([...e.base, ...segs], `unknown ${kind} "${name}"`, hint);
  return false;
}

function checkTopics(e: Entry, p: PipelineResource, n: Names): void {
  const source = n.sources.get(p.source);
  const tables = source?.kind === 'source' ? literalTables(source) : undefined;
  if (tables && Array.isArray(e.raw['topics'])) {
    const allowed = new Set(tables);
    p.topics?.forEach((t, i) => {
      if (!allowed.has(t)) {
        e.r.error([...e.base, 'topics', i], `topic "${t}" is not in the table_include_list of source "${p.source}"`, didYouMean(t, tables) ?? `tables: ${listSome(tables)}`);
      }
    });
  }
  const pipelineTopics = p.topics ? new Set(p.topics) : undefined;
  const seen = new Set<string>();
  p.transforms.forEach((t, i) => {
    if (seen.has(t.name)) e.r.error([...e.base, 'transforms', i, 'name'], `transform "${t.name}" is listed twice`, 'list its topics once');
    seen.add(t.name);
    checkRef(e, 'transform', t.name, ['transforms', i, 'name'], n);
    if (!pipelineTopics) return;
    t.topics.forEach((topic, j) => {
      if (!pipelineTopics.has(topic)) {
        e.r.error([...e.base, 'transforms', i, 'topics', j], `topic "${topic}" is not one of this pipeline's topics`, `pipeline topics: ${listSome([...pipelineTopics])}`);
      }
    });
  });
}

export function checkPipeline(e: Entry, p: PipelineResource, n: Names): void {
  checkRef(e, 'source', p.source, ['source'], n);
  checkRef(e, 'destination', p.destination, ['destination'], n);
  checkTopics(e, p, n);
  p.topicAutoDiscovery.forEach((t, i) => {
    checkRef(e, 'transform', t.transform, ['topic_auto_discovery', i, 'transform'], n);
    try {
      new RegExp(t.regex);
    } catch (error) {
      e.r.error([...e.base, 'topic_auto_discovery', i, 'regex'], `invalid regular expression: ${(error as Error).message}`);
    }
  });
}
