/**
 * The account's objects as the state loader lists them (the kind registry's endpoints and queries,
 * secrets in plaintext), read once and shared by every check that looks at shapes.
 */
import { InternalError } from '../errors/index.js';
import { registry } from '../kinds/registry.js';
import type { ResourceKind } from '../model/index.js';
import type { ReadApi } from './read-api.js';
import type { ListEndpoint } from '../state/reader.js';

/** The kinds listed from an endpoint of their own (tags come from `GET /tags`). */
export type ListedKind = Exclude<ResourceKind, 'tag'>;

export const LISTED_KINDS: readonly ListedKind[] = ['source', 'destination', 'transform', 'pipeline'];

export interface Samples {
  /** Where the state loader lists `kind`. */
  endpoint(kind: ListedKind): ListEndpoint;
  /** Every object of `kind`, as listed. */
  rows(kind: ListedKind): Promise<readonly unknown[]>;
}

export function createSamples(api: ReadApi): Samples {
  const endpoint = (kind: ListedKind): ListEndpoint => {
    const live = registry.get(kind).live;
    // NOTE: every kind but tags registers a list of its own (src/state/kinds/).
    if (!('list' in live)) throw new InternalError(`kind ${kind} has no list endpoint`);
    return live.list;
  };
  return {
    endpoint,
    rows(kind) {
      const { path, query } = endpoint(kind);
      return api.list(path, query);
    },
  };
}

/** A raw row's field, when the row is an object. */
export function field(row: unknown, key: string): unknown {
  return row !== null && typeof row === 'object' && !Array.isArray(row)
    ? (row as Record<string, unknown>)[key]
    : undefined;
}

/** A raw row's `config` object, or an empty one. */
export function configOf(row: unknown): Record<string, unknown> {
  const config = field(row, 'config');
  return config !== null && typeof config === 'object' && !Array.isArray(config)
    ? (config as Record<string, unknown>)
    : {};
}

/** A raw row's name for messages (`"orders-db"`), or its id. */
export function nameOf(row: unknown): string {
  const name = field(row, 'name');
  if (typeof name === 'string' && name !== '') return `"${name}"`;
  const id = field(row, 'id');
  return typeof id === 'string' ? id : '(no name)';
}
