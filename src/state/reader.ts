/** What every per-kind reader shares: its result type and the context it reads in. */
import type { LiveResource } from '../model/index.js';
import type { TagNames } from './kinds/tag.js';

/** A parsed value, or the shape problems that stopped it (never values: they may be secret). */
export type ReadResult<T> =
  | { readonly value: T; readonly problems?: undefined; readonly skipped?: undefined }
  | { readonly value?: undefined; readonly problems: readonly string[]; readonly skipped?: undefined }
  /** Skipped on purpose (e.g. a transform type this version does not know), with a warning. */
  | { readonly value?: undefined; readonly problems?: undefined; readonly skipped: string };

export interface ReadContext {
  readonly tags: TagNames;
  /** Live source/destination/transform names by id, when those kinds were loaded. */
  readonly namesById: {
    readonly source: ReadonlyMap<string, string>;
    readonly destination: ReadonlyMap<string, string>;
    readonly transform: ReadonlyMap<string, string>;
  };
  warn(message: string): void;
}

export type ResourceReader = (raw: unknown, ctx: ReadContext) => ReadResult<LiveResource>;
