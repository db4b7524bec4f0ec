/**
 * The Streamkap API client: the only module that talks HTTP (and imports undici).
 */
export { createApiClient, buildUrl } from './client.js';
export {
  resolveApiConfig,
  proxyFromEnv,
  DEFAULT_API_URL,
  DEFAULTS as API_DEFAULTS,
  type ApiClientConfig,
  type ApiFlags,
  type BackoffConfig,
  type FetchLike,
  type ProxyConfig,
} from './config.js';
export { createDispatcher, type DispatcherChoice } from './dispatcher.js';
export { getOne } from './get-one.js';
export { PAGE_SIZE, MAX_PAGES } from './paging.js';
export { TRANSIENT_PATTERNS, isTransientDetail } from './api-error.js';
export { collectSecretStrings, isSecretKey, scrubSecrets, scrubText } from './scrub.js';
export type * from './types.js';
