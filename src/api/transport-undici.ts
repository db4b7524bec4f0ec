import type { Dispatcher } from 'undici';
import { request } from './undici-parts.js';
import { exchangeOnce, type Transport } from './transport.js';

/**
 * The default transport: undici's `request` on the client's keep-alive Agent (or proxy agent).
 * NOTE: chosen over fetch for its cost per request (no WHATWG Request/Response/stream objects) and
 * because it spares loading Node's bundled fetch; redirects are not followed (the API sends none).
 */
export function undiciTransport(dispatcher: Dispatcher): Transport {
  return (attempt) =>
    exchangeOnce(attempt, async (signal) => {
      const response = await request(attempt.url, {
        method: attempt.method as Dispatcher.HttpMethod,
        headers: attempt.headers,
        body: attempt.body ?? null,
        signal,
        dispatcher,
      });
      const text = await response.body.text();
      const header = (name: string): string | undefined => {
        const value = response.headers[name];
        return Array.isArray(value) ? value.join(', ') : value;
      };
      return { status: response.statusCode, header, text };
    });
}
