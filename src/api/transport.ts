import type { ResponseBody } from './api-error.js';

export interface Attempt {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly timeoutMs: number;
}

export type AttemptOutcome =
  | {
      readonly kind: 'response';
      readonly status: number;
      /** The `Retry-After` header, when the server sent one. */
      readonly retryAfter: string | undefined;
      readonly body: ResponseBody;
      readonly requestId: string | undefined;
      /** The `Date` header: the server's clock (doctor measures skew against it). */
      readonly date: string | undefined;
    }
  | {
      readonly kind: 'network';
      readonly message: string;
      /** True when the request certainly never reached the server (refused, DNS failure). */
      readonly notSent: boolean;
      readonly cause: unknown;
    }
  | { readonly kind: 'timeout'; readonly timeoutMs: number };

/**
 * One HTTP exchange: resolves to its outcome, never throws. The default is undici's `request`
 * (transport-undici.ts); a fetch-based one (transport-fetch.ts) serves an injected fetch, such as
 * global fetch under msw or an emulator's handler.
 */
export type Transport = (attempt: Attempt) => Promise<AttemptOutcome>;

/** What a transport read off the wire, before it becomes an outcome. */
export interface RawResponse {
  readonly status: number;
  header(name: 'content-type' | 'retry-after' | 'x-request-id' | 'date'): string | undefined;
  readonly text: string;
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

function errorCodes(error: unknown, depth = 0): string[] {
  if (depth > 4 || error === null || typeof error !== 'object') return [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof code === 'string' ? [code] : [];
  const nested = Array.isArray(errors) ? errors.flatMap((e) => errorCodes(e, depth + 1)) : [];
  return [...own, ...nested, ...errorCodes(cause, depth + 1)];
}

function networkMessage(error: unknown): string {
  const codes = errorCodes(error);
  const base = error instanceof Error ? error.message : String(error);
  const cause = (error as { cause?: unknown } | null)?.cause;
  const causeText = cause instanceof Error && cause.message !== base ? `: ${cause.message}` : '';
  return `${base}${causeText}${codes.length > 0 ? ` (${[...new Set(codes)].join(', ')})` : ''}`;
}

function parseBody(text: string, contentType: string): ResponseBody {
  const looksJson = contentType.includes('json') || /^\s*[[{]/.test(text);
  if (looksJson && text.trim() !== '') {
    try {
      return { json: true, value: JSON.parse(text) as unknown, text };
    } catch {
      // Not JSON after all (e.g. a truncated body): report it as text.
    }
  }
  return { json: false, value: undefined, text };
}

/**
 * Runs `exchange` under a timeout that covers the headers and the body (the signal aborts it),
 * and turns its result or failure into an outcome.
 */
export async function exchangeOnce(
  attempt: Attempt,
  exchange: (signal: AbortSignal) => Promise<RawResponse>,
): Promise<AttemptOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, attempt.timeoutMs);
  try {
    const raw = await exchange(controller.signal);
    return {
      kind: 'response',
      status: raw.status,
      retryAfter: raw.header('retry-after'),
      body: parseBody(raw.text, raw.header('content-type') ?? ''),
      requestId: raw.header('x-request-id'),
      date: raw.header('date'),
    };
  } catch (error) {
    if (timedOut) return { kind: 'timeout', timeoutMs: attempt.timeoutMs };
    const notSent = errorCodes(error).some((code) => NOT_SENT_CODES.has(code));
    return { kind: 'network', message: networkMessage(error), notSent, cause: error };
  } finally {
    clearTimeout(timer);
  }
}
