/**
 * The account's tags with exactly this name (api-notes §3.4: `GET /tags?tag_name=` filters by
 * substring, so the exact name is picked here). One read, shared by the tag writer's lookup after a
 * lost create and the namespace lock.
 */
import type { ApiClient } from '../api/types.js';

export async function tagsNamed(client: ApiClient, name: string): Promise<Record<string, unknown>[]> {
  const res = await client.request('GET', '/tags', { query: { tag_name: name } });
  const tags = (res as { tags?: unknown } | null)?.tags;
  return Array.isArray(tags)
    ? tags.filter(
        (t): t is Record<string, unknown> =>
          t !== null && typeof t === 'object' && (t as { name?: unknown }).name === name,
      )
    : [];
}
