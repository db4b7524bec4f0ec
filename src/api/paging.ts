import { ApiError } from '../errors/index.js';
import type { Query } from './types.js';

/** Never more: what the API does above 100 is unknown (api-notes §2.1). */
export const MAX_PAGE_SIZE = 100;
/** The provider's cap; past it the listing is assumed to be looping. */
const MAX_PAGES = 1000;
/** Most pages requested in one concurrent round when `total` gives a hint. */
const HINTED_BATCH = 64;
/** Most pages requested speculatively in one round without a usable hint. */
const BLIND_BATCH = 8;

interface Page {
  readonly items: readonly unknown[];
  /** The page size the server says it used (it may clamp below what was asked). */
  readonly size: number;
  readonly total: number | undefined;
}

function parsePage(body: unknown, path: string, page: number, asked: number): Page {
  const record = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const result = record['result'];
  if (!Array.isArray(result)) {
    throw new ApiError({
      message: `GET ${path} (page ${page}) -> unexpected response: no "result" list in the body`,
      method: 'GET',
      path,
      hint: 'Is --api-url / STREAMKAP_API_URL pointing at the Streamkap API?',
    });
  }
  const served = record['page_size'];
  const total = record['total'];
  return {
    items: result as unknown[],
    size: typeof served === 'number' && served > 0 && served < asked ? served : asked,
    total: typeof total === 'number' && total >= 0 ? total : undefined,
  };
}

const isShort = (page: Page): boolean => page.items.length < page.size;

/** How many pages to request next, from `next` on. */
function batchSize(next: number, expectedLast: number | undefined, blind: number): number {
  const room = MAX_PAGES - next + 1;
  if (expectedLast !== undefined && expectedLast >= next) {
    return Math.min(expectedLast - next + 1, HINTED_BATCH, room);
  }
  return Math.min(blind, room);
}

function tooManyPages(path: string, size: number): ApiError {
  return new ApiError({
    message: `GET ${path}: more than ${MAX_PAGES} pages of ${size}; stopped listing`,
    method: 'GET',
    path,
    hint: 'The API kept returning full pages; this looks like a server paging bug. Report it with --debug output.',
  });
}

/**
 * Every item of a paged listing. Page 1 first; then further pages concurrently, as many as
 * `total` predicts (or a few, growing, when it is absent or wrong). The first short page ends
 * the listing.
 * NOTE: `total`/`has_next` are only hints (they go wrong under concurrent deletes); a short page
 * is the only end signal. Items repeated across pages (inserts shifting them) are kept once.
 */
export async function listAllPages(
  fetchPage: (query: Query) => Promise<unknown>,
  path: string,
  query: Query,
  pageSize: number = MAX_PAGE_SIZE,
): Promise<unknown[]> {
  const get = async (page: number): Promise<Page> =>
    parsePage(await fetchPage({ ...query, page, page_size: pageSize }), path, page, pageSize);
  const first = await get(1);
  const pages: Page[] = [first];
  // The first page expected to be short (possibly empty) when `total` is right.
  const expectedLast = first.total === undefined ? undefined : Math.floor(first.total / first.size) + 1;
  let next = 2;
  let blind = 1;
  let done = isShort(first);
  while (!done) {
    if (next > MAX_PAGES) throw tooManyPages(path, pageSize);
    const count = batchSize(next, expectedLast, blind);
    if (expectedLast === undefined || expectedLast < next) blind = Math.min(blind * 2, BLIND_BATCH);
    const numbers = Array.from({ length: count }, (_, i) => next + i);
    const batch = await Promise.all(numbers.map(get));
    for (const page of batch) {
      pages.push(page);
      if (isShort(page)) {
        done = true;
        break;
      }
    }
    next += count;
  }
  return dedupeById(pages.flatMap((p) => p.items));
}

/**
 * The identity of a listed row: its id, plus its topic where the listing unwinds one row per topic
 * (transforms without `unwind_topics=false`, api-notes §3.3): those rows share an id and must all be kept.
 */
function rowKey(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const row = item as { id?: unknown; topic_id?: unknown; topic?: unknown };
  if (typeof row.id !== 'string') return undefined;
  const topic =
    typeof row.topic_id === 'string' ? row.topic_id : typeof row.topic === 'string' ? row.topic : '';
  return `${row.id}\u0000${topic}`;
}

function dedupeById(items: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const item of items) {
    const key = rowKey(item);
    if (key !== undefined) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    out.push(item);
  }
  return out;
}
