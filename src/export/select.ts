/**
 * Which live objects an export writes (`--select`): what the namespace owns, what no namespace owns
 * (objects without a `gitops:` ownership tag, to adopt), or everything. Objects that cannot be
 * written as manifests are left out with a reason: a name held twice (the plan refuses to touch
 * either), a name or reference holding control characters (no manifest may hold one).
 */
import { registry, TAG_KIND } from '../kinds/registry.js';
import {
  ownershipTag,
  PROTECTED_TAG,
  resourceKey,
  type LiveResource,
  type LiveState,
  type ResourceKey,
  type ResourceKind,
} from '../model/index.js';
import { ANY_CONTROL, escapeControl } from '../schema/escape-control.js';

export type Selection = 'owned' | 'unowned' | 'all';

export interface Selected {
  /** Per kind, in display order; each kind's objects by name. */
  readonly byKind: ReadonlyMap<ResourceKind, readonly LiveResource[]>;
  /** Why some objects were left out. */
  readonly skipped: readonly string[];
  /** Objects the namespace owns that this export does not hold (`--select unowned`). */
  readonly ownedElsewhere: number;
}

/** `gitops:<namespace>` tags (not `gitops:protected`) an object carries. */
function ownershipTagsOf(live: LiveResource): string[] {
  const tags = 'tags' in live ? (live.tags ?? []) : [];
  return tags.filter((t) => t.startsWith('gitops:') && t !== PROTECTED_TAG);
}

function wanted(live: LiveResource, namespace: string, selection: Selection): boolean {
  const owners = ownershipTagsOf(live);
  if (selection === 'owned') return owners.includes(ownershipTag(namespace));
  return selection === 'all' || owners.length === 0;
}

function byName(a: LiveResource, b: LiveResource): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.live.id < b.live.id ? -1 : a.live.id > b.live.id ? 1 : 0;
}

/** Why an object cannot be written, or undefined. */
function unwritable(
  live: LiveResource,
  duplicates: ReadonlySet<ResourceKey>,
  excluded: ReadonlyMap<ResourceKey, string>,
): string | undefined {
  const what = `${live.kind} "${escapeControl(live.name)}"`;
  const reason = excluded.get(resourceKey(live.kind, live.name));
  if (reason !== undefined) return `${what}: ${reason}`;
  if (duplicates.has(resourceKey(live.kind, live.name)))
    return `${what}: its name is held by more than one live ${live.kind}`;
  if (ANY_CONTROL.test(live.name)) return `${what}: its name holds control characters`;
  const bad = registry.referencesOf(live).find((r) => ANY_CONTROL.test(r.name));
  return bad ? `${what}: refers to a ${bad.kind} whose name holds control characters` : undefined;
}

/** Tag names the selected objects carry, without the tool's own `gitops:` tags. */
function carriedTags(objects: Iterable<LiveResource>): Set<string> {
  const out = new Set<string>();
  for (const o of objects) for (const t of 'tags' in o ? (o.tags ?? []) : []) out.add(t);
  return out;
}

/** `excluded`: objects left out on purpose, with the reason to give. */
export function selectLive(
  state: LiveState,
  namespace: string,
  selection: Selection,
  excluded: ReadonlyMap<ResourceKey, string> = new Map(),
): Selected {
  const duplicates = new Set(state.duplicates.map((d) => resourceKey(d.kind, d.name)));
  const skipped: string[] = [];
  const byKind = new Map<ResourceKind, LiveResource[]>();
  let ownedElsewhere = 0;
  for (const def of registry.kinds) {
    if (!def.tagged || !def.export) continue;
    const picked: LiveResource[] = [];
    for (const live of state.resources.filter((r) => r.kind === def.kind).sort(byName)) {
      if (!wanted(live, namespace, selection)) {
        if (ownershipTagsOf(live).includes(ownershipTag(namespace))) ownedElsewhere++;
        continue;
      }
      const why = unwritable(live, duplicates, excluded);
      if (why === undefined) picked.push(live);
      else skipped.push(`${why}: not exported`);
    }
    byKind.set(def.kind, picked);
  }
  const carried = carriedTags([...byKind.values()].flat());
  // NOTE: custom tags are shared, never owned: an export holds the ones its objects carry (all of
  // them with --select all), never the tool's own gitops: tags.
  const tags = state.resources
    .filter((r) => r.kind === TAG_KIND && !r.name.startsWith('gitops:'))
    .filter((r) => selection === 'all' || carried.has(r.name))
    .filter((r) => !ANY_CONTROL.test(r.name) && !duplicates.has(resourceKey(r.kind, r.name)))
    .sort(byName);
  if (registry.get(TAG_KIND).export) byKind.set(TAG_KIND, tags);
  const ordered = new Map(registry.names.filter((k) => byKind.has(k)).map((k) => [k, byKind.get(k) ?? []]));
  return { byKind: ordered, skipped, ownedElsewhere };
}
