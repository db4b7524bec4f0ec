import type { LiveResource, LiveState, LiveTag, ResourceKind } from '../model/index.js';
import type { LiveIndex } from './rules/identity.js';

type RefKind = 'source' | 'destination' | 'transform';

/** The live state indexed by kind and name once, so planning stays linear in the resource count. */
export interface PlanLiveIndex extends LiveIndex {
  readonly all: readonly LiveResource[];
  tag(name: string): LiveTag | undefined;
  tagResource(name: string): LiveResource | undefined;
  /** Live pipelines whose source, destination or transforms reference this live name. */
  pipelinesReferencing(kind: RefKind, name: string): readonly LiveResource[];
  isLoaded(kind: ResourceKind): boolean;
}

function pipelineRefs(p: LiveResource): [RefKind, string][] {
  if (p.kind !== 'pipeline') return [];
  const refs: [RefKind, string][] = [
    ['source', p.source],
    ['destination', p.destination],
  ];
  for (const t of p.transforms) refs.push(['transform', t.name]);
  return refs;
}

export function indexLive(live: LiveState): PlanLiveIndex {
  const byKey = new Map<string, LiveResource>();
  for (const r of live.resources) {
    const key = `${r.kind}/${r.name}`;
    if (!byKey.has(key)) byKey.set(key, r);
  }
  const duplicates = new Set(live.duplicates.map((d) => `${d.kind}/${d.name}`));
  const tags = new Map(live.tags.map((t) => [t.name, t]));
  const referencing = new Map<string, LiveResource[]>();
  for (const r of live.resources) {
    for (const [kind, name] of pipelineRefs(r)) {
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
    pipelinesReferencing: (kind, name) => referencing.get(`${kind}/${name}`) ?? [],
    isLoaded: (kind) => loaded.has(kind),
  };
}
