import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../helpers/fake-clock.js';
import { sourceBody, startHarness, type Harness } from './helpers.js';

let h: Harness;
// Latency and token lifetimes run on a virtual clock: what the emulator waits for is recorded, not waited.
const clock = new FakeClock();
beforeAll(async () => {
  h = await startHarness({ seed: 7, now: clock.now, sleep: clock.sleep });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control('POST', '/reset');
  await h.login();
});

const faults = (body: unknown) => h.control('POST', '/faults', body);

describe('emulator fault knobs', () => {
  it('adds latency (fixed + jitter) to API calls but not to control calls', async () => {
    await faults({ latencyMs: 25, jitterMs: 5 });
    clock.sleeps.length = 0;
    await h.control('GET', '/stats');
    expect(clock.sleeps).toEqual([]);
    await h.call('GET', '/sources');
    await h.call('GET', '/sources');
    expect(clock.sleeps).toHaveLength(2);
    for (const ms of clock.sleeps) expect(ms >= 25 && ms <= 30, `${ms} ms`).toBe(true);
  });

  it('answers random 500/502/503/504 with string details (Kafka Connect text included) at errorRate 1', async () => {
    await faults({ errorRate: 1 });
    const statuses = new Set<number>();
    const details: string[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await h.call('GET', '/sources');
      statuses.add(r.status);
      details.push(r.body.detail);
      expect(r.headers.get('x-request-id')).toBeTruthy();
    }
    expect([...statuses].sort()).toEqual([500, 502, 503, 504]);
    expect(details.every((d) => typeof d === 'string')).toBe(true);
    expect(details.some((d) => d.includes('Kafka Connect'))).toBe(true);
  });

  it('replays the same fault pattern for the same seed', async () => {
    const pattern = async (): Promise<number[]> => {
      const x = await startHarness({ seed: 99 });
      x.server.emulator.configure({ errorRate: 0.5 });
      try {
        const out: number[] = [];
        for (let i = 0; i < 12; i++) out.push((await x.call('GET', '/tags')).status);
        return out;
      } finally {
        await x.close();
      }
    };
    const a = await pattern();
    expect(a).toEqual(await pattern());
    expect(new Set(a).size).toBeGreaterThan(1);
  });

  it('answers 429 with Retry-After, or without it when retryAfterSeconds is null', async () => {
    await faults({ rateLimitRate: 1, retryAfterSeconds: 2 });
    const withHeader = await h.call('GET', '/sources');
    expect(withHeader.status).toBe(429);
    expect(withHeader.headers.get('retry-after')).toBe('2');
    await faults({ retryAfterSeconds: null });
    const without = await h.call('GET', '/sources');
    expect(without.status).toBe(429);
    expect(without.headers.get('retry-after')).toBeNull();
  });

  it('answers HTML 502/504 pages with Content-Type text/html', async () => {
    await faults({ htmlErrorRate: 1 });
    const r = await h.call('GET', '/pipelines');
    expect([502, 504]).toContain(r.status);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.text).toMatch(/^<html>/);
  });

  it('scopes knobs to a method and route with rules', async () => {
    await faults({ rules: [{ method: 'GET', path: '/sources/{id}', errorRate: 1 }] });
    expect((await h.call('GET', '/sources')).status).toBe(200);
    expect((await h.call('GET', '/sources/ffffffffffffffffffffffff')).status).toBeGreaterThanOrEqual(500);
  });

  it('commit-then-fail: applies the write, then answers 504', async () => {
    await faults({ commitThenFailRate: 1 });
    const r = await h.call('POST', '/sources', sourceBody('landed'));
    expect(r.status).toBe(504);
    await faults({ commitThenFailRate: 0 });
    expect((await h.call('GET', '/sources?partial_name=landed')).body.total).toBe(1);
  });

  it('commit-then-fail: applies the write, then drops the connection', async () => {
    await faults({ commitThenFailRate: 1, commitThenFailMode: 'drop' });
    await expect(h.call('POST', '/sources', sourceBody('dropped'))).rejects.toThrow();
    await faults({ commitThenFailRate: 0 });
    expect((await h.call('GET', '/sources?partial_name=dropped')).body.total).toBe(1);
  });

  it('scripted one-shots fail the next N matching calls, then stop', async () => {
    await faults({ oneShots: [{ method: 'GET', path: '/sources', count: 2, status: 503 }] });
    expect((await h.call('GET', '/pipelines')).status).toBe(200);
    expect((await h.call('GET', '/sources')).status).toBe(503);
    expect((await h.call('GET', '/sources')).status).toBe(503);
    expect((await h.call('GET', '/sources')).status).toBe(200);
    expect((await h.control('GET', '/faults')).body.oneShots).toEqual([]);
  });

  it('one-shots can answer HTML, 429 with Retry-After, drop, or commit then fail', async () => {
    await faults({
      oneShots: [
        { path: '/tags', count: 1, status: 502, body: 'html' },
        { path: '/tags', count: 1, status: 429, retryAfter: 3 },
        { path: '/tags', count: 1, body: 'drop' },
        { method: 'POST', path: '/sources', count: 1, body: 'commit-then-fail', status: 504 },
      ],
    });
    const html = await h.call('GET', '/tags');
    expect(html.headers.get('content-type')).toContain('text/html');
    const limited = await h.call('GET', '/tags');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
    await expect(h.call('GET', '/tags')).rejects.toThrow();
    expect((await h.call('POST', '/sources', sourceBody('one-shot'))).status).toBe(504);
    expect((await h.call('GET', '/sources?partial_name=one-shot')).body.total).toBe(1);
  });

  it('expires every token now; refresh still works unless refresh rejection is on', async () => {
    const login = await h.raw('POST', '/auth/access-token', {
      client_id: 'emulator-client',
      secret: 'test-secret',
    });
    const expired = await h.control('POST', '/expire-tokens');
    expect(expired.body.expired).toBeGreaterThan(0);
    const r = await h.call('GET', '/sources');
    expect(r.status).toBe(401);
    expect(r.body.detail).toBe('Token has expired. Please re-authenticate.');
    await faults({ rejectRefresh: true });
    expect(
      (await h.raw('POST', '/auth/access-token/refresh', { refresh_token: login.body.refreshToken })).status,
    ).toBe(401);
    await faults({ rejectRefresh: false });
    const refreshed = await h.raw('POST', '/auth/access-token/refresh', {
      refresh_token: login.body.refreshToken,
    });
    expect(refreshed.status).toBe(200);
  });

  it('issues short-lived tokens with a short tokenLifetimeSeconds', async () => {
    await faults({ tokenLifetimeSeconds: 0.01 });
    const t = await h.raw('POST', '/auth/access-token', {
      client_id: 'emulator-client',
      secret: 'test-secret',
    });
    expect(t.body.expiresIn).toBe(0.01);
    const call = () => h.raw('GET', '/sources', undefined, { authorization: `Bearer ${t.body.accessToken}` });
    clock.advance(9);
    expect((await call()).status).toBe(200);
    clock.advance(1);
    expect((await call()).status).toBe(401);
  });

  it('refuses unknown or invalid settings with 400 naming them', async () => {
    const r = await faults({ errorRat: 0.5, latencyMs: -1 });
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain('errorRat');
    expect(r.body.detail).toContain('latencyMs');
    expect((await faults({ oneShots: [{ path: '/sources', status: 503 }] })).status).toBe(400);
    expect((await faults({ rules: [{ path: '/sources', errorRate: 3 }] })).status).toBe(400);
  });

  it('restores the start-up settings with DELETE /__emulator/faults', async () => {
    await faults({ errorRate: 1 });
    const restored = await h.control('DELETE', '/faults');
    expect(restored.body.errorRate).toBe(0);
    expect((await h.call('GET', '/sources')).status).toBe(200);
  });
});
