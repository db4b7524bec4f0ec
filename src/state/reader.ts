/** What every per-kind reader shares: its result type, the context it reads in, and its registration. */
import type { Query } from '../api/types.js';
import type { LiveOf, LiveResource, LiveTag, ResourceKind } from '../model/index.js';

/** A parsed value, or the shape problems that stopped it (never values: they may be secret). */
export type ReadResult<T> =
  | { readonly value: T; readonly problems?: undefined; readonly skipped?: undefined }
  | { readonly value?: undefined; readonly problems: readonly string[]; readonly skipped?: undefined }
  /** Skipped on purpose (e.g. a transform type this version does not know), with a warning. */
  | { readonly value?: undefined; readonly problems?: undefined; readonly skipped: string };

/** Entity tag references to names (kinds/tag.ts, `TagNames`). */
export interface TagResolver {
  /** Sorted unique names and the ids as read, or the shape problem of `raw`. */
  resolve(raw: unknown, owner: string): { names: string[]; ids: string[]; problem?: string };
}

export interface ReadContext {
  readonly tags: TagResolver;
  /**
   * Live names by id of a kind this kind refers to (its registry references), once that kind is
   * read; empty when it was not loaded.
   */
  namesById(kind: ResourceKind): ReadonlyMap<string, string>;
  warn(message: string): void;
  /**
   * false: leave LiveMeta.fingerprint empty ('') instead of hashing every object. Only a plan that
   * is saved, printed as JSON or checked against a saved one (apply --plan) needs them.
   */
  readonly fingerprints?: boolean;
}

export type ResourceReader = (raw: unknown, ctx: ReadContext) => ReadResult<LiveResource>;

/** Where a kind is listed: `GET path?query`, paged by the client. */
export interface ListEndpoint {
  readonly path: string;
  readonly query: Query;
}

/** A kind read from its own list: one list call, then the reader once per row. */
export interface ListedLive<K extends ResourceKind = ResourceKind> {
  readonly list: ListEndpoint;
  /** Regroups the rows before reading (transforms: unwound rows, one per topic, become one). */
  readonly group?: (rows: readonly unknown[]) => unknown[];
  readonly read: (raw: unknown, ctx: ReadContext) => ReadResult<LiveOf<K>>;
}

/**
 * The tag kind: its objects are the account's custom tags, which every load reads anyway (tag ids
 * become names through them), so it needs no list of its own.
 */
export interface AccountTagsLive {
  readonly fromAccountTags: (tags: readonly LiveTag[], rawOf: (id: string) => unknown) => LiveResource[];
}

/** A kind's live-state registration (src/kinds/registry.ts). */
export type KindLive<K extends ResourceKind = ResourceKind> = ListedLive<K> | AccountTagsLive;
