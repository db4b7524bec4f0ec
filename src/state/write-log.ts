/**
 * What an apply's writes did to the account, as the API answered them: the object each create or
 * update returned (writes return the bare object, api-notes §3) and the ids deleted. The post-apply
 * check rebuilds the live state from these and the state read before the apply
 * (after-writes.ts), instead of listing every kind again.
 */
import type { ApiClient, HttpMethod, RequestOptions } from '../api/types.js';
import { registry } from '../kinds/registry.js';
import type { ResourceKind } from '../model/index.js';

export interface WriteLog {
  /** The last object a write of this id returned, per kind, in the order the writes finished. */
  readonly echoes: ReadonlyMap<ResourceKind, ReadonlyMap<string, unknown>>;
  readonly deleted: ReadonlySet<string>;
  /**
   * Kinds to list again: a write whose answer does not show the object (a transform's code, its
   * deploy; an answer without an id) or that failed (the server may have acted on it).
   */
  readonly relist: ReadonlySet<ResourceKind>;
}

/** Kinds whose objects a write answer does not hold whole (a transform's code lives apart). */
const ALWAYS_RELIST: ReadonlySet<string> = new Set(['transform']);

function kindOfPath(path: string): { kind: ResourceKind; rest: string } | undefined {
  for (const kind of registry.applyOrder) {
    const live = registry.get(kind).live;
    if (!('list' in live)) continue;
    const base = live.list.path;
    if (path === base || path.startsWith(`${base}/`)) return { kind, rest: path.slice(base.length) };
  }
  return undefined;
}

function idOfEcho(body: unknown): string | undefined {
  const id = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['id'] : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** `client` with every write recorded in the returned log; reads pass through untouched. */
export function recordWrites(client: ApiClient): { client: ApiClient; log: WriteLog } {
  const echoes = new Map<ResourceKind, Map<string, unknown>>();
  const deleted = new Set<string>();
  const relist = new Set<ResourceKind>();
  const record = (method: HttpMethod, path: string, options: RequestOptions, body: unknown): void => {
    const target = kindOfPath(path);
    if (target === undefined) return; // tags and the rest: the check reads the tags anyway
    const { kind, rest } = target;
    if (method === 'DELETE') {
      const id = rest === '' ? options.query?.['id'] : rest.slice(1);
      if (typeof id === 'string' && !rest.slice(1).includes('/')) {
        deleted.add(id);
        echoes.get(kind)?.delete(id);
      } else relist.add(kind);
      return;
    }
    const id = idOfEcho(body);
    const whole = rest === '' || !rest.slice(1).includes('/');
    if (ALWAYS_RELIST.has(kind) || !whole || id === undefined) relist.add(kind);
    else {
      const byId = echoes.get(kind) ?? new Map<string, unknown>();
      byId.delete(id); // re-inserted last: the latest answer wins
      byId.set(id, body);
      echoes.set(kind, byId);
      deleted.delete(id);
    }
  };
  const wrapped: ApiClient = {
    async request(method, path, options = {}) {
      if (method === 'GET') return client.request(method, path, options);
      try {
        const body = await client.request(method, path, options);
        record(method, path, options, body);
        return body;
      } catch (error) {
        const target = kindOfPath(path);
        if (target !== undefined) relist.add(target.kind);
        throw error;
      }
    },
    listAll: (path, query) => client.listAll(path, query),
    maskValues: (values) => client.maskValues(values),
    get stats() {
      return client.stats;
    },
    close: () => client.close(),
  };
  return { client: wrapped, log: { echoes, deleted, relist } };
}
