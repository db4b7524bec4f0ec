/**
 * The only place src/state talks to the API: one list call per kind (paged by the client), plus the
 * unpaged `GET /tags`, all started at once. Never one GET per resource (api-notes §2.1): a plan of N
 * resources costs about N/100 list calls per kind, plus one for tags.
 */
import type { Logger } from '../logging/logger.js';
import type { ApiClient } from '../api/types.js';
import type { ResourceKind } from '../model/index.js';
import { ApiError } from '../errors/index.js';
import { tagListFromResponse } from './kinds/tag.js';
import type { ListEndpoint } from './reader.js';

export const TAGS_PATH = '/tags';

export async function fetchTags(client: ApiClient, logger: Logger): Promise<readonly unknown[]> {
  const started = performance.now();
  const tags = tagListFromResponse(await client.request('GET', TAGS_PATH));
  if (typeof tags === 'string') {
    throw new ApiError({
      message: `GET ${TAGS_PATH} answered in an unexpected shape: ${tags}`,
      method: 'GET',
      path: TAGS_PATH,
      status: 200,
      hint: 'Check that --api-url points at the Streamkap API (or the emulator).',
    });
  }
  logger.debug(
    { list: 'tags', count: tags.length, ms: Math.round(performance.now() - started) },
    'listed tags',
  );
  return tags;
}

/**
 * Every item of one kind's list (`page_size=100`, pages after the first fetched concurrently by the
 * client). Each kind's endpoint is its registration's (src/state/kinds/); every one asks for
 * plaintext secrets (api-notes §2.4, §7.9).
 */
export async function fetchList(
  client: ApiClient,
  kind: ResourceKind,
  { path, query }: ListEndpoint,
  logger: Logger,
): Promise<readonly unknown[]> {
  const started = performance.now();
  const items = await client.listAll(path, query);
  // NOTE: counts and durations only: the objects hold secrets (pipelines embed whole sources).
  logger.debug(
    { list: kind, count: items.length, ms: Math.round(performance.now() - started) },
    `listed ${kind}`,
  );
  return items;
}
