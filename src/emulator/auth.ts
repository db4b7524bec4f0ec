/**
 * Client-credentials exchange and bearer checks (api-notes §1): `POST /auth/access-token` with snake_case
 * `{client_id, secret}`, camelCase answers, refresh with `{refresh_token}`.
 */
import { randomBytes } from 'node:crypto';
import { detail, isRecord, ok, validationError, type PydanticItem, type Reply } from './http.js';
import type { EmulatorSettings } from './settings.js';

export const EXPIRED_DETAIL = 'Token has expired. Please re-authenticate.';

interface AccessToken {
  expiresAt: number;
}

export interface AuthConfig {
  readonly clientId: string;
  readonly clientSecret: string;
}

export class Auth {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, string>();
  private issued = 0;

  constructor(
    private readonly config: AuthConfig,
    private readonly now: () => number,
    private readonly settings: () => EmulatorSettings,
  ) {}

  /** `POST /auth/access-token`. */
  exchange(body: unknown): Reply {
    const missing = requireStrings(body, ['client_id', 'secret']);
    if (missing) return missing;
    const { client_id, secret } = body as { client_id: string; secret: string };
    if (client_id !== this.config.clientId || secret !== this.config.clientSecret) {
      return detail(401, 'Invalid client credentials.');
    }
    return this.issue(client_id);
  }

  /** `POST /auth/access-token/refresh`. */
  refreshToken(body: unknown): Reply {
    const missing = requireStrings(body, ['refresh_token']);
    if (missing) return missing;
    const token = (body as { refresh_token: string }).refresh_token;
    const clientId = this.refresh.get(token);
    if (this.settings().rejectRefresh || clientId === undefined) {
      return detail(401, 'Invalid or expired refresh token.');
    }
    if (this.settings().rotateRefreshTokens) this.refresh.delete(token);
    return this.issue(clientId);
  }

  /** The 401 reply for a request without a valid bearer token, or undefined when it may pass. */
  check(authorization: string | undefined): Reply | undefined {
    if (!authorization) return detail(401, 'Not authenticated');
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const token = match ? this.access.get(match[1] as string) : undefined;
    if (!token) return detail(401, 'Could not validate credentials');
    if (token.expiresAt <= this.now()) return detail(401, EXPIRED_DETAIL);
    return undefined;
  }

  /** "Expire all tokens now": every access token issued so far answers the expiry 401. */
  expireAll(): number {
    for (const token of this.access.values()) token.expiresAt = 0;
    return this.access.size;
  }

  private issue(clientId: string): Reply {
    const lifetime = this.settings().tokenLifetimeSeconds;
    const now = this.now();
    const expiresAt = now + lifetime * 1000;
    this.pruneExpired(now);
    const accessToken = fakeJwt(clientId, now, expiresAt, ++this.issued);
    const refreshToken = randomBytes(24).toString('base64url');
    this.access.set(accessToken, { expiresAt });
    this.refresh.set(refreshToken, clientId);
    return ok({
      accessToken,
      refreshToken,
      expires: new Date(expiresAt).toISOString(),
      expiresIn: lifetime,
    });
  }

  /** Keeps the token map bounded on long runs with short lifetimes. */
  private pruneExpired(now: number): void {
    if (this.issued % 256 !== 0) return;
    for (const [token, t] of this.access) if (t.expiresAt <= now - 60_000) this.access.delete(token);
  }
}

function fakeJwt(sub: string, now: number, expiresAt: number, n: number): string {
  const enc = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = enc({ alg: 'HS256', typ: 'JWT' });
  const payload = enc({ sub, iat: Math.floor(now / 1000), exp: Math.floor(expiresAt / 1000), jti: n });
  return `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
}

function requireStrings(body: unknown, keys: readonly string[]): Reply | undefined {
  if (!isRecord(body)) {
    return validationError([
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary',
        input: null,
      },
    ]);
  }
  const items: PydanticItem[] = [];
  for (const key of keys) {
    const v = body[key];
    if (v === undefined)
      items.push({ type: 'missing', loc: ['body', key], msg: 'Field required', input: null });
    else if (typeof v !== 'string') {
      items.push({
        type: 'string_type',
        loc: ['body', key],
        msg: 'Input should be a valid string',
        input: null,
      });
    }
  }
  return items.length > 0 ? validationError(items) : undefined;
}
