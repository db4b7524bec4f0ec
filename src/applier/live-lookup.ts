/**
 * The live state indexed once per read, for checks that visit every action of a plan (a saved plan
 * of 10,000 actions looked each one up in every live object).
 */
import type { LiveResource, LiveState } from '../model/index.js';

export interface LiveLookup {
  /** First live object with this id (any kind), as a scan in read order finds it. */
  withId(id: string | undefined): LiveResource | undefined;
  byId(kind: string, id: string | undefined): LiveResource | undefined;
  byName(kind: string, name: string): LiveResource | undefined;
  hasTag(name: string): boolean;
}

export function liveLookup(live: LiveState): LiveLookup {
  const ids = new Map<string, LiveResource>();
  const kindIds = new Map<string, LiveResource>();
  const names = new Map<string, LiveResource>();
  // NOTE: the first of several wins everywhere, as `find` did.
  const first = <T>(map: Map<string, T>, key: string, value: T): void => {
    if (!map.has(key)) map.set(key, value);
  };
  for (const r of live.resources) {
    first(ids, r.live.id, r);
    first(kindIds, `${r.kind}\0${r.live.id}`, r);
    first(names, `${r.kind}\0${r.name}`, r);
  }
  const tags = new Set(live.tags.map((t) => t.name));
  return {
    withId: (id) => (id === undefined ? undefined : ids.get(id)),
    byId: (kind, id) => (id === undefined ? undefined : kindIds.get(`${kind}\0${id}`)),
    byName: (kind, name) => names.get(`${kind}\0${name}`),
    hasTag: (name) => tags.has(name),
  };
}
