/**
 * The parts of undici the client uses, imported file by file. NOTE: undici's index loads all of
 * undici (fetch, WebSocket, caches, mock agents, ...), and its cookie module reads
 * globalThis.Headers, which makes Node load its own bundled copy of undici too; the client needs
 * neither. The paths are those of the pinned undici version (package.json).
 */
import type { Dispatcher } from 'undici';
import AgentClass from 'undici/lib/dispatcher/agent.js';
import DispatcherClass from 'undici/lib/dispatcher/dispatcher.js';
import EnvHttpProxyAgentClass from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import api from 'undici/lib/api/index.js';

// As undici's index does: request, connect, ... are methods of every dispatcher (the proxy agent
// calls connect on its own).
Object.assign(DispatcherClass.prototype, api);

export const Agent = AgentClass;
export const EnvHttpProxyAgent = EnvHttpProxyAgentClass;

/** One request on `dispatcher`: undici's `request(url, { dispatcher, ... })` for an absolute URL. */
export function request(
  url: string,
  options: Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { readonly dispatcher: Dispatcher },
): Promise<Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = options;
  const { origin, pathname, search } = new URL(url);
  return dispatcher.request({ ...rest, origin, path: `${pathname}${search}` });
}
