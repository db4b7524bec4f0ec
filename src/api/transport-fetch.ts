import type { Dispatcher } from 'undici';
import type { FetchLike } from './config.js';
import { exchangeOnce, type Transport } from './transport.js';

/**
 * A transport over a fetch function: global fetch in tests (msw intercepts only global fetch, not
 * undici's own `request`), or an emulator's in-process handler.
 */
export function fetchTransport(fetchFn: FetchLike, dispatcher: Dispatcher | undefined): Transport {
  return (attempt) =>
    exchangeOnce(attempt, async (signal) => {
      // NOTE: an undici 7 dispatcher on Node 20's global fetch needs the cast (TOOLCHAIN.md).
      const init = {
        method: attempt.method,
        headers: attempt.headers,
        signal,
        ...(attempt.body === undefined ? {} : { body: attempt.body }),
        ...(dispatcher ? { dispatcher } : {}),
      } as unknown as RequestInit;
      const response = await fetchFn(attempt.url, init);
      const text = await response.text();
      return { status: response.status, header: (name) => response.headers.get(name) ?? undefined, text };
    });
}
