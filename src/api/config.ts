import type { Dispatcher } from 'undici';
import { UserError } from '../errors/index.js';
import { scrubText } from '../logging/scrub.js';
import { DEFAULTS } from './defaults.js';
import type { ResponseFacts, TokenFacts } from './types.js';
import type { RetryNotice } from './retry-notice.js';

/** A `fetch`-compatible function: tests pass global fetch (for msw) or an emulator's handler. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface BackoffConfig {
  /** First retry delay. */
  readonly initialMs: number;
  readonly factor: number;
  /** Cap on a single computed delay. */
  readonly maxMs: number;
  /** Randomise each delay into [delay/2, delay] so parallel clients do not retry in lockstep. */
  readonly jitter: boolean;
}

export interface ProxyConfig {
  readonly httpProxy?: string;
  readonly httpsProxy?: string;
  readonly noProxy?: string;
}

/**
 * What `createApiClient` needs. Only `baseUrl`, `clientId` and `clientSecret` are required; every
 * other field has a production default (tests pass millisecond backoff and an injected `sleep`).
 */
export interface ApiClientConfig {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Per-request timeout (default 30 s). */
  readonly timeoutMs?: number;
  /** Attempts per request, the first included (default 5). */
  readonly maxAttempts?: number;
  readonly backoff?: Partial<BackoffConfig>;
  /** Requests in flight at once, client-wide (default 16). */
  readonly concurrency?: number;
  /** Optional cap on requests started per second. */
  readonly requestsPerSecond?: number;
  /** Refresh the token when less than min(this, 10 % of its lifetime) remains (default 60 s). */
  readonly refreshMarginMs?: number;
  /** Longest `Retry-After` honoured; a longer one fails the request (default 120 s). */
  readonly maxRetryAfterMs?: number;
  /** Items asked per list page, 1 to 100 (default 100, the documented maximum; env STREAMKAP_PAGE_SIZE). */
  readonly pageSize?: number;
  /** Proxy settings (from HTTPS_PROXY/HTTP_PROXY/NO_PROXY); ignored when `dispatcher` is given. */
  readonly proxy?: ProxyConfig;
  /** An undici dispatcher to use instead of the client's own keep-alive pool. */
  readonly dispatcher?: Dispatcher;
  /**
   * Send through this fetch instead of undici's `request` (the default, cheaper per request). msw
   * intercepts only global fetch, so msw-based tests pass it here; an emulator's `handle` works too.
   */
  readonly fetch?: FetchLike;
  /** Injected for tests: how to wait, what time it is, and the jitter source. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Told about every response (status, `Date` header, arrival time); `doctor` reads clock skew from it. */
  readonly onResponse?: (facts: ResponseFacts) => void;
  /** Told about every access token obtained (lifetime, refresh time; never the token). */
  readonly onToken?: (facts: TokenFacts) => void;
  /** Told before each retry's wait (the CLI prints `retryLine` of it on stderr). */
  readonly onRetry?: (notice: RetryNotice) => void;
}

export interface ResolvedApiConfig {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly backoff: BackoffConfig;
  readonly concurrency: number;
  readonly requestsPerSecond: number | undefined;
  readonly refreshMarginMs: number;
  readonly maxRetryAfterMs: number;
  readonly pageSize: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  readonly random: () => number;
  readonly onResponse: ((facts: ResponseFacts) => void) | undefined;
  readonly onToken: ((facts: TokenFacts) => void) | undefined;
  readonly onRetry: ((notice: RetryNotice) => void) | undefined;
}

const DEFAULT_API_URL = 'https://api.streamkap.com';

export { DEFAULTS };

const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new UserError(`Invalid API client setting ${name}: ${value} (must be a positive number).`);
  }
  return value;
}

/** A page size from 1 to 100; anything else is refused (what the API does above 100 is unknown). */
function pageSizeOf(value: number | string | undefined): number {
  if (value === undefined) return DEFAULTS.pageSize;
  const n = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isInteger(n) || n < 1 || n > DEFAULTS.pageSize) {
    throw new UserError(`Invalid page size ${JSON.stringify(String(value))}: a whole number from 1 to 100.`, {
      hint: 'STREAMKAP_PAGE_SIZE sets how many objects each list call asks for; leave it unset for 100.',
    });
  }
  return n;
}

/** Fills in defaults and checks ranges. */
export function resolveDefaults(config: ApiClientConfig): ResolvedApiConfig {
  const backoff = { ...DEFAULTS.backoff, ...config.backoff };
  return {
    baseUrl: normaliseBaseUrl(config.baseUrl),
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    timeoutMs: positive(config.timeoutMs, DEFAULTS.timeoutMs, 'timeout'),
    maxAttempts: Math.floor(positive(config.maxAttempts, DEFAULTS.maxAttempts, 'maxAttempts')),
    backoff,
    concurrency: Math.floor(positive(config.concurrency, DEFAULTS.concurrency, 'concurrency')),
    requestsPerSecond:
      config.requestsPerSecond === undefined
        ? undefined
        : positive(config.requestsPerSecond, 1, 'requestsPerSecond'),
    refreshMarginMs: config.refreshMarginMs ?? DEFAULTS.refreshMarginMs,
    maxRetryAfterMs: config.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
    pageSize: pageSizeOf(config.pageSize),
    sleep: config.sleep ?? realSleep,
    now: config.now ?? Date.now,
    random: config.random ?? Math.random,
    onResponse: config.onResponse,
    onToken: config.onToken,
    onRetry: config.onRetry,
  };
}

function normaliseBaseUrl(raw: string): string {
  // NOTE: the URL is echoed in these messages: any user-info password in it is masked first.
  const shown = scrubText(raw);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(`Invalid API URL "${shown}".`, {
      hint: 'Pass an absolute URL such as https://api.streamkap.com (--api-url or STREAMKAP_API_URL).',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(`Invalid API URL "${shown}": only http and https are supported.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UserError(`Invalid API URL "${shown}": it must not hold credentials.`, {
      hint: 'Authentication uses STREAMKAP_CLIENT_ID and STREAMKAP_CLIENT_SECRET; remove "user:password@" from the URL.',
    });
  }
  return url.toString().replace(/\/+$/, '');
}

type Env = Readonly<Record<string, string | undefined>>;

export interface ApiFlags {
  readonly apiUrl?: string | undefined;
  readonly timeoutMs?: number | undefined;
  /** Retries after the first attempt (maxAttempts = maxRetries + 1). */
  readonly maxRetries?: number | undefined;
  readonly concurrency?: number | undefined;
}

function envValue(env: Env, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** Proxy settings from the environment (upper case wins, as curl does for HTTPS_PROXY). */
function proxyFromEnv(env: Env): ProxyConfig | undefined {
  const httpsProxy = envValue(env, 'HTTPS_PROXY', 'https_proxy');
  const httpProxy = envValue(env, 'HTTP_PROXY', 'http_proxy');
  const noProxy = envValue(env, 'NO_PROXY', 'no_proxy');
  if (!httpsProxy && !httpProxy) return undefined;
  return {
    ...(httpsProxy ? { httpsProxy } : {}),
    ...(httpProxy ? { httpProxy } : {}),
    ...(noProxy ? { noProxy } : {}),
  };
}

/**
 * Client settings from the environment and CLI flags. Throws a UserError naming the variables when
 * credentials are missing.
 */
export function resolveApiConfig(env: Env, flags: ApiFlags = {}): ApiClientConfig {
  const baseUrl = flags.apiUrl ?? envValue(env, 'STREAMKAP_API_URL', 'STREAMKAP_HOST') ?? DEFAULT_API_URL;
  const clientId = envValue(env, 'STREAMKAP_CLIENT_ID');
  const clientSecret = envValue(env, 'STREAMKAP_CLIENT_SECRET', 'STREAMKAP_SECRET');
  const missing = [
    ...(clientId ? [] : ['STREAMKAP_CLIENT_ID']),
    ...(clientSecret ? [] : ['STREAMKAP_CLIENT_SECRET']),
  ];
  if (!clientId || !clientSecret) {
    throw new UserError(`Missing Streamkap API credentials: ${missing.join(' and ')} not set.`, {
      hint:
        `Set ${missing.map((m) => (m === 'STREAMKAP_CLIENT_SECRET' ? 'STREAMKAP_CLIENT_SECRET (or STREAMKAP_SECRET)' : m)).join(' and ')} ` +
        'to an API client of your Streamkap account; for the local emulator use the values it prints on start.',
    });
  }
  const proxy = proxyFromEnv(env);
  const pageSize = envValue(env, 'STREAMKAP_PAGE_SIZE');
  return {
    baseUrl: normaliseBaseUrl(baseUrl),
    clientId,
    clientSecret,
    ...(flags.timeoutMs === undefined ? {} : { timeoutMs: flags.timeoutMs }),
    ...(flags.maxRetries === undefined ? {} : { maxAttempts: flags.maxRetries + 1 }),
    ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
    ...(proxy ? { proxy } : {}),
    ...(pageSize === undefined ? {} : { pageSize: pageSizeOf(pageSize) }),
  };
}
