/**
 * The peers' HTTP side, as lean as a client gets: undici's `request` over a keep-alive pool, one
 * token, JSON bodies parsed as the peers parse them. Failures throw: a baseline that silently
 * skipped requests would flatter itself.
 */
import { Agent, request } from 'undici';

export interface BaselineApi {
  get(path: string): Promise<unknown>;
  send(method: 'POST' | 'PUT', path: string, body: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function openBaselineApi(
  url: string,
  credentials: { clientId: string; clientSecret: string },
  connections: number,
): Promise<BaselineApi> {
  const dispatcher = new Agent({ connections, keepAliveTimeout: 30_000 });
  let token = '';
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await request(`${url}${path}`, {
      method: method as 'GET',
      dispatcher,
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.body.text();
    if (response.statusCode >= 300) {
      throw new Error(`baseline ${method} ${path} -> ${response.statusCode}: ${text.slice(0, 300)}`);
    }
    return JSON.parse(text) as unknown;
  };
  const auth = (await call('POST', '/auth/access-token', {
    client_id: credentials.clientId,
    secret: credentials.clientSecret,
  })) as { accessToken: string };
  token = auth.accessToken;
  return {
    get: (path) => call('GET', path),
    send: (method, path, body) => call(method, path, body),
    close: () => dispatcher.close(),
  };
}

/** Runs `task` over `items` with at most `limit` in flight (items in order). */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
