/**
 * Where each exported object goes: one manifest per kind (`sources.yaml`, ...), or with `--split
 * pipelines` one file per pipeline (`pipelines/<slug>.yaml`) holding it and whatever only it uses
 * (its source, destination and transforms); shared objects stay in their kind's file. Paths are
 * relative to the output directory, `/`-separated, built from slugs only.
 */
import { registry } from '../kinds/registry.js';
import { resourceKey, type LiveResource, type ResourceKey, type ResourceKind } from '../model/index.js';
import type { Selected } from './select.js';
import { uniqueSlugs } from './slug.js';

export interface Layout {
  /** The manifest file of each object. */
  readonly fileOf: ReadonlyMap<ResourceKey, string>;
  /** The slug of each object, unique within its kind: names the files made for it. */
  readonly slugOf: ReadonlyMap<ResourceKey, string>;
}

function kindFile(kind: ResourceKind): string {
  return `${registry.get(kind).manifest.key}.yaml`;
}

function slugs(selected: Selected): Map<ResourceKey, string> {
  const out = new Map<ResourceKey, string>();
  for (const [kind, objects] of selected.byKind) {
    const byName = uniqueSlugs(objects.map((o) => o.name));
    for (const o of objects) out.set(resourceKey(kind, o.name), byName.get(o.name) ?? 'unnamed');
  }
  return out;
}

/** The one split file that uses each referenced object, when exactly one does. */
function soleUsers(splitObjects: readonly LiveResource[], splitFile: (o: LiveResource) => string) {
  const users = new Map<ResourceKey, Set<string>>();
  for (const o of splitObjects) {
    for (const ref of registry.referencesOf(o)) {
      const key = resourceKey(ref.kind, ref.name);
      users.set(key, (users.get(key) ?? new Set()).add(splitFile(o)));
    }
  }
  const out = new Map<ResourceKey, string>();
  for (const [key, files] of users) if (files.size === 1) out.set(key, [...files][0] ?? '');
  return out;
}

export function layOut(selected: Selected, split: ResourceKind | undefined): Layout {
  const slugOf = slugs(selected);
  const fileOf = new Map<ResourceKey, string>();
  const splitObjects = split === undefined ? [] : (selected.byKind.get(split) ?? []);
  const splitFile = (o: LiveResource): string =>
    `${registry.get(o.kind).manifest.key}/${slugOf.get(resourceKey(o.kind, o.name)) ?? 'unnamed'}.yaml`;
  const sole = soleUsers(splitObjects, splitFile);
  for (const [kind, objects] of selected.byKind) {
    for (const o of objects) {
      const key = resourceKey(kind, o.name);
      fileOf.set(key, kind === split ? splitFile(o) : (sole.get(key) ?? kindFile(kind)));
    }
  }
  return { fileOf, slugOf };
}
