/** What every way of building a LiveState shares: tags read, names by id, duplicates, assembly. */
import { registry, TAG_KIND } from '../kinds/registry.js';
import type { LiveDuplicate, LiveResource, LiveState, LiveTag, ResourceKind } from '../model/index.js';
import { TAGS_PATH } from './fetch-lists.js';
import { readTag } from './kinds/tag.js';
import type { Problems } from './problems.js';

export function findDuplicates(
  resources: readonly { kind: ResourceKind; name: string; id: string }[],
): LiveDuplicate[] {
  const groups = new Map<string, { kind: ResourceKind; name: string; ids: string[] }>();
  for (const r of resources) {
    const key = `${r.kind}/${r.name}`;
    const g = groups.get(key) ?? { kind: r.kind, name: r.name, ids: [] };
    g.ids.push(r.id);
    groups.set(key, g);
  }
  return [...groups.values()].filter((g) => g.ids.length > 1);
}

export function namesById(resources: readonly LiveResource[]): Map<string, string> {
  return new Map(resources.map((r) => [r.live.id, r.name]));
}

export interface TagRead {
  readonly tags: LiveTag[];
  readonly raws: Map<string, unknown>;
}

export function readTags(rows: readonly unknown[], problems: Problems): TagRead {
  const out: TagRead = { tags: [], raws: new Map() };
  for (const raw of rows) {
    const r = readTag(raw);
    if (r.value) {
      out.tags.push(r.value);
      out.raws.set(r.value.id, raw);
    } else if (r.problems) problems.add(TAG_KIND, raw, TAGS_PATH, r.problems);
  }
  return out;
}

export const NO_NAMES: ReadonlyMap<string, string> = new Map();

export function assemble(
  loadedKinds: readonly ResourceKind[],
  byKind: ReadonlyMap<ResourceKind, readonly LiveResource[]>,
  tags: TagRead,
): LiveState {
  const resources = loadedKinds.flatMap((k) => byKind.get(k) ?? []);
  const fromTags = (k: ResourceKind): boolean => 'fromAccountTags' in registry.get(k).live;
  const duplicates = [
    ...findDuplicates(
      resources.filter((r) => !fromTags(r.kind)).map((r) => ({ kind: r.kind, name: r.name, id: r.live.id })),
    ),
    // NOTE: tag names are checked over every tag (system ones too): a name held twice cannot be
    // resolved to one id, so the planner must not write it.
    ...loadedKinds
      .filter(fromTags)
      .flatMap((kind) => findDuplicates(tags.tags.map((t) => ({ kind, name: t.name, id: t.id })))),
  ];
  return { resources, tags: tags.tags, duplicates, loadedKinds };
}
