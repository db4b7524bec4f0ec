/**
 * The client against the real emulator over HTTP on 127.0.0.1 (no msw): the faults the emulator
 * injects are the ones the client must survive.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, getOne, type ApiClientConfig } from '../../src/api/index.js';
import type { ApiClient } from '../../src/api/types.js';
import { startEmulatorServer, type EmulatorServer } from '../../src/emulator/index.js';
import { ApiError } from '../../src/errors/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import { caught } from './fake-api.js';

let server: EmulatorServer;
let clock = Date.parse('2026-01-01T00:00:00Z');
/** Injected latency the emulator holds until released: a reply that cannot come in time, no clock. */
const HOLD_MS = 999_999;
const held: (() => void)[] = [];

beforeAll(async () => {
  server = await startEmulatorServer({
    port: 0,
    host: '127.0.0.1',
    now: () => clock,
    sleep: (ms) => (ms === HOLD_MS ? new Promise((resolve) => held.push(resolve)) : Promise.resolve()),
  });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.emulator.reset();
  server.emulator.configure({ oneShots: [], tokenLifetimeSeconds: 3600 });
});

function client(overrides: Partial<ApiClientConfig> = {}): { client: ApiClient; sleeps: number[] } {
  const sleeps: number[] = [];
  const api = createApiClient(
    {
      baseUrl: server.url,
      clientId: server.clientId,
      clientSecret: server.clientSecret,
      maxAttempts: 3,
      backoff: { initialMs: 1, maxMs: 4, jitter: false },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      now: () => clock,
      ...overrides,
    },
    silentLogger(),
  );
  return { client: api, sleeps };
}

const SOURCE = {
  name: 'orders-db',
  connector: 'postgresql',
  config: { 'database.hostname.user.defined': 'db.internal', 'database.password': 'pw-PLANTED' },
  created_from: 'api',
};

async function findSource(api: ApiClient, name: string): Promise<unknown> {
  const items = (await api.listAll('/sources', { partial_name: name })) as Array<{ name: string }>;
  return items.find((s) => s.name === name);
}

describe('client against the emulator', () => {
  it('creates once when the emulator commits the POST and then drops the connection', async () => {
    server.emulator.configure({
      oneShots: [{ method: 'POST', path: '/sources', count: 1, body: 'commit-then-drop' }],
    });
    const { client: api } = client();
    const created = (await api.request('POST', '/sources', {
      query: { secret_returned: true, wait: false },
      body: SOURCE,
      lookupAfterFailure: () => findSource(api, SOURCE.name),
    })) as { id: string; name: string };
    expect(created.name).toBe('orders-db');
    const all = await api.listAll('/sources');
    expect(all).toHaveLength(1);
    await api.close();
  });

  it('waits as told by a 429 Retry-After from the emulator', async () => {
    server.emulator.configure({
      oneShots: [{ method: 'GET', path: '/sources', count: 1, status: 429, retryAfter: 2 }],
    });
    const { client: api, sleeps } = client();
    await expect(api.listAll('/sources')).resolves.toEqual([]);
    expect(sleeps).toEqual([2000]);
    await api.close();
  });

  it('times out a reply that does not come and reports it after its attempts', async () => {
    server.emulator.configure({ rules: [{ method: 'GET', path: '/sources', latencyMs: HOLD_MS }] });
    const { client: api } = client({ maxAttempts: 2 });
    try {
      await api.request('GET', '/tags'); // the token, under the default timeout
      const error = (await caught(() => api.request('GET', '/sources', { timeoutMs: 30 }))) as ApiError;
      expect(error.message).toBe('GET /sources -> no response within 30 ms after 2 attempts');
    } finally {
      server.emulator.configure({ rules: [] });
      for (const release of held.splice(0)) release();
      await api.close();
    }
  });

  it('refreshes short-lived tokens before they expire and keeps working across rotations', async () => {
    server.emulator.configure({ tokenLifetimeSeconds: 30 });
    const { client: api } = client();
    for (let i = 0; i < 5; i += 1) {
      await api.listAll('/sources');
      clock += 28_000; // beyond the 10 % margin of a 30 s token each time
    }
    expect(api.stats.retries).toBe(0);
    // One exchange, five lists and a refresh before each of the last four.
    expect(api.stats.requests).toBe(1 + 5 + 4);
    await api.close();
  });

  it('recovers with a refresh and a replay when a token expired unnoticed', async () => {
    server.emulator.configure({ tokenLifetimeSeconds: 30 });
    // The client's clock stands still, so it cannot see the expiry coming.
    const frozen = clock;
    const { client: api } = client({ now: () => frozen });
    await api.listAll('/sources');
    clock += 31_000;
    await expect(api.listAll('/sources')).resolves.toEqual([]);
    expect(api.stats.retries).toBe(1);
    await api.close();
  });

  it('maps a deleted id to absent and reports a duplicate name with its hint', async () => {
    const { client: api } = client();
    const created = (await api.request('POST', '/sources', { query: { wait: false }, body: SOURCE })) as {
      id: string;
    };
    await expect(getOne(api, `/sources/${created.id}`)).resolves.toMatchObject({ id: created.id });
    const duplicate = (await caught(() =>
      api.request('POST', '/sources', { query: { wait: false }, body: SOURCE }),
    )) as ApiError;
    expect(duplicate).toBeInstanceOf(ApiError);
    expect(duplicate.status).toBe(422);
    expect(duplicate.message).toMatch(/already exists/);
    expect(duplicate.requestId).toBeTruthy();
    expect(duplicate.message).not.toContain('pw-PLANTED');
    await api.request('DELETE', `/sources/${created.id}`, { query: { wait: false } });
    await expect(getOne(api, `/sources/${created.id}`)).resolves.toBeUndefined();
    await api.close();
  });
});
