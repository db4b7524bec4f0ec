import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors/index.js';
import { BASE, FakeAuth, caught, testClient, useMsw } from './fake-api.js';

const server = useMsw();

interface ListOptions {
  /** What `total` reports: the truth, a fixed (wrong) number, or null. */
  total?: 'true' | 'null' | number;
  /** The server clamps page_size to this. */
  clamp?: number;
}

/** A paged /sources over `n` items; records every page requested. */
function mountList(n: number, options: ListOptions = {}) {
  const items = Array.from({ length: n }, (_, i) => ({ id: `id-${i}`, name: `source-${i}` }));
  const requested: Array<{ page: number; pageSize: number; partial: string | null }> = [];
  server.use(
    ...new FakeAuth().handlers(),
    http.get(`${BASE}/sources`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      const page = Number(params.get('page') ?? '1');
      const pageSize = Math.min(Number(params.get('page_size') ?? '10'), options.clamp ?? 100);
      requested.push({
        page,
        pageSize: Number(params.get('page_size')),
        partial: params.get('partial_name'),
      });
      const result = items.slice((page - 1) * pageSize, page * pageSize);
      const total = options.total === 'null' ? null : typeof options.total === 'number' ? options.total : n;
      return HttpResponse.json({ result, page, page_size: pageSize, total, has_next: null });
    }),
  );
  return { items, requested };
}

describe('listAll', () => {
  it('sends page_size=100, passes filters through and stops on the short page', async () => {
    const { items, requested } = mountList(250);
    const { client } = testClient();
    const all = await client.listAll('/sources', { partial_name: 'source' });
    expect(all).toEqual(items);
    expect(requested.map((r) => r.page).sort((a, b) => a - b)).toEqual([1, 2, 3]);
    expect(requested.every((r) => r.pageSize === 100 && r.partial === 'source')).toBe(true);
  });

  it('sends the configured page size (STREAMKAP_PAGE_SIZE) and ends on a page shorter than it', async () => {
    const { items, requested } = mountList(95);
    const { client } = testClient({ pageSize: 40 });
    expect(await client.listAll('/sources')).toEqual(items);
    expect(requested.map((r) => r.page).sort((a, b) => a - b)).toEqual([1, 2, 3]);
    expect(requested.every((r) => r.pageSize === 40)).toBe(true);
  });

  it('asks for one more page when the last page is exactly full', async () => {
    const { requested } = mountList(200);
    const { client } = testClient();
    expect(await client.listAll('/sources')).toHaveLength(200);
    expect(requested.map((r) => r.page).sort((a, b) => a - b)).toEqual([1, 2, 3]);
  });

  it('stops after one request for a short first page', async () => {
    const { requested } = mountList(7);
    const { client } = testClient();
    expect(await client.listAll('/sources')).toHaveLength(7);
    expect(requested).toHaveLength(1);
  });

  it('keeps paging past a total that is too small', async () => {
    const { items } = mountList(730, { total: 120 });
    const { client } = testClient();
    expect(await client.listAll('/sources')).toEqual(items);
  });

  it('stops on the short page even when total promises more', async () => {
    const { items, requested } = mountList(150, { total: 900 });
    const { client } = testClient();
    expect(await client.listAll('/sources')).toEqual(items);
    expect(requested.length).toBeLessThanOrEqual(10);
  });

  it('pages without total or has_next, over-fetching at most a few pages', async () => {
    const { items, requested } = mountList(2050, { total: 'null' });
    const { client } = testClient();
    expect(await client.listAll('/sources')).toEqual(items);
    expect(requested.length).toBeGreaterThanOrEqual(21);
    expect(requested.length).toBeLessThanOrEqual(21 + 8);
  });

  it('follows a server that clamps page_size below 100', async () => {
    const { items } = mountList(230, { clamp: 50 });
    const { client } = testClient();
    expect(await client.listAll('/sources')).toEqual(items);
  });

  it('lists 10,000 items with at most ceil(N/100) + 10 requests, auth included', async () => {
    const { items } = mountList(10_000);
    const { client } = testClient();
    const all = await client.listAll('/sources');
    expect(all).toHaveLength(10_000);
    expect(all[9999]).toEqual(items[9999]);
    expect(client.stats.requests).toBeLessThanOrEqual(100 + 10);
    expect(client.stats.requests).toBe(1 + 101);
  });

  it('keeps an item shifted into the next page once, but every per-topic row of one transform', async () => {
    const pageOf = (page: number): unknown[] => {
      if (page === 1) return Array.from({ length: 100 }, (_, i) => ({ id: `s-${i}` }));
      // An insert shifted s-99 onto page 2; t-1 is listed one row per topic (no unwind_topics=false).
      return [
        { id: 's-99' },
        { id: 't-1', topic: 'public.orders', topic_id: 'source_a.public.orders' },
        { id: 't-1', topic: 'public.customers', topic_id: 'source_a.public.customers' },
      ];
    };
    const fetchPage = async (url: string): Promise<Response> => {
      if (url.endsWith('/auth/access-token')) return Response.json({ accessToken: 'tok', expiresIn: 3600 });
      const page = Number(new URL(url).searchParams.get('page'));
      return Response.json({ result: pageOf(page), page, page_size: 100, total: null, has_next: null });
    };
    const { client } = testClient({ fetch: fetchPage });
    const all = (await client.listAll('/transforms')) as Array<{ id: string; topic?: string }>;
    expect(all.filter((r) => r.id === 's-99')).toHaveLength(1);
    expect(all.filter((r) => r.id === 't-1').map((r) => r.topic)).toEqual([
      'public.orders',
      'public.customers',
    ]);
    expect(all).toHaveLength(102);
  });

  it('fails loudly past 1000 pages', async () => {
    // NOTE: an injected fetch instead of msw keeps these 1000 round trips cheap.
    const pages: number[] = [];
    const endless = async (url: string): Promise<Response> => {
      if (url.endsWith('/auth/access-token')) return Response.json({ accessToken: 'tok', expiresIn: 3600 });
      const page = Number(new URL(url).searchParams.get('page'));
      pages.push(page);
      const result = Array.from({ length: 100 }, (_, i) => ({ id: `e-${page}-${i}` }));
      return Response.json({ result, page, page_size: 100, total: null, has_next: true });
    };
    const { client } = testClient({ fetch: endless, concurrency: 64 });
    const error = (await caught(() => client.listAll('/sources'))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('GET /sources: more than 1000 pages of 100; stopped listing');
    expect(Math.max(...pages)).toBe(1000);
    expect(pages).toHaveLength(1000);
  });

  it('rejects a body that is not a list envelope', async () => {
    server.use(
      ...new FakeAuth().handlers(),
      http.get(`${BASE}/sources`, () => HttpResponse.json({ tags: [] })),
    );
    const { client } = testClient();
    const error = (await caught(() => client.listAll('/sources'))) as ApiError;
    expect(error.message).toMatch(/no "result" list/);
  });
});
