import type { FieldChange, JsonValue, LiveResource } from '../../model/index.js';
import type { DiffContext } from '../context.js';
import { sameSet } from '../rules/sets.js';
import { effectiveTags, liveTagNames } from '../rules/tags.js';

/** What a per-kind differ returns for a matched pair. */
export interface KindDiff {
  readonly changes: FieldChange[];
  /** Set when the change can only be made by delete + create (rule 13). */
  readonly replaceReason?: string;
  /** Set when an in-place update loses something live (a source stops capturing tables). */
  readonly destructiveReason?: string;
}

interface Taggable {
  readonly tags?: readonly string[] | undefined;
  readonly protected: boolean;
}

/** The `tags` change of a matched pair, compared as a set (rules 6, 7). */
export function tagChange(desired: Taggable, live: LiveResource, ctx: DiffContext): FieldChange | undefined {
  const liveTags = 'tags' in live ? live.tags : undefined;
  const after = effectiveTags(desired.tags, liveTags, ctx.namespace, desired.protected, ctx.adoptFrom);
  const before = liveTagNames(liveTags);
  return sameSet(before, after) ? undefined : { path: 'tags', before, after };
}

/** The `tags` a create writes. */
export function createTagChange(desired: Taggable, ctx: DiffContext): FieldChange {
  return { path: 'tags', after: effectiveTags(desired.tags, undefined, ctx.namespace, desired.protected) };
}

/** Live extra config: the model's field, falling back to the loader's LiveMeta copy. */
export function liveExtraConfig(live: LiveResource): Readonly<Record<string, JsonValue>> {
  const own = 'extraConfig' in live ? live.extraConfig : undefined;
  const meta = live.live.extraConfig;
  if (own === undefined || Object.keys(own).length === 0) return meta;
  return Object.keys(meta).length === 0 ? own : { ...meta, ...own };
}

export function byPath(a: FieldChange, b: FieldChange): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
