import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors/index.js';
import { retryLine } from '../../src/api/retry-notice.js';
import { BASE, CLIENT_SECRET, FakeAuth, caught, testClient, useMsw } from './fake-api.js';

const server = useMsw();

/** Answers the scripted responses in order, then 200 `{ok: true}`. */
function scripted(
  method: 'get' | 'put' | 'delete',
  path: string,
  script: Array<() => Response | Promise<Response>>,
) {
  const state = { calls: 0 };
  const auth = new FakeAuth();
  server.use(
    ...auth.handlers(),
    http[method](`${BASE}${path}`, async () => {
      const step = script[state.calls];
      state.calls += 1;
      return step ? step() : HttpResponse.json({ ok: true });
    }),
  );
  return state;
}

describe('retries', () => {
  it('honours Retry-After in seconds on a 429', async () => {
    const state = scripted('get', '/sources', [
      () =>
        HttpResponse.json({ detail: 'Too many requests' }, { status: 429, headers: { 'Retry-After': '3' } }),
    ]);
    const { client, sleeps } = testClient();
    await expect(client.request('GET', '/sources')).resolves.toEqual({ ok: true });
    expect(state.calls).toBe(2);
    expect(sleeps).toEqual([3000]);
    expect(client.stats.retries).toBe(1);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    scripted('get', '/sources', [
      () =>
        HttpResponse.json(
          { detail: 'slow down' },
          { status: 429, headers: { 'Retry-After': 'Thu, 01 Jan 2026 00:00:07 GMT' } },
        ),
    ]);
    const { client, sleeps } = testClient({ now: () => now });
    await client.request('GET', '/sources');
    expect(sleeps).toEqual([7000]);
  });

  it('gives up instead of sleeping for a Retry-After beyond the limit', async () => {
    const state = scripted('get', '/sources', [
      () =>
        HttpResponse.json(
          { detail: 'Too many requests' },
          { status: 429, headers: { 'Retry-After': '600' } },
        ),
    ]);
    const { client, sleeps } = testClient({ maxRetryAfterMs: 60_000 });
    const error = (await caught(() => client.request('GET', '/sources'))) as ApiError;
    expect(error.message).toBe('GET /sources -> HTTP 429: Too many requests; the server asked to wait 600 s');
    expect(error.hint).toMatch(/--concurrency/);
    expect(sleeps).toEqual([]);
    expect(state.calls).toBe(1);
  });

  it('backs off exponentially (with a cap) on 502/503/504 and succeeds', async () => {
    const state = scripted('put', '/sources/abc', [
      () => new HttpResponse('bad gateway', { status: 502 }),
      () => new HttpResponse(null, { status: 503 }),
      () => new HttpResponse(null, { status: 504 }),
    ]);
    const { client, sleeps } = testClient({
      backoff: { initialMs: 10, factor: 3, maxMs: 50, jitter: false },
    });
    await expect(client.request('PUT', '/sources/abc', { body: { name: 'x' } })).resolves.toEqual({
      ok: true,
    });
    expect(state.calls).toBe(4);
    expect(sleeps).toEqual([10, 30, 50]);
  });

  it('keeps jittered delays between half and all of the nominal delay', async () => {
    scripted('get', '/sources', [
      () => new HttpResponse(null, { status: 503 }),
      () => new HttpResponse(null, { status: 503 }),
    ]);
    const { client, sleeps } = testClient({
      backoff: { initialMs: 100, factor: 2, maxMs: 1000, jitter: true },
      random: () => 0,
    });
    await client.request('GET', '/sources');
    expect(sleeps).toEqual([50, 100]);
  });

  it('fails clearly once attempts are exhausted, naming the count and the last status', async () => {
    const state = scripted(
      'get',
      '/pipelines',
      Array.from(
        { length: 10 },
        () => () => HttpResponse.json({ detail: 'Service Unavailable' }, { status: 503 }),
      ),
    );
    const { client, sleeps } = testClient({ maxAttempts: 3 });
    const error = (await caught(() => client.request('GET', '/pipelines'))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('GET /pipelines -> HTTP 503 after 3 attempts: Service Unavailable');
    expect(error.status).toBe(503);
    expect(error.retryable).toBe(true);
    expect(state.calls).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it('retries every 5xx on GET, PUT and DELETE, a plain 500 included', async () => {
    const plain500 = () => HttpResponse.json({ detail: 'NoneType has no attribute x' }, { status: 500 });
    const get = scripted('get', '/destinations', [plain500, () => new HttpResponse(null, { status: 501 })]);
    const put = scripted('put', '/sources/abc', [plain500]);
    const del = scripted('delete', '/pipelines/p1', [plain500, plain500]);
    const { client } = testClient();
    await expect(client.request('GET', '/destinations')).resolves.toEqual({ ok: true });
    await expect(client.request('PUT', '/sources/abc', { body: { name: 'x' } })).resolves.toEqual({
      ok: true,
    });
    await expect(client.request('DELETE', '/pipelines/p1')).resolves.toEqual({ ok: true });
    expect([get.calls, put.calls, del.calls]).toEqual([3, 2, 3]);
    expect(client.stats.retries).toBe(5);
  });

  it('reports a 500 that outlasts every attempt, with the count', async () => {
    scripted(
      'get',
      '/destinations',
      Array.from({ length: 5 }, () => () => HttpResponse.json({ detail: 'boom' }, { status: 500 })),
    );
    const { client } = testClient({ maxAttempts: 2 });
    const error = (await caught(() => client.request('GET', '/destinations'))) as ApiError;
    expect(error.message).toBe('GET /destinations -> HTTP 500 after 2 attempts: boom');
    expect(error.retryable).toBe(true);
  });

  it('retries a 409 only in its transient Kafka Connect form', async () => {
    const transient = scripted('put', '/sources/abc', [
      () =>
        HttpResponse.json(
          { detail: 'Kafka Connect API call failed with status code 409: rebalance' },
          { status: 409 },
        ),
    ]);
    const { client } = testClient();
    await client.request('PUT', '/sources/abc', { body: {} });
    expect(transient.calls).toBe(2);

    const conflict = scripted('get', '/pipelines', [
      () => HttpResponse.json({ detail: 'Pipeline orders already exists' }, { status: 409 }),
    ]);
    const error = (await caught(() => client.request('GET', '/pipelines'))) as ApiError;
    expect(error.message).toBe('GET /pipelines -> HTTP 409: Pipeline orders already exists');
    expect(conflict.calls).toBe(1);
  });

  it('tells onRetry before each wait: method, scrubbed path, reason, delay and attempt', async () => {
    scripted('get', `/sources/${CLIENT_SECRET}`, [
      () => HttpResponse.json({ detail: 'boom' }, { status: 500 }),
      () => HttpResponse.json({ detail: 'slow down' }, { status: 429, headers: { 'Retry-After': '2' } }),
      () => HttpResponse.error(),
    ]);
    const lines: string[] = [];
    const { client } = testClient({
      maxAttempts: 5,
      backoff: { initialMs: 1000, factor: 2, maxMs: 30_000, jitter: false },
      onRetry: (n) => lines.push(retryLine(n)),
    });
    await client.request('GET', `/sources/${CLIENT_SECRET}`);
    expect(lines).toEqual([
      'retrying GET /sources/[redacted] in 1s (HTTP 500, attempt 2 of 5)',
      'retrying GET /sources/[redacted] in 2s (HTTP 429, attempt 3 of 5)',
      'retrying GET /sources/[redacted] in 4s (network error, attempt 4 of 5)',
    ]);
  });

  it('does not retry a 4xx', async () => {
    const state = scripted('get', '/sources', [
      () => HttpResponse.json({ detail: 'Forbidden' }, { status: 403 }),
    ]);
    const { client } = testClient();
    const error = (await caught(() => client.request('GET', '/sources'))) as ApiError;
    expect(error.status).toBe(403);
    expect(error.hint).toMatch(/permission/);
    expect(state.calls).toBe(1);
  });

  it('times a slow request out and retries it', async () => {
    // The first answer never comes: only the client's own timeout can end the attempt.
    const state = scripted('get', '/sources', [
      async () => {
        await delay('infinite');
        return HttpResponse.json({ late: true });
      },
    ]);
    const { client, sleeps } = testClient({ timeoutMs: 50 });
    await expect(client.request('GET', '/sources')).resolves.toEqual({ ok: true });
    expect(state.calls).toBe(2);
    expect(sleeps).toHaveLength(1);
  });

  it('reports a request that keeps timing out', async () => {
    scripted(
      'get',
      '/sources',
      Array.from({ length: 5 }, () => async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const { client } = testClient({ timeoutMs: 30, maxAttempts: 2 });
    const error = (await caught(() => client.request('GET', '/sources'))) as ApiError;
    expect(error.message).toBe('GET /sources -> no response within 30 ms after 2 attempts');
    expect(error.hint).toMatch(/--timeout/);
  });

  it('retries network errors on GET', async () => {
    const state = scripted('get', '/sources', [() => HttpResponse.error()]);
    const { client } = testClient();
    await expect(client.request('GET', '/sources')).resolves.toEqual({ ok: true });
    expect(state.calls).toBe(2);
  });

  it('maps absentOn statuses to undefined', async () => {
    scripted('get', '/sources/gone', [() => HttpResponse.json({ detail: 'Not found' }, { status: 404 })]);
    const { client } = testClient();
    await expect(client.request('GET', '/sources/gone', { absentOn: [404] })).resolves.toBeUndefined();
  });
});
