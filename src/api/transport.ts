import type { Dispatcher } from 'undici';
import type { ResponseBody } from './api-error.js';
import type { FetchLike } from './config.js';

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
      readonly headers: Headers;
      readonly body: ResponseBody;
      readonly requestId: string | undefined;
    }
  | {
      readonly kind: 'network';
      readonly message: string;
      /** True when the request certainly never reached the server (refused, DNS failure). */
      readonly notSent: boolean;
      readonly cause: unknown;
    }
  | { readonly kind: 'timeout'; readonly timeoutMs: number };

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

async function readBody(response: Response): Promise<ResponseBody> {
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const looksJson = type.includes('json') || /^\s*[[{]/.test(text);
  if (looksJson && text.trim() !== '') {
    try {
      return { json: true, value: JSON.parse(text) as unknown, text };
    } catch {
      // Not JSON after all (e.g. a truncated body): report it as text.
    }
  }
  return { json: false, value: undefined, text };
}

/** One HTTP exchange under a timeout that covers the headers and the body. */
export async function sendOnce(
  fetchFn: FetchLike,
  dispatcher: Dispatcher | undefined,
  attempt: Attempt,
): Promise<AttemptOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, attempt.timeoutMs);
  try {
    // NOTE: an undici 7 dispatcher on Node 20's global fetch needs the cast (TOOLCHAIN.md).
    const init = {
      method: attempt.method,
      headers: attempt.headers,
      signal: controller.signal,
      ...(attempt.body === undefined ? {} : { body: attempt.body }),
      ...(dispatcher ? { dispatcher } : {}),
    } as unknown as RequestInit;
    const response = await fetchFn(attempt.url, init);
    const body = await readBody(response);
    return {
      kind: 'response',
      status: response.status,
      headers: response.headers,
      body,
      requestId: response.headers.get('x-request-id') ?? undefined,
    };
  } catch (error) {
    if (timedOut) return { kind: 'timeout', timeoutMs: attempt.timeoutMs };
    const notSent = errorCodes(error).some((code) => NOT_SENT_CODES.has(code));
    return { kind: 'network', message: networkMessage(error), notSent, cause: error };
  } finally {
    clearTimeout(timer);
  }
}
