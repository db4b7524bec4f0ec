/**
 * onResponse and onToken: what the client tells doctor about each response (status, Date header,
 * arrival time) and each token (lifetime, refresh time), and never a token or a body.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, type ResponseFacts, type TokenFacts } from '../../src/api/index.js';
import { startEmulatorServer, type EmulatorServer } from '../../src/emulator/index.js';
import { silentLogger } from '../../src/logging/logger.js';

let server: EmulatorServer;
let clock = Date.parse('2026-03-01T12:00:00Z');

beforeAll(async () => {
  server = await startEmulatorServer({ port: 0, now: () => clock, clientSecret: 'observer-secret-1' });
});
afterAll(() => server.close());
beforeEach(() => {
  server.emulator.reset();
});

function observed(refreshMarginMs?: number) {
  const responses: ResponseFacts[] = [];
  const tokens: TokenFacts[] = [];
  const client = createApiClient(
    {
      baseUrl: server.url,
      clientId: server.clientId,
      clientSecret: server.clientSecret,
      now: () => clock,
      onResponse: (f) => responses.push(f),
      onToken: (f) => tokens.push(f),
      ...(refreshMarginMs === undefined ? {} : { refreshMarginMs }),
    },
    silentLogger(),
  );
  return { client, responses, tokens };
}

describe('client observers', () => {
  it("tell every response's status, path and Date header, and when it arrived on the client's clock", async () => {
    server.emulator.configure({ clockSkewSeconds: 90 });
    const { client, responses } = observed();
    await client.request('GET', '/tags');
    await client.request('GET', '/sources/ffffffffffffffffffffffff', { absentOn: [404] });
    expect(responses.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /auth/access-token 200',
      'GET /tags 200',
      'GET /sources/ffffffffffffffffffffffff 200',
    ]);
    for (const r of responses) {
      expect(r.receivedAt).toBe(clock);
      // The Date header has whole seconds: the emulator's clock plus the skew.
      expect(Date.parse(r.date ?? '')).toBe(clock + 90_000);
    }
    await client.close();
  });

  it('tell each token: its lifetime and where it came from, and when the client will renew it', async () => {
    server.emulator.configure({ tokenLifetimeSeconds: 600 });
    const { client, tokens } = observed(120_000);
    await client.request('GET', '/tags');
    expect(tokens).toEqual([
      {
        via: 'exchange',
        lifetimeMs: 600_000,
        lifetimeFrom: 'expiresIn',
        refreshToken: true,
        obtainedAt: clock,
        // min(120 s, 10 % of 600 s) before expiry.
        refreshAt: clock + 540_000,
      },
    ]);
    clock += 545_000;
    await client.request('GET', '/tags');
    expect(tokens.map((t) => t.via)).toEqual(['exchange', 'refresh']);
    expect(JSON.stringify(tokens)).not.toMatch(/eyJ|access|Bearer/i);
    await client.close();
  });
});
