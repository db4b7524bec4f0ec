import type { Dispatcher } from 'undici';
import { ApiError } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import { collectCatalogueSecretStrings, collectSecretStrings, scrubText } from '../logging/scrub.js';
import { displayPath, shownRequestId } from './api-error.js';
import { TokenManager } from './auth.js';
import { backoffDelay } from './backoff.js';
import { resolveDefaults, type ApiClientConfig, type ResolvedApiConfig } from './config.js';
import { openTransport } from './dispatcher.js';
import { RateLimiter, Semaphore } from './limiter.js';
import { listAllPages } from './paging.js';
import { retryReason } from './retry-notice.js';
import { failureError, judge } from './retry-policy.js';
import type { AttemptOutcome, Transport } from './transport.js';
import type { ApiClient, HttpMethod, Query, RequestOptions } from './types.js';

interface Call extends RequestOptions {
  readonly method: HttpMethod;
  readonly path: string;
  /** False for the token endpoints (no bearer, no 401 recovery). */
  readonly authenticated: boolean;
  /** A POST that may be repeated freely (token exchange and refresh create nothing). */
  readonly repeatable?: boolean;
}

/** Bookkeeping of one logical call across its attempts. */
interface CallState {
  readonly call: Call;
  readonly shownPath: string;
  /** Secrets of this call's body, then every secret the client knows (see #knownFor). */
  readonly known: Iterable<string>;
  readonly url: string;
  readonly body: string | undefined;
  attempts: number;
  replayed401: boolean;
}

const MAX_REMEMBERED_SECRETS = 64;

function buildUrl(baseUrl: string, path: string, query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) params.append(key, item);
    else params.append(key, String(value));
  }
  const qs = params.toString();
  const sep = path.includes('?') ? '&' : '?';
  return `${baseUrl}${path.startsWith('/') ? '' : '/'}${path}${qs ? `${sep}${qs}` : ''}`;
}

/** The HTTP client: auth, retries, limits and typed errors (see ApiClient). */
class StreamkapClient implements ApiClient {
  readonly stats = { requests: 0, retries: 0 };
  readonly #config: ResolvedApiConfig;
  readonly #logger: Logger;
  readonly #transport: Transport;
  /** The keep-alive pool the client made itself (closed by close()), if any. */
  readonly #ownDispatcher: Dispatcher | undefined;
  readonly #semaphore: Semaphore;
  readonly #rate: RateLimiter | undefined;
  readonly #tokens: TokenManager;
  /** Client secret and every token seen: masked in any error text or log line. */
  readonly #secrets = new Set<string>();
  /**
   * Every catalogue secret value seen in a request or response body (live objects are read with
   * secret_returned=true): an error may echo a stored value that is not in its own request body,
   * such as the old password of an object being updated, or a source embedded in a pipeline.
   */
  readonly #seen = new Set<string>();

  constructor(config: ApiClientConfig, logger: Logger) {
    this.#config = resolveDefaults(config);
    this.#logger = logger;
    const { transport, owned } = openTransport(config);
    this.#transport = transport;
    this.#ownDispatcher = owned;
    this.#semaphore = new Semaphore(this.#config.concurrency);
    const { requestsPerSecond, now, sleep } = this.#config;
    this.#rate = requestsPerSecond ? new RateLimiter(requestsPerSecond, now, sleep) : undefined;
    this.#remember(this.#config.clientSecret);
    this.#tokens = new TokenManager({
      clientId: this.#config.clientId,
      clientSecret: this.#config.clientSecret,
      post: (path, body) =>
        this.#execute({ method: 'POST', path, body, authenticated: false, repeatable: true }),
      now: this.#config.now,
      refreshMarginMs: this.#config.refreshMarginMs,
      remember: (secret) => this.#remember(secret),
      logger,
      onToken: this.#config.onToken,
    });
  }

  request(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<unknown> {
    return this.#execute({
      ...options,
      method,
      path,
      authenticated: true,
      repeatable: options.idempotent === true,
    });
  }

  listAll(path: string, query?: Query): Promise<unknown[]> {
    return listAllPages(
      (q) => this.request('GET', path, { query: q }),
      path,
      query ?? {},
      this.#config.pageSize,
    );
  }

  maskValues(values: Iterable<string>): void {
    for (const v of values) if (v !== '') this.#seen.add(v);
  }

  async close(): Promise<void> {
    await this.#ownDispatcher?.close();
  }

  #remember(secret: string): void {
    if (secret.length < 4) return;
    this.#secrets.add(secret);
    if (this.#secrets.size > MAX_REMEMBERED_SECRETS) {
      // Keep the client secret (first) and the newest tokens.
      const [first, , ...rest] = [...this.#secrets];
      this.#secrets.clear();
      for (const s of [first, ...rest]) if (s !== undefined) this.#secrets.add(s);
    }
  }

  #headers(token: string | undefined): Record<string, string> {
    return {
      accept: 'application/json',
      'content-type': 'application/json',
      'user-agent': 'streamkap-gitops',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
  }

  /**
   * This call's body secrets, then the client's, read at each use (tokens renew mid-call). Only
   * failures iterate it: it may hold every secret of the account.
   */
  #knownFor(own: ReadonlySet<string>): Iterable<string> {
    const secrets = this.#secrets;
    const seen = this.#seen;
    return {
      *[Symbol.iterator]() {
        yield* own;
        yield* secrets;
        yield* seen;
      },
    };
  }

  async #execute(call: Call): Promise<unknown> {
    const own = collectSecretStrings(call.body);
    collectCatalogueSecretStrings(call.body, this.#seen);
    const state: CallState = {
      call,
      known: this.#knownFor(own),
      // NOTE: paths are built from ids; the body's and the client's own secrets are enough here,
      // and keep this per-call step independent of how many secrets were seen.
      shownPath: displayPath(call.path, [...own, ...this.#secrets]),
      url: buildUrl(this.#config.baseUrl, call.path, call.query),
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      attempts: 0,
      replayed401: false,
    };
    for (;;) {
      const token = call.authenticated ? await this.#tokens.accessToken() : undefined;
      state.attempts += 1;
      const outcome = await this.#send(state, token);
      if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300) {
        return outcome.body.json ? outcome.body.value : outcome.body.text === '' ? null : outcome.body.text;
      }
      if (outcome.kind === 'response' && call.absentOn?.includes(outcome.status)) return undefined;
      if (outcome.kind === 'response' && outcome.status === 401 && token !== undefined) {
        await this.#after401(state, outcome, token);
        continue;
      }
      const found = await this.#prepareRetry(state, outcome);
      if (found.done) return found.value;
    }
  }

  /** One refresh-and-replay per call; a second 401 is a credentials problem. */
  async #after401(state: CallState, outcome: AttemptOutcome, token: string): Promise<void> {
    if (state.replayed401) {
      throw failureError(outcome, {
        method: state.call.method,
        path: state.shownPath,
        attempts: state.attempts,
        knownSecrets: state.known,
        note: 'rejected again after renewing the access token',
        hint: 'Check STREAMKAP_CLIENT_ID and STREAMKAP_CLIENT_SECRET: the API client may be wrong, revoked or lack access.',
        retryable: false,
      });
    }
    state.replayed401 = true;
    state.attempts -= 1;
    this.stats.retries += 1;
    this.#logger.debug(
      { method: state.call.method, path: state.shownPath },
      'HTTP 401: renewing the token and replaying',
    );
    await this.#tokens.recover(token);
  }

  /**
   * Decides whether and when to try again; waits; for a POST that may have landed, runs the
   * caller's lookup. Resolves `{done: true}` when the lookup found the object.
   */
  async #prepareRetry(
    state: CallState,
    outcome: AttemptOutcome,
  ): Promise<{ done: true; value: unknown } | { done: false }> {
    const { call } = state;
    const verdict = judge(outcome, this.#config.now(), state.known);
    const ctx = {
      method: call.method,
      path: state.shownPath,
      attempts: state.attempts,
      knownSecrets: state.known,
      retryable: verdict.retryable,
    };
    if (!verdict.retryable || state.attempts >= this.#config.maxAttempts) throw failureError(outcome, ctx);
    const mustLookUp = call.method === 'POST' && verdict.mayHaveLanded && call.repeatable !== true;
    if (mustLookUp && !call.lookupAfterFailure) {
      throw failureError(outcome, {
        ...ctx,
        note: 'not resent because the request may have been carried out',
        hint: 'Check in Streamkap whether the object was created before running again.',
      });
    }
    const delay =
      verdict.retryAfterMs ?? backoffDelay(state.attempts, this.#config.backoff, this.#config.random);
    if (delay > this.#config.maxRetryAfterMs) {
      throw failureError(outcome, { ...ctx, note: `the server asked to wait ${Math.ceil(delay / 1000)} s` });
    }
    this.#notifyRetry(state, outcome, delay, mustLookUp);
    await this.#config.sleep(delay);
    if (mustLookUp && call.lookupAfterFailure) {
      const existing = await this.#lookUp(state, outcome, call.lookupAfterFailure);
      if (existing !== undefined && existing !== null) {
        this.#logger.info(
          { method: call.method, path: state.shownPath },
          'the failed create had landed; using the existing object',
        );
        return { done: true, value: existing };
      }
    }
    this.stats.retries += 1;
    return { done: false };
  }

  /** Tells the caller (the CLI prints a line) and the debug log that a retry is coming. */
  #notifyRetry(state: CallState, outcome: AttemptOutcome, delayMs: number, afterLookup: boolean): void {
    const { method } = state.call;
    this.#logger.debug(
      { method, path: state.shownPath, attempt: state.attempts, delayMs: Math.round(delayMs) },
      'retrying',
    );
    this.#config.onRetry?.({
      method,
      path: state.shownPath,
      reason: retryReason(outcome),
      delayMs,
      attempt: state.attempts + 1,
      maxAttempts: this.#config.maxAttempts,
      afterLookup,
    });
  }

  /**
   * Runs the caller's lookup; its failure is reported together with the original one.
   * NOTE: the error stays the POST's (status, request id, retryable): what the user must act on is
   * that this create may or may not have landed, and its request id is the one support can trace.
   * The lookup's own failure (already retried like any GET) follows in the message and is the cause.
   */
  async #lookUp(state: CallState, outcome: AttemptOutcome, lookup: () => Promise<unknown>): Promise<unknown> {
    try {
      return await lookup();
    } catch (error) {
      const first = failureError(outcome, {
        method: state.call.method,
        path: state.shownPath,
        attempts: state.attempts,
        knownSecrets: state.known,
        retryable: true,
      });
      // NOTE: the lookup is the caller's code: its error text is scrubbed like a response body.
      const why = scrubText(error instanceof Error ? error.message : String(error), state.known);
      throw new ApiError({
        message: `${first.message}; checking whether it had landed failed too: ${why}`,
        status: first.status,
        method: first.method,
        path: first.path,
        requestId: first.requestId,
        details: first.details,
        retryable: true,
        cause: error,
        hint: 'Check in Streamkap whether the object was created before running again.',
      });
    }
  }

  async #send(state: CallState, token: string | undefined): Promise<AttemptOutcome> {
    if (this.#rate) await this.#rate.wait();
    const timeoutMs = state.call.timeoutMs ?? this.#config.timeoutMs;
    const started = performance.now();
    const raw = await this.#semaphore.run(() => {
      this.stats.requests += 1;
      return this.#transport({
        method: state.call.method,
        url: state.url,
        headers: this.#headers(token),
        body: state.body,
        timeoutMs,
      });
    });
    // NOTE: the id is scrubbed where it is shown (an error, a debug line), not here: `known` may hold
    // every secret of the account, and scrubbing each response's id made a run quadratic.
    const outcome = raw.kind === 'response' ? { ...raw, requestId: opaqueRequestId(raw.requestId) } : raw;
    // Before anything is logged: the response's own secrets are masked in its log line too.
    if (outcome.kind === 'response' && outcome.body.json)
      collectCatalogueSecretStrings(outcome.body.value, this.#seen);
    this.#logAttempt(state, outcome, performance.now() - started);
    if (outcome.kind === 'response') {
      this.#config.onResponse?.({
        method: state.call.method,
        path: state.shownPath,
        status: outcome.status,
        date: outcome.date,
        receivedAt: this.#config.now(),
      });
    }
    return outcome;
  }

  #logAttempt(state: CallState, outcome: AttemptOutcome, durationMs: number): void {
    if (!this.#logger.isLevelEnabled('debug')) return;
    const line = {
      method: state.call.method,
      path: state.shownPath,
      attempt: state.attempts,
      durationMs: Math.round(durationMs),
      ...(outcome.kind === 'response'
        ? { status: outcome.status, requestId: shownRequestId(outcome.requestId, state.known) }
        : { status: outcome.kind }),
    };
    this.#logger.debug(line, 'api request');
  }
}

/** A request id as the server sent it goes into messages and logs: only an opaque token, secrets masked. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

function opaqueRequestId(id: string | undefined): string | undefined {
  return id !== undefined && REQUEST_ID.test(id) ? id : undefined;
}

export function createApiClient(config: ApiClientConfig, logger: Logger): ApiClient {
  return new StreamkapClient(config, logger);
}
