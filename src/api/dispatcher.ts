import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import type { ProxyConfig } from './config.js';

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
