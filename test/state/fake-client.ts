/**
 * A small stateful fake of the ApiClient for state tests: serves hand-written API-shaped objects
 * (api-notes §2.1 list envelope paged by 100, api-notes §3.4 `{"tags": [...]}`) and records every call.
 */
import type { ApiClient, HttpMethod, Query, RequestOptions } from '../../src/api/types.js';

export interface FakeData {
  readonly sources?: readonly unknown[];
  readonly destinations?: readonly unknown[];
  readonly transforms?: readonly unknown[];
  readonly pipelines?: readonly unknown[];
  readonly tags?: readonly unknown[];
}

export interface FakeClient extends ApiClient {
  readonly calls: { method: HttpMethod; path: string; query: Query }[];
}

const PAGE = 100;

export function fakeClient(data: FakeData): FakeClient {
  const calls: FakeClient['calls'] = [];
  const stats = { requests: 0, retries: 0 };
  const lists: Record<string, readonly unknown[]> = {
    '/sources': data.sources ?? [],
    '/destinations': data.destinations ?? [],
    '/transforms': data.transforms ?? [],
    '/pipelines': data.pipelines ?? [],
  };
  const page = (path: string, query: Query): unknown => {
    const items = lists[path];
    if (!items) throw new Error(`fake client: no list at ${path}`);
    const n = Number(query.page ?? 1);
    return {
      result: items.slice((n - 1) * PAGE, n * PAGE),
      page: n,
      page_size: PAGE,
      total: items.length,
      has_next: null,
    };
  };
  const request = async (method: HttpMethod, path: string, options?: RequestOptions): Promise<unknown> => {
    stats.requests += 1;
    calls.push({ method, path, query: options?.query ?? {} });
    if (method === 'GET' && path === '/tags') return { tags: data.tags ?? [] };
    if (method === 'GET') return page(path, options?.query ?? {});
    throw new Error(`fake client: unexpected ${method} ${path}`);
  };
  return {
    calls,
    stats,
    request,
    async listAll(path: string, query: Query = {}): Promise<unknown[]> {
      const out: unknown[] = [];
      for (let n = 1; ; n += 1) {
        const body = (await request('GET', path, { query: { ...query, page: n, page_size: PAGE } })) as {
          result: unknown[];
        };
        out.push(...body.result);
        if (body.result.length < PAGE) return out;
      }
    },
    maskValues(): void {},
    async close(): Promise<void> {},
  };
}

/** 24-hex ids that read well in tests: oid(1) = "000000000000000000000001". */
export function oid(n: number): string {
  return n.toString(16).padStart(24, '0');
}
