import type { Dispatcher } from 'undici';
import { Agent, EnvHttpProxyAgent } from './undici-parts.js';
import type { ApiClientConfig, ProxyConfig } from './config.js';
import type { Transport } from './transport.js';
import { fetchTransport } from './transport-fetch.js';
import { undiciTransport } from './transport-undici.js';

export interface DispatcherChoice {
  readonly kind: 'direct' | 'proxy';
  readonly dispatcher: Dispatcher;
}

/** Keep-alive pool settings: sockets are reused across the many small calls of a listing. */
const POOL = {
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 120_000,
  connections: 32,
} as const;

/**
 * A keep-alive Agent, or an EnvHttpProxyAgent when a proxy is configured (it honours NO_PROXY).
 * NOTE: the proxy settings are passed explicitly rather than read from process.env, so the CLI's
 * injected environment (tests, embedding) is the one that counts.
 */
export function createDispatcher(proxy: ProxyConfig | undefined): DispatcherChoice {
  if (proxy && (proxy.httpsProxy || proxy.httpProxy)) {
    return {
      kind: 'proxy',
      dispatcher: new EnvHttpProxyAgent({
        ...POOL,
        ...(proxy.httpProxy ? { httpProxy: proxy.httpProxy } : {}),
        ...(proxy.httpsProxy ? { httpsProxy: proxy.httpsProxy } : {}),
        // An empty noProxy keeps undici from falling back to process.env.NO_PROXY.
        noProxy: proxy.noProxy ?? '',
      }),
    };
  }
  return { kind: 'direct', dispatcher: new Agent(POOL) };
}

/**
 * How the client sends: undici's `request` on its own keep-alive pool (or proxy agent) by default;
 * on the caller's dispatcher when given; through an injected fetch when given (msw intercepts only
 * global fetch; an emulator's handler needs no sockets, so no pool is made).
 */
export function openTransport(config: ApiClientConfig): {
  transport: Transport;
  owned: Dispatcher | undefined;
} {
  if (config.fetch) return { transport: fetchTransport(config.fetch, config.dispatcher), owned: undefined };
  if (config.dispatcher) return { transport: undiciTransport(config.dispatcher), owned: undefined };
  const owned = createDispatcher(config.proxy).dispatcher;
  return { transport: undiciTransport(owned), owned };
}
