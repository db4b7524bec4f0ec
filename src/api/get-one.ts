import type { ApiClient, Query } from './types.js';

/**
 * GET one object by id. The API answers with a list envelope of 0 or 1 items, and some routes
 * with 404 for a missing id: both mean "absent" (undefined).
 */
export async function getOne(client: ApiClient, path: string, query?: Query): Promise<unknown> {
  const body = await client.request('GET', path, { ...(query ? { query } : {}), absentOn: [404] });
  if (body === undefined || body === null || typeof body !== 'object') return undefined;
  const result = (body as { result?: unknown }).result;
  // NOTE: a bare object (no envelope) is accepted too, in case a route answers that way.
  if (!Array.isArray(result)) return 'id' in body ? body : undefined;
  return result[0] ?? undefined;
}
