import {
  createApiClient,
  resolveApiConfig,
  retryLine,
  type ApiClient,
  type ApiClientConfig,
} from '../api/index.js';
import type { LogLevel } from '../logging/logger.js';
import { printable } from '../render/printable.js';
import type { CommandContext } from './context.js';
import type { ApiCliOptions } from './flags.js';

/** Levels at which a retry line is printed: the default (warn) and every more verbose one. */
const RETRY_LINE_LEVELS: ReadonlySet<LogLevel> = new Set(['warn', 'info', 'debug', 'trace']);

/**
 * The run's API client, from the command's environment and flags, logging through the run's
 * logger. The caller closes it (`await client.close()`) when done. Run-side only: this module
 * loads the API client (undici), so command registration must not import it. `extra` adds client
 * options no flag sets (doctor's observers).
 * NOTE: each retry is a plain line on stderr, like apply's progress lines (a JSON log line would not
 * be read by a person watching a slow run); `--log-level error` and quieter hide it.
 */
export function openApiClient(
  ctx: CommandContext,
  opts: ApiCliOptions,
  extra: Partial<Pick<ApiClientConfig, 'onResponse' | 'onToken'>> = {},
): ApiClient {
  const config = resolveApiConfig(ctx.io.env, {
    apiUrl: opts.apiUrl,
    timeoutMs: opts.timeout,
    maxRetries: opts.maxRetries,
    concurrency: opts.concurrency,
  });
  const { clock, stderr } = ctx.io;
  const showRetries = RETRY_LINE_LEVELS.has(ctx.globals().logLevel);
  return createApiClient(
    {
      ...config,
      // Backoff waits on the run's clock: a virtual one in tests, so retries cost no real time.
      ...(clock ? { sleep: (ms: number) => clock.sleep(ms) } : {}),
      ...(showRetries ? { onRetry: (n) => stderr.write(`${printable(retryLine(n))}\n`) } : {}),
      ...extra,
    },
    ctx.logger(),
  );
}
