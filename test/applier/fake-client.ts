import type { ApiClient, HttpMethod, RequestOptions } from '../../src/api/types.js';
import type { LiveResource, LiveState, LiveTag, Plan, PlanAction } from '../../src/model/index.js';

export interface Call {
  readonly method: HttpMethod;
  readonly path: string;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
  readonly options: RequestOptions;
}

type Responder = (call: Call) => unknown;

/**
 * Records every request and answers with the first matching responder (`METHOD /path` prefix
 * match), or with an object carrying a generated id for writes.
 */
export function recordingClient(responders: Record<string, Responder> = {}): ApiClient & { calls: Call[] } {
  const calls: Call[] = [];
  let seq = 0;
  const client = {
    calls,
    stats: { requests: 0, retries: 0 },
    maskValues(): void {},
    async request(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<unknown> {
      const call: Call = { method, path, query: { ...(options.query ?? {}) }, body: options.body, options };
      calls.push(call);
      client.stats.requests++;
      const key = Object.keys(responders)
        .filter((k) => `${method} ${path}`.startsWith(k))
        .sort((a, b) => b.length - a.length)[0];
      if (key) return (responders[key] as Responder)(call);
      if (method === 'POST' || method === 'PUT') return { id: `id${String(++seq).padStart(22, '0')}` };
      return {};
    },
    async listAll(path: string, query?: Record<string, unknown>): Promise<unknown[]> {
      const res = await client.request('GET', path, query ? { query: query as never } : {});
      return Array.isArray(res) ? res : [];
    },
    async close() {},
  };
  return client;
}

export function tag(id: string, name: string): LiveTag {
  return { id, name, description: null, types: ['sources'], system: false, custom: true };
}

export function liveState(resources: LiveResource[] = [], tags: LiveTag[] = []): LiveState {
  return {
    resources,
    tags,
    duplicates: [],
    loadedKinds: ['tag', 'source', 'destination', 'transform', 'pipeline'],
  };
}

export function planOf(actions: PlanAction[]): Plan {
  return {
    formatVersion: 2,
    namespace: 'team',
    managedKinds: ['tag', 'source', 'destination', 'transform', 'pipeline'],
    actions,
    errors: [],
    warnings: [],
    summary: { create: 0, update: 0, replace: 0, delete: 0, noop: 0 },
    destructive: [],
    maxDeletes: 5,
  };
}

export function liveMeta(id: string, extra: Partial<LiveResource['live']> = {}): LiveResource['live'] {
  return { id, fingerprint: `fp-${id}`, tagIds: [], readOnlyConfig: {}, extraConfig: {}, wire: {}, ...extra };
}
