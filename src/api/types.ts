/**
 * The client's surface as the rest of the program sees it. Only src/api imports undici; state
 * loading and the applier depend on this interface, so tests can pass the real client pointed at
 * the emulator or at msw.
 */
export type QueryValue = string | number | boolean | readonly string[] | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestOptions {
  readonly query?: Query;
  readonly body?: unknown;
  /** Per-request timeout; the client's default otherwise. */
  readonly timeoutMs?: number;
  /**
   * For a POST that creates something: called before re-sending after a timeout, 5xx or dropped
   * connection. If it returns an object, the first attempt landed and that object is the result
   * (no duplicate is created). Without it a POST is never retried after the request was sent.
   */
  readonly lookupAfterFailure?: () => Promise<unknown>;
  /**
   * A POST that creates nothing (e.g. `POST /tags/search`, metrics queries) and may be resent after
   * a failure like a GET, without a lookup.
   */
  readonly idempotent?: boolean;
  /** Treat these statuses as an absent result (`undefined`) instead of an error, e.g. [404]. */
  readonly absentOn?: readonly number[];
}

/**
 * What the client tells `onResponse` about each response it receives (every attempt): no body, no
 * token, only what `doctor` needs to judge the connection.
 */
export interface ResponseFacts {
  readonly method: HttpMethod;
  /** The path as shown in errors and logs (no query, secrets masked). */
  readonly path: string;
  readonly status: number;
  /** The `Date` header as sent, when there was one. */
  readonly date: string | undefined;
  /** The client's clock (`now`) when the response arrived, epoch ms. */
  readonly receivedAt: number;
}

/** What the client tells `onToken` about each access token it obtains; never the token. */
export interface TokenFacts {
  readonly via: 'exchange' | 'refresh';
  /** The lifetime the server gave, or undefined when it gave none (then only a 401 renews). */
  readonly lifetimeMs: number | undefined;
  /** Which response field gave the lifetime. */
  readonly lifetimeFrom: 'expiresIn' | 'expires' | undefined;
  /** Whether a refresh token came with it (else renewal is a new exchange). */
  readonly refreshToken: boolean;
  /** The client's clock when it arrived, and when the client will renew it proactively. */
  readonly obtainedAt: number;
  readonly refreshAt: number | undefined;
}

export interface ListEnvelope<T> {
  readonly result: readonly T[];
  readonly page: number;
  readonly page_size: number;
  readonly total: number | null;
  readonly has_next: boolean | null;
}

export interface ApiClient {
  /** One call with auth, retries, rate limiting and typed errors. Resolves to the parsed JSON body. */
  request(method: HttpMethod, path: string, options?: RequestOptions): Promise<unknown>;
  /**
   * Every item of a paged list endpoint (`page_size=100`; pages after the first fetched
   * concurrently; a short page ends the listing; capped at 1000 pages).
   */
  listAll(path: string, query?: Query): Promise<unknown[]>;
  /**
   * Values to mask in every later error text and log line, e.g. the manifests' secrets, known before
   * any response could echo them (values seen in bodies are masked anyway, but only once seen).
   */
  maskValues(values: Iterable<string>): void;
  /** Requests sent so far (every attempt, auth included), for benchmarks and tests. */
  readonly stats: { readonly requests: number; readonly retries: number };
  close(): Promise<void>;
}
