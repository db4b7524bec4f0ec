import type { LiveResource, LiveState, LiveTag, Resource, ResourceKind } from '../model/index.js';
import type { LiveIndex } from './rules/identity.js';

/** The live state indexed by kind and name once, so planning stays linear in the resource count. */
export interface PlanLiveIndex extends LiveIndex {
  readonly all: readonly LiveResource[];
  tag(name: string): LiveTag | undefined;
  tagResource(name: string): LiveResource | undefined;
  /** Live objects that refer to the live object of this kind and name (pipelines using a source). */
  referrers(kind: ResourceKind, name: string): readonly LiveResource[];
  isLoaded(kind: ResourceKind): boolean;
}

/** What an object refers to, by kind and name (the kind registry's references). */
export type ReferencesOf = (resource: Resource) => readonly { kind: ResourceKind; name: string }[];

export function indexLive(live: LiveState, referencesOf: ReferencesOf): PlanLiveIndex {
  const byKey = new Map<string, LiveResource>();
  for (const r of live.resources) {
    const key = `${r.kind}/${r.name}`;
    if (!byKey.has(key)) byKey.set(key, r);
  }
  const duplicates = new Set(live.duplicates.map((d) => `${d.kind}/${d.name}`));
  const tags = new Map(live.tags.map((t) => [t.name, t]));
  const referencing = new Map<string, LiveResource[]>();
  for (const r of live.resources) {
    for (const { kind, name } of referencesOf(r)) {
      const key = `${kind}/${name}`;
      const list = referencing.get(key) ?? [];
      if (!list.includes(r)) list.push(r);
      referencing.set(key, list);
    }
  }
  const loaded = new Set(live.loadedKinds);
  return {
    all: live.resources,
    byName: (kind, name) => byKey.get(`${kind}/${name}`),
    isDuplicate: (kind, name) => duplicates.has(`${kind}/${name}`),
    tag: (name) => tags.get(name),
    tagResource: (name) => byKey.get(`tag/${name}`),
    referrers: (kind, name) => referencing.get(`${kind}/${name}`) ?? [],
    isLoaded: (kind) => loaded.has(kind),
  };
}
