import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors/index.js';
import { retryLine, type RetryNotice } from '../../src/api/retry-notice.js';
import type { ApiClient } from '../../src/api/types.js';
import { BASE, CLIENT_ID, CLIENT_SECRET, FakeAuth, caught, testClient, useMsw } from './fake-api.js';

const server = useMsw();

interface Stored {
  id: string;
  name: string;
}

/**
 * A stateful /sources: POST stores the object, then fails as told (`lose` the response with a
 * dropped connection, or answer 504) for the next `failures` calls.
 */
function mountSources(failure: 'lose' | '504' | '429' | '500-before', failures = 1) {
  const auth = new FakeAuth();
  const store: Stored[] = [];
  const counts = { posts: 0, lookups: 0 };
  let left = failures;
  server.use(
    ...auth.handlers(),
    http.post(`${BASE}/sources`, async ({ request }) => {
      counts.posts += 1;
      const body = (await request.json()) as { name: string };
      if (failure === '429' && left > 0) {
        left -= 1;
        return HttpResponse.json({ detail: 'Too many requests' }, { status: 429 });
      }
      if (failure === '500-before' && left > 0) {
        left -= 1;
        return HttpResponse.json({ detail: 'Internal Server Error' }, { status: 500 });
      }
      if (store.some((s) => s.name === body.name)) {
        return HttpResponse.json({ detail: `Source ${body.name} already exists` }, { status: 422 });
      }
      const created = { id: `id-${store.length + 1}`, name: body.name };
      store.push(created);
      if (left > 0) {
        left -= 1;
        return failure === 'lose'
          ? HttpResponse.error()
          : new HttpResponse('<html>504</html>', { status: 504 });
      }
      return HttpResponse.json(created);
    }),
    http.get(`${BASE}/sources`, ({ request }) => {
      counts.lookups += 1;
      const partial = new URL(request.url).searchParams.get('partial_name') ?? '';
      const result = store.filter((s) => s.name.includes(partial));
      return HttpResponse.json({ result, page: 1, page_size: 100, total: result.length, has_next: false });
    }),
  );
  return { store, counts };
}

/** The lookup the applier passes: list by partial name, compare exactly. */
function lookupByName(client: ApiClient, name: string) {
  return async () => {
    const items = (await client.listAll('/sources', { partial_name: name })) as Stored[];
    return items.find((s) => s.name === name);
  };
}

describe('POST create retries', () => {
  it('finds the object after a lost response instead of creating a duplicate', async () => {
    const { store, counts } = mountSources('lose');
    const { client } = testClient();
    const created = await client.request('POST', '/sources', {
      body: { name: 'orders-db' },
      lookupAfterFailure: lookupByName(client, 'orders-db'),
    });
    expect(created).toEqual({ id: 'id-1', name: 'orders-db' });
    expect(store).toHaveLength(1);
    expect(counts).toEqual({ posts: 1, lookups: 1 });
  });

  it('finds the object after a 504 that landed', async () => {
    const { store } = mountSources('504');
    const { client } = testClient();
    const created = await client.request('POST', '/sources', {
      body: { name: 'orders-db' },
      lookupAfterFailure: lookupByName(client, 'orders-db'),
    });
    expect(created).toEqual({ id: 'id-1', name: 'orders-db' });
    expect(store).toHaveLength(1);
  });

  it('resends when the lookup shows the first attempt did not land', async () => {
    const auth = new FakeAuth();
    let posts = 0;
    server.use(
      ...auth.handlers(),
      http.post(`${BASE}/sources`, () => {
        posts += 1;
        return posts === 1 ? HttpResponse.error() : HttpResponse.json({ id: 'id-9', name: 'x' });
      }),
    );
    const { client } = testClient();
    let lookups = 0;
    const created = await client.request('POST', '/sources', {
      body: { name: 'x' },
      lookupAfterFailure: async () => {
        lookups += 1;
        return undefined;
      },
    });
    expect(created).toEqual({ id: 'id-9', name: 'x' });
    expect({ posts, lookups }).toEqual({ posts: 2, lookups: 1 });
  });

  it('resends a POST answered with a plain 500 once the lookup shows nothing was created', async () => {
    const { store, counts } = mountSources('500-before');
    const notices: RetryNotice[] = [];
    const { client } = testClient({ onRetry: (n) => notices.push(n) });
    const created = await client.request('POST', '/sources', {
      body: { name: 'orders-db' },
      lookupAfterFailure: lookupByName(client, 'orders-db'),
    });
    expect(created).toEqual({ id: 'id-1', name: 'orders-db' });
    expect(store).toHaveLength(1);
    expect(counts).toEqual({ posts: 2, lookups: 1 });
    expect(notices.map(retryLine)).toEqual([
      'retrying POST /sources in 10ms if a lookup shows it did not land (HTTP 500, attempt 2 of 4)',
    ]);
  });

  it('never resends a POST that may have landed when no lookup is given', async () => {
    const { store, counts } = mountSources('lose');
    const { client } = testClient();
    const error = (await caught(() =>
      client.request('POST', '/sources', { body: { name: 'a' } }),
    )) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toMatch(
      /^POST \/sources -> network error: .*not resent because the request may have been carried out$/,
    );
    expect(error.hint).toMatch(/whether the object was created/);
    expect(store).toHaveLength(1);
    expect(counts.posts).toBe(1);
  });

  it('resends a POST refused with 429 without a lookup', async () => {
    const { store, counts } = mountSources('429');
    const { client, sleeps } = testClient();
    await client.request('POST', '/sources', { body: { name: 'b' } });
    expect(store).toHaveLength(1);
    expect(counts).toEqual({ posts: 2, lookups: 0 });
    expect(sleeps).toHaveLength(1);
  });

  it('resends a POST whose connection was refused (it never left)', async () => {
    let calls = 0;
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    const fakeFetch = async (url: string, init: RequestInit): Promise<Response> => {
      calls += 1;
      if (url.endsWith('/auth/access-token')) {
        expect(JSON.parse(String(init.body))).toEqual({ client_id: CLIENT_ID, secret: CLIENT_SECRET });
        return Response.json({ accessToken: 'tok-PLANTED', refreshToken: 'r', expiresIn: 3600 });
      }
      if (calls === 2) throw refused;
      return Response.json({ id: 'id-1' });
    };
    const { client } = testClient({ fetch: fakeFetch });
    await expect(client.request('POST', '/sources', { body: { name: 'c' } })).resolves.toEqual({
      id: 'id-1',
    });
    expect(calls).toBe(3);
  });
});

describe('POSTs that create nothing', () => {
  it('retries the token exchange like a GET', async () => {
    const auth = new FakeAuth();
    let exchanges = 0;
    server.use(
      http.post(`${BASE}/auth/access-token`, () => {
        exchanges += 1;
        return exchanges === 1 ? HttpResponse.error() : undefined;
      }),
      ...auth.handlers(),
      http.get(`${BASE}/tags`, () => HttpResponse.json({ tags: [] })),
    );
    const { client } = testClient();
    await expect(client.request('GET', '/tags')).resolves.toEqual({ tags: [] });
    expect(exchanges).toBe(2);
    expect(auth.exchanges).toBe(1);
  });

  it('resends an idempotent POST after a 503 without a lookup', async () => {
    const auth = new FakeAuth();
    let calls = 0;
    server.use(
      ...auth.handlers(),
      http.post(`${BASE}/tags/search`, () => {
        calls += 1;
        return calls === 1 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ tags: [] });
      }),
    );
    const { client } = testClient();
    const body = { tag_ids: ['a'] };
    await expect(client.request('POST', '/tags/search', { body, idempotent: true })).resolves.toEqual({
      tags: [],
    });
    expect(calls).toBe(2);
  });

  it('reports a failed lookup together with the original failure', async () => {
    mountSources('504');
    const { client } = testClient();
    const error = (await caught(() =>
      client.request('POST', '/sources', {
        body: { name: 'z' },
        lookupAfterFailure: () => Promise.reject(new Error('list failed')),
      }),
    )) as ApiError;
    expect(error.message).toBe(
      'POST /sources -> HTTP 504 (non-JSON body: <html>504</html>); checking whether it had landed failed too: list failed',
    );
    expect(error.hint).toMatch(/whether the object was created/);
  });

  it("keeps the POST's status when its lookup fails with another one (the lookup's is in the message)", async () => {
    const auth = new FakeAuth();
    let lists = 0;
    server.use(
      ...auth.handlers(),
      http.post(`${BASE}/sources`, () => HttpResponse.json({ detail: 'Bad Gateway' }, { status: 502 })),
      http.get(`${BASE}/sources`, () => {
        lists += 1;
        return HttpResponse.json({ detail: 'Internal Server Error' }, { status: 500 });
      }),
    );
    const { client } = testClient({ maxAttempts: 3 });
    const error = (await caught(() =>
      client.request('POST', '/sources', {
        body: { name: 'z' },
        lookupAfterFailure: lookupByName(client, 'z'),
      }),
    )) as ApiError;
    expect(error.status).toBe(502);
    expect(error.method).toBe('POST');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(
      'POST /sources -> HTTP 502: Bad Gateway; checking whether it had landed failed too: ' +
        'GET /sources -> HTTP 500 after 3 attempts: Internal Server Error',
    );
    expect((error.cause as ApiError).status).toBe(500);
    expect(lists).toBe(3);
  });
});
