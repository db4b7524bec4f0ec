/** Helpers shared by the per-kind route files: flags, paging, envelopes, status settling, tags. */
import { detail, rawOk, validationError, type Reply } from '../http.js';
import type { Call, ServerEnv } from '../router.js';
import type { SettleState } from '../types.js';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

export function flag(call: Call, name: string): boolean {
  return call.query.get(name)?.toLowerCase() === 'true';
}

/**
 * `secret_returned=true` was sent and is honoured: plaintext secrets. With `secretReturnedHonoured`
 * off the flag changes nothing (an API client not allowed to read secrets).
 */
export function secretsReturned(call: Call): boolean {
  return flag(call, 'secret_returned') && call.env.settings().secretReturnedHonoured;
}

/** `wait=false` was sent (the default is to wait). */
export function noWait(call: Call): boolean {
  return call.query.get('wait')?.toLowerCase() === 'false';
}

export function isoNow(env: ServerEnv): string {
  return new Date(env.now()).toISOString();
}

export interface Paging {
  readonly page: number;
  readonly pageSize: number;
}

function intParam(call: Call, name: string, fallback: number): number | Reply {
  const raw = call.query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) {
    return validationError([
      {
        type: 'int_parsing',
        loc: ['query', name],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        input: raw,
      },
    ]);
  }
  return Number(raw);
}

/** `page` (>= 1, default 1) and `page_size` (1..100, default 10; above 100 per the setting). */
export function paging(call: Call, defaultSize = DEFAULT_PAGE_SIZE): Paging | Reply {
  const page = intParam(call, 'page', 1);
  if (typeof page !== 'number') return page;
  let pageSize = intParam(call, 'page_size', defaultSize);
  if (typeof pageSize !== 'number') return pageSize;
  if (page < 1) return bound('page', page, 'greater_than_equal', 1);
  if (pageSize < 1) return bound('page_size', pageSize, 'greater_than_equal', 1);
  if (pageSize > MAX_PAGE_SIZE) {
    if (call.env.settings().pageSizeOver100 === 'reject') {
      return bound('page_size', pageSize, 'less_than_equal', MAX_PAGE_SIZE);
    }
    pageSize = MAX_PAGE_SIZE;
  }
  return { page, pageSize };
}

function bound(
  name: string,
  value: number,
  type: 'greater_than_equal' | 'less_than_equal',
  limit: number,
): Reply {
  const words = type === 'greater_than_equal' ? 'greater than or equal to' : 'less than or equal to';
  return validationError([
    {
      type,
      loc: ['query', name],
      msg: `Input should be ${words} ${limit}`,
      input: String(value),
      ctx: { [type === 'greater_than_equal' ? 'ge' : 'le']: limit },
    },
  ]);
}

function envelopeText(
  result: readonly string[],
  page: number,
  pageSize: number,
  total: number,
  hasNext: boolean,
): string {
  return `{"result":[${result.join(',')}],"page":${page},"page_size":${pageSize},"total":${total},"has_next":${hasNext}}`;
}

/** The list envelope over already-filtered items; only the page slice is rendered (as JSON text). */
export function envelope<T>(items: readonly T[], p: Paging, render: (item: T) => string): Reply {
  const start = (p.page - 1) * p.pageSize;
  const slice = items.slice(start, start + p.pageSize);
  return rawOk(
    envelopeText(slice.map(render), p.page, p.pageSize, items.length, start + slice.length < items.length),
  );
}

/** Items whose name contains `partial_name` (substring, case-sensitive; ASSUMED). */
export function filterByName<T extends { name: string }>(call: Call, items: readonly T[]): readonly T[] {
  const partial = call.query.get('partial_name');
  if (partial === null || partial === '') return items;
  return items.filter((i) => i.name.includes(partial));
}

/** GET by id: the envelope with 0..1 items, or 404 when that switch is on. */
export function byIdEnvelope<T>(
  call: Call,
  item: T | undefined,
  what: string,
  render: (item: T) => string,
): Reply {
  if (item === undefined && call.env.settings().missingById === '404')
    return detail(404, `${what} not found`);
  const p = paging(call);
  const pg = 'page' in p ? p : { page: 1, pageSize: DEFAULT_PAGE_SIZE };
  const result = item === undefined ? [] : [render(item)];
  return rawOk(envelopeText(result, pg.page, pg.pageSize, result.length, false));
}

/** The transient state a write starts in: Active at once unless `wait=false`. */
export function initialSettle(call: Call, transient: 'Pending' | 'Pending Update'): SettleState {
  const s = call.env.settings();
  // NOTE: no reads to wait for and no delay (null: reads only) means Active at once, whether or
  // not anything reads the object before its status is peeked (an embedded view, metrics).
  const immediate = s.settleReads <= 0 && (s.settleDelayMs === null || s.settleDelayMs <= 0);
  if (!noWait(call) || immediate) {
    return { status: 'Active', readsLeft: 0, settleAt: null };
  }
  return {
    status: transient,
    readsLeft: s.settleReads,
    settleAt: s.settleDelayMs === null ? null : call.env.now() + s.settleDelayMs,
  };
}

export function activeSettle(): SettleState {
  return { status: 'Active', readsLeft: 0, settleAt: null };
}

/** The status a read shows; every read counts towards settling. */
export function observeStatus(settle: SettleState, env: ServerEnv): string {
  if (settle.status === 'Active') return 'Active';
  const timedOut = settle.settleAt !== null && env.now() >= settle.settleAt;
  if (settle.readsLeft <= 0 || timedOut) {
    settle.status = 'Active';
    return 'Active';
  }
  settle.readsLeft -= 1;
  return settle.status;
}

/** Peeks the status without counting a read (write echoes). */
export function currentStatus(settle: SettleState): string {
  return settle.status;
}

/**
 * `tags` of a write body: undefined/null = unchanged, [] = clear (reads back null).
 * Unknown tag ids give 400 when validation is on.
 */
export function tagsFromBody(
  call: Call,
  value: unknown,
  previous: string[] | null,
): { tags: string[] | null } | Reply {
  if (value === undefined || value === null) return { tags: previous };
  const ids = [...new Set(value as string[])];
  if (call.env.settings().validateTagIds) {
    const unknown = ids.filter((id) => !call.env.store.tags.get(id));
    if (unknown.length > 0) return detail(400, `Tag(s) not found: ${unknown.join(', ')}`);
  }
  return { tags: ids.length === 0 ? null : ids };
}

export const TAGS_RULE = { type: 'array', items: 'string', nullable: true } as const;
export const CREATED_FROM_RULE = { type: 'string', enum: ['terraform', 'web', 'api'] } as const;
