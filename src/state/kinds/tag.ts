/**
 * Tag reader (api-notes §3.4, §7.6, §7.7). `GET /tags` answers `{"tags": [...]}` (its own
 * envelope, unpaged). Every tag becomes a LiveTag for id ↔ name resolution; only custom (non-system)
 * tags become `tag` resources, since system tags are never managed. `type` comes back in random
 * order, so it is kept as a sorted set. Entities carry tags as ids (or tag objects); `null` = none.
 * A custom tag's description loses its owner marker (model/tag-owner.ts) here: the owner is kept
 * beside it, so nothing downstream compares, shows or exports the marker.
 */
import {
  isLockTag,
  isToolTagName,
  splitTagDescription,
  type LiveResource,
  type LiveTag,
} from '../../model/index.js';
import { ShapeReader, isRecord } from '../parse.js';
import type { AccountTagsLive, ReadResult, TagResolver } from '../reader.js';
import { fingerprintOf } from '../fingerprint.js';

/** The `tags` array of a `GET /tags` response. */
export function tagListFromResponse(body: unknown): readonly unknown[] | string {
  if (isRecord(body) && Array.isArray(body.tags)) return body.tags;
  return 'the response is not {"tags": [...]}';
}

export function readTag(raw: unknown): ReadResult<LiveTag> {
  if (!isRecord(raw)) return { problems: ['not an object'] };
  const r = new ShapeReader(raw);
  const id = r.requiredString('id');
  const name = r.requiredString('name');
  const description = r.optionalString('description') ?? null;
  const types = r.optionalArray('type');
  if (!types.every((t) => typeof t === 'string')) r.problems.push('"type" must be an array of strings');
  // NOTE: a tag that says neither is treated as custom: only system tags are protected from management.
  const system = r.optionalBoolean('system') ?? false;
  const custom = r.optionalBoolean('custom') ?? !system;
  if (r.problems.length > 0) return { problems: r.problems };
  const sorted = [...new Set(types as string[])].sort();
  // NOTE: system tags and the tool's own tags are never owned: their description is kept as read.
  const split = system || isToolTagName(name) ? { description } : splitTagDescription(description);
  const owner = split.owner === undefined ? {} : { owner: split.owner };
  return { value: { id, name, description: split.description, types: sorted, system, custom, ...owner } };
}

/** A custom tag as a `tag` resource of the model. */
export function tagResource(tag: LiveTag, raw: unknown): LiveResource {
  return {
    kind: 'tag',
    name: tag.name,
    description: tag.description,
    types: tag.types,
    live: {
      id: tag.id,
      fingerprint: fingerprintOf(isRecord(raw) ? { ...raw, type: tag.types } : raw),
      tagIds: [],
      readOnlyConfig: {},
      extraConfig: {},
      wire: { system: tag.system, custom: tag.custom },
    },
  };
}

/** Tag resources are the account's custom tags: system tags are never managed. */
export const tagLive: AccountTagsLive = {
  fromAccountTags: (tags, rawOf) =>
    tags.filter((t) => !t.system && !isLockTag(t.name)).map((t) => tagResource(t, rawOf(t.id))),
};

/** Resolves entity tag references to names. Unknown ids keep the id as the name (one warning per id). */
export class TagNames implements TagResolver {
  readonly #byId: ReadonlyMap<string, string>;
  readonly #warned = new Set<string>();

  constructor(
    tags: readonly LiveTag[],
    private readonly warn: (message: string) => void,
  ) {
    this.#byId = new Map(tags.map((t) => [t.id, t.name]));
  }

  /**
   * `tags` as read: `null`/absent → no tags (rule 7); ids or `{id, name}` objects. Returns sorted
   * unique names and the ids as read (the applier echoes ids in write bodies).
   */
  resolve(raw: unknown, owner: string): { names: string[]; ids: string[]; problem?: string } {
    if (raw === null || raw === undefined) return { names: [], ids: [] };
    if (!Array.isArray(raw)) return { names: [], ids: [], problem: '"tags" must be an array or null' };
    const names = new Set<string>();
    const ids: string[] = [];
    for (const item of raw) {
      const id = typeof item === 'string' ? item : isRecord(item) ? item.id : undefined;
      if (typeof id !== 'string' || id === '') {
        return { names: [], ids: [], problem: '"tags" must hold tag ids or tag objects with an id' };
      }
      ids.push(id);
      const embedded = isRecord(item) && typeof item.name === 'string' ? item.name : undefined;
      const name = this.#byId.get(id) ?? embedded;
      if (name === undefined && !this.#warned.has(id)) {
        this.#warned.add(id);
        this.warn(
          `${owner} carries tag id ${id}, which GET /tags does not list; using the id as its name (warned once per id)`,
        );
      }
      names.add(name ?? id);
    }
    return { names: [...names].sort(), ids };
  }
}
