/**
 * What the client tells its caller before each retry, and the one line the CLI prints for it, so a
 * slow run against a struggling API is never silent.
 */
import type { AttemptOutcome } from './transport.js';

export interface RetryNotice {
  readonly method: string;
  /** The path as shown in errors: ids kept, no query string, secrets masked. */
  readonly path: string;
  /** Why the last attempt failed: `HTTP 500`, `network error`, `no response within 30s`. */
  readonly reason: string;
  /** The wait before the next attempt (Retry-After or the backoff schedule). */
  readonly delayMs: number;
  /** The attempt about to be made (2 for the first retry) and the most there will be. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** A create that may have landed: it is resent only if the lookup finds nothing. */
  readonly afterLookup: boolean;
}

/** `1.5s`, `2s`, `250ms`: the delay as a person reads it. */
function formatDelay(ms: number): string {
  if (ms < 100) return `${Math.round(ms)}ms`;
  return `${Number((ms / 1000).toFixed(1))}s`;
}

/** The reason part of a notice: never the server's words (they may hold secrets) nor a URL. */
export function retryReason(outcome: AttemptOutcome): string {
  if (outcome.kind === 'response') return `HTTP ${outcome.status}`;
  if (outcome.kind === 'timeout') return `no response within ${formatDelay(outcome.timeoutMs)}`;
  return 'network error';
}

/** `retrying GET /sources in 2s (HTTP 500, attempt 2 of 5)`. */
export function retryLine(n: RetryNotice): string {
  const unless = n.afterLookup ? ' if a lookup shows it did not land' : '';
  return `retrying ${n.method} ${n.path} in ${formatDelay(n.delayMs)}${unless} (${n.reason}, attempt ${n.attempt} of ${n.maxAttempts})`;
}
