import { ApiError } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import type { TokenFacts } from './types.js';

const TOKEN_PATH = '/auth/access-token';
const REFRESH_PATH = '/auth/access-token/refresh';

interface TokenSet {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  /** Epoch ms; undefined when the server gave no lifetime (then only a 401 renews). */
  readonly expiresAt: number | undefined;
  readonly lifetimeMs: number | undefined;
  readonly lifetimeFrom: TokenFacts['lifetimeFrom'];
  readonly obtainedAt: number;
  readonly via: TokenFacts['via'];
}

export interface TokenDeps {
  readonly clientId: string;
  readonly clientSecret: string;
  /** POST without Authorization, with the client's retries; resolves to the parsed body. */
  post(path: string, body: unknown): Promise<unknown>;
  now(): number;
  readonly refreshMarginMs: number;
  /** Called with every token received, so error and log scrubbing can mask it. */
  remember(secret: string): void;
  readonly logger: Logger;
  /** Told the facts of every token obtained (never the token). */
  readonly onToken?: ((facts: TokenFacts) => void) | undefined;
}

type Lifetime = Pick<TokenSet, 'lifetimeMs' | 'lifetimeFrom'>;

function parseLifetime(record: Record<string, unknown>, now: number): Lifetime {
  const expiresIn = record['expiresIn'];
  const seconds = typeof expiresIn === 'string' ? Number(expiresIn) : expiresIn;
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0) {
    return { lifetimeMs: seconds * 1000, lifetimeFrom: 'expiresIn' };
  }
  const expires = record['expires'];
  if (typeof expires === 'string' || typeof expires === 'number') {
    const at = typeof expires === 'number' ? expires * 1000 : Date.parse(expires);
    if (Number.isFinite(at) && at > now) return { lifetimeMs: at - now, lifetimeFrom: 'expires' };
  }
  return { lifetimeMs: undefined, lifetimeFrom: undefined };
}

/** Parses `{accessToken, refreshToken, expires, expiresIn}`; keeps the old refresh token if none came. */
function parseTokens(
  body: unknown,
  path: string,
  now: number,
  via: TokenFacts['via'],
  previous?: TokenSet,
): TokenSet {
  const record = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const accessToken = record['accessToken'];
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new ApiError({
      message: `POST ${path} -> unexpected response: no accessToken in the body`,
      method: 'POST',
      path,
      hint: 'Is --api-url / STREAMKAP_API_URL pointing at the Streamkap API?',
    });
  }
  const refresh = record['refreshToken'];
  const lifetime = parseLifetime(record, now);
  return {
    accessToken,
    refreshToken: typeof refresh === 'string' && refresh !== '' ? refresh : previous?.refreshToken,
    expiresAt: lifetime.lifetimeMs === undefined ? undefined : now + lifetime.lifetimeMs,
    ...lifetime,
    obtainedAt: now,
    via,
  };
}

/**
 * Holds the access token: exchanges credentials once, refreshes proactively before expiry and on
 * demand after a 401. Only one exchange or refresh is in flight at a time; concurrent callers
 * share it.
 */
export class TokenManager {
  #tokens: TokenSet | undefined;
  #inflight: Promise<TokenSet> | undefined;

  constructor(private readonly deps: TokenDeps) {}

  async accessToken(): Promise<string> {
    const current = this.#tokens;
    if (current && !this.#due(current)) return current.accessToken;
    const next = await this.#single(() => (current ? this.#renew(current) : this.#exchange()));
    return next.accessToken;
  }

  /** After a 401 with `rejected`: renew unless someone already did. */
  async recover(rejected: string): Promise<void> {
    const current = this.#tokens;
    if (current && current.accessToken !== rejected && !this.#inflight) return;
    await this.#single(() => (current ? this.#renew(current) : this.#exchange()));
  }

  // NOTE: refresh when less than min(margin, 10 % of the lifetime) remains: 60 s for long-lived
  // tokens, yet a 30-second emulator token is not refreshed on every call.
  #due(tokens: TokenSet): boolean {
    const at = this.#refreshAt(tokens);
    return at !== undefined && this.deps.now() >= at;
  }

  #refreshAt(tokens: TokenSet): number | undefined {
    if (tokens.expiresAt === undefined || tokens.lifetimeMs === undefined) return undefined;
    return tokens.expiresAt - Math.min(this.deps.refreshMarginMs, tokens.lifetimeMs * 0.1);
  }

  #tell(tokens: TokenSet): void {
    this.deps.onToken?.({
      via: tokens.via,
      lifetimeMs: tokens.lifetimeMs,
      lifetimeFrom: tokens.lifetimeFrom,
      refreshToken: tokens.refreshToken !== undefined,
      obtainedAt: tokens.obtainedAt,
      refreshAt: this.#refreshAt(tokens),
    });
  }

  #single(task: () => Promise<TokenSet>): Promise<TokenSet> {
    this.#inflight ??= task()
      .then((tokens) => {
        this.#tokens = tokens;
        this.deps.remember(tokens.accessToken);
        if (tokens.refreshToken) this.deps.remember(tokens.refreshToken);
        this.#tell(tokens);
        return tokens;
      })
      .finally(() => {
        this.#inflight = undefined;
      });
    return this.#inflight;
  }

  async #exchange(): Promise<TokenSet> {
    const body = await this.deps.post(TOKEN_PATH, {
      client_id: this.deps.clientId,
      secret: this.deps.clientSecret,
    });
    this.deps.logger.debug({ path: TOKEN_PATH }, 'obtained an access token');
    return parseTokens(body, TOKEN_PATH, this.deps.now(), 'exchange');
  }

  async #renew(current: TokenSet): Promise<TokenSet> {
    if (current.refreshToken === undefined) return this.#exchange();
    try {
      const body = await this.deps.post(REFRESH_PATH, { refresh_token: current.refreshToken });
      this.deps.logger.debug({ path: REFRESH_PATH }, 'refreshed the access token');
      return parseTokens(body, REFRESH_PATH, this.deps.now(), 'refresh', current);
    } catch (error) {
      // A rejected or failed refresh falls back to a full exchange with the client credentials.
      const status = error instanceof ApiError ? error.status : undefined;
      this.deps.logger.debug({ path: REFRESH_PATH, status }, 'token refresh failed; exchanging credentials');
      return this.#exchange();
    }
  }
}
