import { ApiError } from '../errors/index.js';
import { scrubSecrets, scrubText } from '../logging/scrub.js';

/** A response body as read: parsed JSON when it is JSON, the raw text otherwise. */
export interface ResponseBody {
  readonly json: boolean;
  readonly value: unknown;
  readonly text: string;
}

/**
 * Case-insensitive substrings of a detail that mean "try again" (api-notes §4.2): they decide
 * whether a 409 is retried (every 5xx is retried anyway, as the quickstart does).
 */
const TRANSIENT_PATTERNS: readonly string[] = [
  'kafkaconnecttimeout',
  'request timed out',
  'timed out on all nodes',
  'sockettimeoutexception',
  'too many requests',
  'bad gateway',
  'service unavailable',
  'gateway timeout',
  'connection refused',
  'connection reset',
  'no such host',
  'network unreachable',
  'i/o timeout',
  'rebalance_in_progress',
  'rebalance is expected',
  'leader_not_available',
  'not_leader_for_partition',
  'kafka connect api call failed with status code 404',
  'kafka connect api call failed with status code 409',
];

export function isTransientDetail(details: readonly string[]): boolean {
  const text = details.join('\n').toLowerCase();
  return TRANSIENT_PATTERNS.some((p) => text.includes(p));
}

const SNIPPET_CHARS = 200;

function snippet(text: string, known: Iterable<string>): string {
  const flat = scrubText(text, known).replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS)}...` : flat;
}

function validationLine(item: unknown): string {
  if (item === null || typeof item !== 'object') return String(item);
  const { loc, msg } = item as { loc?: unknown; msg?: unknown };
  const where = Array.isArray(loc) ? loc.map(String).join('.') : '';
  const what = typeof msg === 'string' ? msg : JSON.stringify(scrubSecrets(item));
  return where ? `${where}: ${what}` : what;
}

/**
 * The detail lines of an error body: the string `detail`, or one line per Pydantic validation
 * item (`loc` dot-joined, then `msg`; the echoed `input` is never shown, it may hold secrets).
 */
export function detailLines(body: ResponseBody, known: Iterable<string>): string[] {
  if (!body.json || body.value === null || typeof body.value !== 'object') return [];
  const record = body.value as Record<string, unknown>;
  const detail = record['detail'] ?? record['message'] ?? record['error'];
  if (typeof detail === 'string') return [scrubText(detail, known)];
  if (Array.isArray(detail)) return detail.map((item) => scrubText(validationLine(item), known));
  if (detail !== undefined) return [snippet(JSON.stringify(scrubSecrets(detail)), known)];
  return [];
}

/** Method, path and the bits of an HTTP failure needed for a message. */
export interface HttpFailure {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly body: ResponseBody;
  readonly attempts: number;
  readonly retryable: boolean;
  readonly knownSecrets: Iterable<string>;
}

function hintFor(status: number, details: readonly string[], body: ResponseBody): string | undefined {
  const text = details.join(' ').toLowerCase();
  if (status === 401) {
    return 'Check STREAMKAP_CLIENT_ID and STREAMKAP_CLIENT_SECRET: the API client may be wrong, revoked or expired.';
  }
  if (status === 403) {
    return 'The API client lacks permission for this call; grant it the needed role in the Streamkap console.';
  }
  if (text.includes('already exists')) {
    return (
      'An object with this name already exists (names are unique tenant-wide, even across services): ' +
      'rename it in the manifest, or tag the existing one with the ownership tag to adopt it.'
    );
  }
  if (status === 422 && Array.isArray((body.value as { detail?: unknown } | null)?.detail)) {
    return 'The API rejected the request body; fix the fields listed above in the manifest.';
  }
  if (status === 404) return 'The object does not exist (deleted outside git?); run plan again.';
  if (status === 429) return 'The API is rate limiting; lower --concurrency or try again later.';
  if (status >= 500) {
    return 'The Streamkap API is failing; try again later, and quote the request id to Streamkap support if it persists.';
  }
  return undefined;
}

function describe(details: readonly string[], body: ResponseBody, known: Iterable<string>): string {
  if (details.length > 1) return `:\n  ${details.join('\n  ')}`;
  if (details.length === 1) return `: ${details[0] ?? ''}`;
  if (!body.json && body.text.trim() !== '') return ` (non-JSON body: ${snippet(body.text, known)})`;
  if (body.json) return ` (body: ${snippet(JSON.stringify(scrubSecrets(body.value)), known)})`;
  return ' (empty body)';
}

/** The typed error for a failed HTTP response. */
export function httpError(failure: HttpFailure): ApiError {
  const details = detailLines(failure.body, failure.knownSecrets);
  const after = failure.attempts > 1 ? ` after ${failure.attempts} attempts` : '';
  const shownId = shownRequestId(failure.requestId, failure.knownSecrets);
  const requestId = shownId ? ` [request id ${shownId}]` : '';
  const hint = hintFor(failure.status, details, failure.body);
  return new ApiError({
    message: `${failure.method} ${failure.path} -> HTTP ${failure.status}${after}${describe(details, failure.body, failure.knownSecrets)}${requestId}`,
    status: failure.status,
    method: failure.method,
    path: failure.path,
    requestId: shownId,
    details,
    retryable: failure.retryable,
    ...(hint ? { hint } : {}),
  });
}

/** A request id as shown in messages and logs: secrets masked (a hostile server could echo one). */
export function shownRequestId(id: string | undefined, known: Iterable<string>): string | undefined {
  return id === undefined ? undefined : scrubText(id, known);
}

/** The path as shown in errors and logs: ids kept, no query string, secrets masked. */
export function displayPath(path: string, known: Iterable<string>): string {
  const bare = path.split('?')[0] ?? path;
  return scrubText(bare, known);
}
