import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors/index.js';
import { BASE, FakeAuth, caught, testClient, unauthorised, useMsw } from './fake-api.js';

const server = useMsw();

function mountItems(auth: FakeAuth, seen: { headers: Headers[] } = { headers: [] }): void {
  server.use(
    ...auth.handlers(),
    http.get(`${BASE}/sources`, ({ request }) => {
      seen.headers.push(request.headers);
      if (!auth.authorised(request)) return unauthorised();
      return HttpResponse.json({ result: [], page: 1, page_size: 100, total: 0, has_next: false });
    }),
  );
}

describe('token exchange', () => {
  it('exchanges credentials without an Authorization header and sends Bearer + JSON headers after', async () => {
    const auth = new FakeAuth();
    const seen = { headers: [] as Headers[] };
    mountItems(auth, seen);
    const { client } = testClient();
    await client.request('GET', '/sources');
    expect(auth.exchanges).toBe(1);
    expect(auth.lastExchangeAuthHeader).toBeNull();
    const headers = seen.headers[0];
    expect(headers?.get('authorization')).toBe('Bearer access-token-PLANTED-1');
    expect(headers?.get('content-type')).toBe('application/json');
    expect(headers?.get('accept')).toBe('application/json');
    expect(client.stats.requests).toBe(2);
  });

  it('shares one exchange between concurrent first calls', async () => {
    const auth = new FakeAuth();
    mountItems(auth);
    const { client } = testClient();
    await Promise.all(Array.from({ length: 8 }, () => client.request('GET', '/sources')));
    expect(auth.exchanges).toBe(1);
  });

  it('reports bad credentials with a hint naming the variables', async () => {
    const auth = new FakeAuth();
    mountItems(auth);
    const { client } = testClient({ clientSecret: 'wrong-secret' });
    const error = await caught(() => client.request('GET', '/sources'));
    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError;
    expect(api.status).toBe(401);
    expect(api.path).toBe('/auth/access-token');
    expect(api.hint).toMatch(/STREAMKAP_CLIENT_ID and STREAMKAP_CLIENT_SECRET/);
    expect(api.message).not.toContain('wrong-secret');
  });
});

describe('proactive refresh', () => {
  it('refreshes before expiry and always uses the newest refresh token', async () => {
    const auth = new FakeAuth();
    auth.expiresIn = 100;
    mountItems(auth);
    let now = 1_000_000;
    auth.now = () => now;
    const { client } = testClient({ now: () => now });
    await client.request('GET', '/sources');
    now += 85_000; // 15 s left: more than min(60 s, 10 % of 100 s) = 10 s, no refresh yet
    await client.request('GET', '/sources');
    expect(auth.refreshed).toBe(0);
    now += 6_000; // 9 s left
    await client.request('GET', '/sources');
    expect(auth.refreshed).toBe(1);
    expect(auth.lastRefreshBody).toEqual({ refresh_token: 'refresh-token-PLANTED-1' });
    now += 95_000;
    await client.request('GET', '/sources');
    expect(auth.refreshed).toBe(2);
    expect(auth.lastRefreshBody).toEqual({ refresh_token: 'refresh-token-PLANTED-2' });
    expect(auth.exchanges).toBe(1);
  });

  it('takes the lifetime from `expires` when `expiresIn` is missing', async () => {
    const auth = new FakeAuth();
    auth.expiresIn = 100;
    auth.omitExpiresIn = true;
    mountItems(auth);
    let now = Date.UTC(2026, 0, 1);
    auth.now = () => now;
    const { client } = testClient({ now: () => now });
    await client.request('GET', '/sources');
    now += 85_000; // 15 s left of 100 s: no refresh yet
    await client.request('GET', '/sources');
    expect(auth.refreshed).toBe(0);
    now += 6_000; // 9 s left
    await client.request('GET', '/sources');
    expect(auth.refreshed).toBe(1);
  });
});

describe('401 handling', () => {
  it('refreshes once on a 401 and replays the call', async () => {
    const auth = new FakeAuth();
    const seen = { headers: [] as Headers[] };
    mountItems(auth, seen);
    const { client } = testClient();
    await client.request('GET', '/sources');
    auth.revokeAll(); // server-side expiry the client could not foresee
    await expect(client.request('GET', '/sources')).resolves.toMatchObject({ result: [] });
    expect(auth.refreshed).toBe(1);
    expect(seen.headers.map((h) => h.get('authorization'))).toEqual([
      'Bearer access-token-PLANTED-1',
      'Bearer access-token-PLANTED-1',
      'Bearer access-token-PLANTED-2',
    ]);
  });

  it('falls back to a full exchange when the refresh is rejected', async () => {
    const auth = new FakeAuth();
    mountItems(auth);
    const { client } = testClient();
    await client.request('GET', '/sources');
    auth.revokeAll();
    auth.refreshRejected = true;
    await client.request('GET', '/sources');
    expect(auth.exchanges).toBe(2);
  });

  it('turns a second 401 into a credentials error', async () => {
    const auth = new FakeAuth();
    let calls = 0;
    server.use(
      ...auth.handlers(),
      http.get(`${BASE}/sources`, () => {
        calls += 1;
        return unauthorised();
      }),
    );
    const { client } = testClient();
    const error = (await caught(() => client.request('GET', '/sources'))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
    expect(error.message).toContain('GET /sources -> HTTP 401');
    expect(error.message).toContain('rejected again after renewing the access token');
    expect(error.hint).toMatch(/STREAMKAP_CLIENT_ID and STREAMKAP_CLIENT_SECRET/);
    expect(calls).toBe(2);
    expect(auth.refreshed).toBe(1);
  });
});
