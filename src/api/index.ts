/**
 * The Streamkap API client: the only module that talks HTTP (and imports undici).
 */
export { createApiClient } from './client.js';
export {
  resolveApiConfig,
  type ApiClientConfig,
  type ApiFlags,
  type BackoffConfig,
  type FetchLike,
  type ProxyConfig,
} from './config.js';
export { createDispatcher, type DispatcherChoice } from './dispatcher.js';
export { getOne } from './get-one.js';
export { retryLine } from './retry-notice.js';
export { scrubSecrets, scrubText } from './scrub.js';
export type * from './types.js';
