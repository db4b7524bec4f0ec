import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createApiClient, type ApiClientConfig, type FetchLike } from '../../src/api/index.js';
import type { ApiClient } from '../../src/api/types.js';
import { silentLogger, type Logger } from '../../src/logging/logger.js';

export const BASE = 'https://api.test.local';
export const CLIENT_ID = 'client-id-1';
export const CLIENT_SECRET = 'client-secret-PLANTED-9f8e7d';

/** Token bookkeeping of the fake auth endpoints. */
export class FakeAuth {
  issued = 0;
  refreshed = 0;
  exchanges = 0;
  /** Tokens the resource handlers accept. */
  readonly valid = new Set<string>();
  expiresIn = 3600;
  /** Answer with `expires` only, as a server that leaves `expiresIn` out would. */
  omitExpiresIn = false;
  /** The clock `expires` is computed from: give it the client's when a test moves time. */
  now: () => number = Date.now;
  refreshRejected = false;
  lastExchangeAuthHeader: string | null = null;
  lastRefreshBody: unknown;
  #refreshTokens = new Set<string>();

  #issue(): Record<string, unknown> {
    this.issued += 1;
    const accessToken = `access-token-PLANTED-${this.issued}`;
    const refreshToken = `refresh-token-PLANTED-${this.issued}`;
    this.valid.add(accessToken);
    this.#refreshTokens.add(refreshToken);
    return {
      accessToken,
      refreshToken,
      expires: new Date(this.now() + this.expiresIn * 1000).toISOString(),
      ...(this.omitExpiresIn ? {} : { expiresIn: this.expiresIn }),
    };
  }

  revokeAll(): void {
    this.valid.clear();
  }

  handlers(): HttpHandler[] {
    return [
      http.post(`${BASE}/auth/access-token`, async ({ request }) => {
        this.exchanges += 1;
        this.lastExchangeAuthHeader = request.headers.get('authorization');
        const body = (await request.json()) as { client_id?: string; secret?: string };
        if (body.client_id !== CLIENT_ID || body.secret !== CLIENT_SECRET) {
          return HttpResponse.json({ detail: 'Invalid client credentials' }, { status: 401 });
        }
        return HttpResponse.json(this.#issue());
      }),
      http.post(`${BASE}/auth/access-token/refresh`, async ({ request }) => {
        const body = (await request.json()) as { refresh_token?: string };
        this.lastRefreshBody = body;
        if (this.refreshRejected || !this.#refreshTokens.has(body.refresh_token ?? '')) {
          return HttpResponse.json({ detail: 'Invalid refresh token' }, { status: 401 });
        }
        this.refreshed += 1;
        return HttpResponse.json(this.#issue());
      }),
    ];
  }

  /** True when the request carries a currently valid bearer token. */
  authorised(request: Request): boolean {
    const header = request.headers.get('authorization') ?? '';
    return header.startsWith('Bearer ') && this.valid.has(header.slice('Bearer '.length));
  }
}

export const unauthorised = (): Response =>
  HttpResponse.json({ detail: 'Token has expired. Please re-authenticate.' }, { status: 401 });

/** Starts one msw server for the file, failing on any unexpected request. */
export function useMsw(): SetupServer {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/**
 * Global fetch, looked up at each call (msw patches it in `listen`). NOTE: the client's default
 * transport is undici's `request`, which msw does not intercept: msw-based tests must pass this.
 */
export const globalFetch: FetchLike = (input, init) => fetch(input, init);

/** A client over msw (global fetch) with millisecond-free retries: `sleeps` records every requested wait. */
export function testClient(
  overrides: Partial<ApiClientConfig> = {},
  logger: Logger = silentLogger(),
): { client: ApiClient; sleeps: number[] } {
  const sleeps: number[] = [];
  const client = createApiClient(
    {
      baseUrl: BASE,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      fetch: globalFetch,
      maxAttempts: 4,
      backoff: { initialMs: 10, factor: 2, maxMs: 80, jitter: false },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...overrides,
    },
    logger,
  );
  return { client, sleeps };
}

/** Runs `fn` and returns what it threw (fails the test if it did not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the call succeeded');
}
