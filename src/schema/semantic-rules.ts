import type { ResourceKind } from '../model/index.js';
import type { Collected, Entry } from './entry.js';
import { NAMESPACE_PATTERN } from './json-schema-parts.js';
import type { ProblemList, Segment } from './problems.js';
import { didYouMean } from './suggest.js';

function where(e: Entry): string {
  const loc = e.location;
  return `${loc.file}:${loc.line}:${loc.col}`;
}

/** `namespace` is required once across all files; repeating the same value is fine. */
export function checkNamespace(c: Collected, problems: ProblemList): string | undefined {
  const first = c.namespaces[0];
  if (!first) {
    const hint = 'add `namespace: <name>` (it scopes ownership: the tag gitops:<name>) to one manifest';
    if (c.emptyNamespace) {
      const message = 'missing required key "namespace": it is empty, and null means not set';
      c.emptyNamespace.error(['namespace'], message, hint);
    } else if (c.first) c.first.error([], 'no namespace declared in any manifest', hint);
    else if (problems.errorCount === 0)
      problems.add('error', '.', { line: 1, col: 1 }, [], 'no manifests found', 'pass a file or directory');
    return undefined;
  }
  for (const n of c.namespaces.slice(1)) {
    if (n.value !== first.value) {
      const at = first.location;
      n.r.error(
        ['namespace'],
        `namespace "${n.value}" differs from "${first.value}" declared at ${at.file}:${at.line}:${at.col}`,
        'one run manages one namespace',
      );
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
    e.r.error(
      [...e.base, 'name'],
      `duplicate ${e.kind} name "${e.name}" (also declared at ${where(first)})`,
      `names are unique per kind across all manifests`,
    );
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
        e.r.error(
          [...e.base, 'previous_names', i],
          `previous name "${p}" is also the name or a previous name of the ${e.kind} at ${where(holder)}`,
        );
      } else {
        owner.set(key, e);
      }
    });
  }
}

/**
 * A reference from item `e` (at `segs`) to a `kind` named `name`: fine when some manifest declares
 * that name (`declared`, items with shape errors included, so one mistake is reported once) or lists
 * it under `external.<key>`; otherwise an error with the closest name.
 */
export function checkReference(
  e: Entry,
  ref: { kind: ResourceKind; name: string; key: string },
  declared: ReadonlySet<string>,
  external: ReadonlySet<string>,
  segs: readonly Segment[],
): boolean {
  const { kind, name, key } = ref;
  if (declared.has(name) || external.has(name)) return true;
  const hint =
    didYouMean(name, [...declared, ...external]) ?? `declare it under ${key}: or list it in external.${key}`;
  e.r.error([...e.base, ...segs], `unknown ${kind} "${name}"`, hint);
  return false;
}
