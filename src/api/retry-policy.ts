import { ApiError } from '../errors/index.js';
import { scrubText } from '../logging/scrub.js';
import { detailLines, httpError, isTransientDetail } from './api-error.js';
import { parseRetryAfter } from './backoff.js';
import type { AttemptOutcome } from './transport.js';

/** What a failed attempt allows. */
export interface Verdict {
  readonly retryable: boolean;
  /** The server may have carried out the request (a POST must be looked up before resending). */
  readonly mayHaveLanded: boolean;
  /** Server-requested wait (Retry-After). */
  readonly retryAfterMs: number | undefined;
}

/**
 * Retry rules of api-notes §4.2 for one failed attempt: every 5xx (500 included, as the
 * quickstart does), 408, 429, timeouts and network errors; a 409 only in its transient Kafka Connect
 * form. Whether a POST that may have landed is resent is the client's call (it looks it up first).
 */
export function judge(outcome: AttemptOutcome, now: number, known: Iterable<string>): Verdict {
  if (outcome.kind === 'timeout') return { retryable: true, mayHaveLanded: true, retryAfterMs: undefined };
  if (outcome.kind === 'network') {
    return { retryable: true, mayHaveLanded: !outcome.notSent, retryAfterMs: undefined };
  }
  const retryAfterMs = parseRetryAfter(outcome.retryAfter ?? null, now);
  // NOTE: a 429 means the request was refused before any work, so even a POST may be resent.
  if (outcome.status === 429) return { retryable: true, mayHaveLanded: false, retryAfterMs };
  if (outcome.status >= 500 || outcome.status === 408) {
    return { retryable: true, mayHaveLanded: true, retryAfterMs };
  }
  if (outcome.status === 409) {
    const transient = isTransientDetail(detailLines(outcome.body, known));
    return { retryable: transient, mayHaveLanded: true, retryAfterMs };
  }
  return { retryable: false, mayHaveLanded: false, retryAfterMs: undefined };
}

export interface FailureContext {
  readonly method: string;
  readonly path: string;
  readonly attempts: number;
  readonly knownSecrets: Iterable<string>;
  /** Appended to the message, e.g. why a POST was not resent. */
  readonly note?: string;
  readonly hint?: string;
  readonly retryable: boolean;
}

const NETWORK_HINT =
  'Check the API URL (--api-url or STREAMKAP_API_URL), the network, and proxy settings (HTTPS_PROXY, NO_PROXY).';

/** The ApiError for the last failed attempt. */
export function failureError(outcome: AttemptOutcome, ctx: FailureContext): ApiError {
  const after = ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : '';
  const note = ctx.note ? `; ${ctx.note}` : '';
  if (outcome.kind === 'response') {
    const base = httpError({
      method: ctx.method,
      path: ctx.path,
      status: outcome.status,
      requestId: outcome.requestId,
      body: outcome.body,
      attempts: ctx.attempts,
      retryable: ctx.retryable,
      knownSecrets: ctx.knownSecrets,
    });
    if (!ctx.note && !ctx.hint) return base;
    return new ApiError({
      message: `${base.message}${note}`,
      status: base.status,
      method: base.method,
      path: base.path,
      requestId: base.requestId,
      details: base.details,
      retryable: base.retryable,
      ...((ctx.hint ?? base.hint) ? { hint: ctx.hint ?? base.hint ?? '' } : {}),
    });
  }
  const what =
    outcome.kind === 'timeout'
      ? `no response within ${outcome.timeoutMs} ms`
      : `network error: ${scrubText(outcome.message, ctx.knownSecrets)}`;
  const hint =
    ctx.hint ??
    (outcome.kind === 'timeout'
      ? 'The API is slow or unreachable; raise --timeout, or try again later.'
      : NETWORK_HINT);
  return new ApiError({
    message: `${ctx.method} ${ctx.path} -> ${what}${after}${note}`,
    method: ctx.method,
    path: ctx.path,
    retryable: ctx.retryable,
    hint,
    ...(outcome.kind === 'network' ? { cause: outcome.cause } : {}),
  });
}
