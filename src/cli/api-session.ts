import { createApiClient, resolveApiConfig, type ApiClient } from '../api/index.js';
import type { CommandContext } from './context.js';
import type { ApiCliOptions } from './flags.js';

/**
 * The run's API client, from the command's environment and flags, logging through the run's
 * logger. The caller closes it (`await client.close()`) when done. Run-side only: this module
 * loads the API client (undici), so command registration must not import it.
 */
export function openApiClient(ctx: CommandContext, opts: ApiCliOptions): ApiClient {
  const config = resolveApiConfig(ctx.io.env, {
    apiUrl: opts.apiUrl,
    timeoutMs: opts.timeout,
    maxRetries: opts.maxRetries,
    concurrency: opts.concurrency,
  });
  return createApiClient(config, ctx.logger());
}
