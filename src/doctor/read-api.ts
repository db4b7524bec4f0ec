/**
 * The calls doctor's read checks may make: GETs only (the client's token exchange aside), so
 * "read-only by default" is a type: a check handed a ReadApi has no way to write. Answers are
 * memoised by path and query, so checks looking at the same list read it once, and the state
 * loader run over `asClient()` reuses them too.
 */
import type { ApiClient, Query } from '../api/types.js';
import { ApiError, InternalError } from '../errors/index.js';

export type ReadOutcome =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly status: number | undefined; readonly error: ApiError };

export interface ReadApi {
  /** One GET; throws the client's ApiError. */
  get(path: string, query?: Query): Promise<unknown>;
  /** One GET whose refusal (a 4xx, a 403) is a value to look at, not an error. */
  tryGet(path: string, query?: Query): Promise<ReadOutcome>;
  /** Every item of a paged list (the client's paging: page_size=100, short page ends). */
  list(path: string, query?: Query): Promise<readonly unknown[]>;
  /** The same memoised reads as an ApiClient (for the state loader); any other method throws. */
  asClient(): ApiClient;
}

const keyOf = (path: string, query: Query | undefined): string => `${path}?${JSON.stringify(query ?? {})}`;

export function createReadApi(client: ApiClient): ReadApi {
  const gets = new Map<string, Promise<unknown>>();
  const lists = new Map<string, Promise<unknown[]>>();
  const get = (path: string, query?: Query): Promise<unknown> => {
    const key = keyOf(path, query);
    let answer = gets.get(key);
    if (!answer) gets.set(key, (answer = client.request('GET', path, query ? { query } : {})));
    return answer;
  };
  const list = (path: string, query?: Query): Promise<unknown[]> => {
    const key = keyOf(path, query);
    let answer = lists.get(key);
    if (!answer) lists.set(key, (answer = client.listAll(path, query)));
    return answer;
  };
  const readOnly: ApiClient = {
    request(method, path, options) {
      if (method !== 'GET') {
        return Promise.reject(new InternalError(`doctor's read checks must not send ${method} ${path}`));
      }
      return get(path, options?.query);
    },
    listAll: list,
    maskValues: (values) => client.maskValues(values),
    get stats() {
      return client.stats;
    },
    close: () => Promise.resolve(),
  };
  return {
    get,
    list,
    async tryGet(path, query) {
      try {
        return { ok: true, body: await get(path, query) };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return { ok: false, status: error.status, error };
      }
    },
    asClient: () => readOnly,
  };
}
