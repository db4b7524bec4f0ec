/**
 * Connectivity and credentials: which URL and proxy the tool uses, whether the token exchange
 * works (the first call, which decides whether anything else can run), the token's lifetime and
 * when the client renews it, and this machine's clock against the server's `Date` header.
 */
import type { ProxyConfig } from '../../api/index.js';
import type { ApiError } from '../../errors/index.js';
import {
  fail,
  ok,
  notChecked,
  toResult,
  warn,
  type CheckDef,
  type ReadCheck,
  type Verdict,
} from '../check.js';
import type { ObservedFacts } from '../check.js';
import { duration } from '../durations.js';
import type { ReadApi } from '../read-api.js';
import type { CheckResult } from '../types.js';

export interface ConnectionInfo {
  readonly apiUrl: string;
  readonly proxy: ProxyConfig | undefined;
  /** The client's refreshMarginMs. */
  readonly refreshMarginMs: number;
}

const API_URL: CheckDef = {
  id: 'api-url',
  group: 'connection',
  title: 'API URL and proxy',
  assumed: 'the Streamkap API answers at the root of its URL (no /api prefix, no version segment)',
  setting: '--api-url or STREAMKAP_API_URL (alias STREAMKAP_HOST); HTTPS_PROXY, HTTP_PROXY and NO_PROXY',
};

const CREDENTIALS: CheckDef = {
  id: 'credentials',
  group: 'connection',
  title: 'Token exchange',
  assumed:
    'POST /auth/access-token takes {client_id, secret} and answers {accessToken, refreshToken, expires, expiresIn}',
  setting: 'STREAMKAP_CLIENT_ID and STREAMKAP_CLIENT_SECRET (alias STREAMKAP_SECRET)',
};

/** `http://proxy:3128` without any user-info: a proxy URL may carry a password. */
function proxyOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(not a URL)';
  }
}

/** Whether a NO_PROXY list names the host (exact, a domain suffix, or `*`). */
function bypassed(host: string, noProxy: string | undefined): boolean {
  return (noProxy ?? '')
    .split(',')
    .map((e) =>
      e
        .trim()
        .toLowerCase()
        .replace(/^\*?\./, ''),
    )
    .some((e) => e === '*' || (e !== '' && (host === e || host.endsWith(`.${e}`))));
}

function route(apiUrl: string, proxy: ProxyConfig | undefined): string {
  const url = new URL(apiUrl);
  const chosen = url.protocol === 'https:' ? (proxy?.httpsProxy ?? proxy?.httpProxy) : proxy?.httpProxy;
  if (!chosen) return 'direct (no proxy set)';
  const variable = url.protocol === 'https:' && proxy?.httpsProxy ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  if (bypassed(url.hostname.toLowerCase(), proxy?.noProxy)) return 'direct (NO_PROXY names the host)';
  return `via the proxy ${proxyOrigin(chosen)} (${variable})`;
}

function urlVerdict(info: ConnectionInfo): Verdict {
  const seen = `${info.apiUrl}, ${route(info.apiUrl, info.proxy)}`;
  const path = new URL(info.apiUrl).pathname;
  if (path !== '/' && path !== '') {
    return warn(
      `${seen}; the URL has a path (${path})`,
      'The API answers at the root (https://api.streamkap.com/sources); a path such as /api belongs to an older backend.',
    );
  }
  return ok(seen);
}

function tokenSeen(facts: ObservedFacts): string {
  const t = facts.tokens[0];
  if (!t) return '200';
  const lifetime = t.lifetimeFrom ? `a lifetime in ${t.lifetimeFrom}` : 'no lifetime';
  return `200: an access token, ${t.refreshToken ? 'a refresh token' : 'no refresh token'}, ${lifetime}`;
}

/** Why the first call failed, as the two connection results. */
function refused(error: ApiError, info: ConnectionInfo): CheckResult[] {
  const atExchange = error.path.startsWith('/auth/access-token');
  if (error.status === undefined || (atExchange && error.status !== 401 && error.status !== 403)) {
    const url = toResult(
      API_URL,
      fail(`${info.apiUrl} could not be used: ${error.message}`, error.hint ?? ''),
    );
    return [url];
  }
  const seen = atExchange
    ? `${error.status} from POST /auth/access-token: the credentials were refused`
    : `the token was refused on use (${error.message})`;
  return [
    toResult(API_URL, urlVerdict(info)),
    toResult(
      CREDENTIALS,
      fail(
        seen,
        'Check STREAMKAP_CLIENT_ID and STREAMKAP_CLIENT_SECRET: the API client may be wrong, revoked or expired.',
      ),
    ),
  ];
}

/**
 * The first call (`GET /tags`, which exchanges the credentials first). Reachable means a token
 * was obtained: a refusal of the call itself is the tags check's to report.
 */
export async function connect(
  api: ReadApi,
  facts: ObservedFacts,
  info: ConnectionInfo,
): Promise<{ reachable: boolean; results: CheckResult[] }> {
  const first = await api.tryGet('/tags');
  if (!first.ok && facts.tokens.length === 0)
    return { reachable: false, results: refused(first.error, info) };
  if (!first.ok && first.status === 401) return { reachable: false, results: refused(first.error, info) };
  return {
    reachable: true,
    results: [toResult(API_URL, urlVerdict(info)), toResult(CREDENTIALS, ok(tokenSeen(facts)))],
  };
}

const SHORT_LIFETIME_MS = 120_000;

export function tokenLifetimeCheck(info: ConnectionInfo): ReadCheck {
  return {
    def: {
      id: 'token-lifetime',
      group: 'connection',
      title: 'Token lifetime and renewal',
      assumed:
        'tokens carry a lifetime (expiresIn); the client renews one when less than min(refreshMarginMs, 10 % of its lifetime) remains',
      setting: `client option refreshMarginMs = ${duration(info.refreshMarginMs)} (no flag)`,
    },
    run: ({ facts }) => {
      const t = facts.tokens[0];
      if (!t) return notChecked('no token was reported');
      if (t.lifetimeMs === undefined) {
        return warn(
          'no lifetime (neither expiresIn nor expires)',
          'The client renews only after a 401 and replays the call once; long runs still work.',
        );
      }
      const renews =
        t.refreshAt === undefined
          ? ''
          : `; the client renews it ${duration(t.refreshAt - t.obtainedAt)} after issue`;
      const seen = `lifetime ${duration(t.lifetimeMs)} (from ${t.lifetimeFrom ?? '?'})${renews}${t.refreshToken ? '' : '; no refresh token: renewal is a new exchange'}`;
      if (t.lifetimeMs < SHORT_LIFETIME_MS) {
        return warn(
          seen,
          'Tokens this short are renewed often during a long apply; nothing to set, but report it if calls fail with 401.',
        );
      }
      return ok(seen);
    },
  };
}

const SKEW_LIMIT_MS = 30_000;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export const clockSkewCheck: ReadCheck = {
  def: {
    id: 'clock-skew',
    group: 'connection',
    title: "Clock against the server's Date header",
    assumed: `this machine's clock is within ${duration(SKEW_LIMIT_MS)} of the server's`,
    setting:
      "no setting: the tool uses this machine's clock (status --since windows, and token expiry when the API gives only an `expires` time)",
  },
  run: ({ facts }) => {
    const skews = facts.responses.flatMap((r) => {
      const at = r.date === undefined ? Number.NaN : Date.parse(r.date);
      return Number.isFinite(at) ? [at - r.receivedAt] : [];
    });
    if (skews.length === 0) return notChecked('no response carried a Date header');
    const skew = median(skews);
    if (Math.abs(skew) < 1000) {
      return ok("the server's clock agrees with this machine's within the Date header's 1 s resolution");
    }
    const side = skew >= 0 ? 'ahead of' : 'behind';
    const seen = `the server's clock is ${duration(Math.abs(skew))} ${side} this machine's (Date header, 1 s resolution)`;
    if (Math.abs(skew) > SKEW_LIMIT_MS) {
      return warn(
        seen,
        "Synchronise this machine's clock (NTP): status trend windows and token expiry read it.",
      );
    }
    return ok(seen);
  },
};
