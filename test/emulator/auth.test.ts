import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../helpers/fake-clock.js';
import { startHarness, type Harness } from './helpers.js';

describe('emulator api-notes §8.1: root paths, bearer auth, token lifetime, refresh', () => {
  let h: Harness;
  // Token lifetimes run on a virtual clock, moved forward by the tests.
  const clock = new FakeClock();
  beforeAll(async () => {
    h = await startHarness({ tokenLifetimeSeconds: 120, now: clock.now });
  });
  beforeEach(() => h.login());
  afterAll(() => h.close());

  it('serves the API at the root, not under /api', async () => {
    expect((await h.call('GET', '/sources')).status).toBe(200);
    expect((await h.call('GET', '/api/sources')).status).toBe(404);
  });

  it('exchanges snake_case credentials for camelCase tokens with the configured expiresIn', async () => {
    const r = await h.raw('POST', '/auth/access-token', {
      client_id: 'emulator-client',
      secret: 'test-secret',
    });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['accessToken', 'expires', 'expiresIn', 'refreshToken']);
    expect(r.body.expiresIn).toBe(120);
    expect(r.body.expires).toBe(new Date(clock.now() + 120_000).toISOString());
  });

  it('rejects wrong credentials with 401 and a string detail that does not echo the secret', async () => {
    const r = await h.raw('POST', '/auth/access-token', {
      client_id: 'emulator-client',
      secret: 'nope-guess',
    });
    expect(r.status).toBe(401);
    expect(typeof r.body.detail).toBe('string');
    expect(r.text).not.toContain('nope-guess');
  });

  it('answers a token request without fields with a Pydantic 422', async () => {
    const r = await h.raw('POST', '/auth/access-token', { client_id: 'emulator-client' });
    expect(r.status).toBe(422);
    expect(r.body.detail[0]).toMatchObject({
      type: 'missing',
      loc: ['body', 'secret'],
      msg: 'Field required',
    });
  });

  it.each([
    ['missing', undefined],
    ['garbage', 'Bearer not-a-token'],
    ['malformed', 'Basic abc'],
  ])('answers 401 with a string detail for a %s token, on GET and DELETE alike', async (_label, auth) => {
    const headers: Record<string, string> = auth ? { authorization: auth } : {};
    for (const method of ['GET', 'DELETE']) {
      const r = await h.raw(method, '/sources/0123456789abcdef01234567', undefined, headers);
      expect(r.status).toBe(401);
      expect(typeof r.body.detail).toBe('string');
    }
  });

  it('answers a token past its lifetime with "Token has expired. Please re-authenticate."', async () => {
    const t = await exchange();
    const get = () => h.raw('GET', '/sources', undefined, { authorization: `Bearer ${t.accessToken}` });
    clock.advance(119_999);
    expect((await get()).status).toBe(200);
    clock.advance(1);
    const r = await get();
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ detail: 'Token has expired. Please re-authenticate.' });
  });

  it('answers a token issued with a zero lifetime as expired at once', async () => {
    const t = await createShortLived(0);
    const r = await h.raw('GET', '/sources', undefined, { authorization: `Bearer ${t.accessToken}` });
    expect(r.body).toEqual({ detail: 'Token has expired. Please re-authenticate.' });
  });

  it('refreshes with {"refresh_token"} and answers the same camelCase fields; the new token works', async () => {
    const t = await exchange();
    clock.advance(120_000);
    const r = await h.raw('POST', '/auth/access-token/refresh', { refresh_token: t.refreshToken });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['accessToken', 'expires', 'expiresIn', 'refreshToken']);
    const ok = await h.raw('GET', '/sources', undefined, { authorization: `Bearer ${r.body.accessToken}` });
    expect(ok.status).toBe(200);
  });

  it('rotates refresh tokens: the old one is refused after use', async () => {
    const t = await createShortLived(60);
    expect(
      (await h.raw('POST', '/auth/access-token/refresh', { refresh_token: t.refreshToken })).status,
    ).toBe(200);
    const again = await h.raw('POST', '/auth/access-token/refresh', { refresh_token: t.refreshToken });
    expect(again.status).toBe(401);
  });

  async function exchange(): Promise<{ accessToken: string; refreshToken: string }> {
    const r = await h.raw('POST', '/auth/access-token', {
      client_id: 'emulator-client',
      secret: 'test-secret',
    });
    return r.body;
  }

  /** Issues a token with a given lifetime by switching the setting around one exchange. */
  async function createShortLived(seconds: number): Promise<{ accessToken: string; refreshToken: string }> {
    await h.control('POST', '/faults', { tokenLifetimeSeconds: seconds });
    const t = await exchange();
    await h.control('POST', '/faults', { tokenLifetimeSeconds: 120 });
    return t;
  }
});

describe('emulator: configured credentials', () => {
  it('accepts a configured client id and secret and refuses the defaults', async () => {
    const h = await startHarness({ clientId: 'ci-client', clientSecret: 'ci-secret' });
    try {
      expect(h.server.clientId).toBe('ci-client');
      const wrong = await h.raw('POST', '/auth/access-token', {
        client_id: 'emulator-client',
        secret: 'ci-secret',
      });
      expect(wrong.status).toBe(401);
    } finally {
      await h.close();
    }
  });
});
