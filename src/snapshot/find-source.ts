/**
 * The live source a snapshot acts on, by exact name: `GET /sources?partial_name=` (there is no
 * exact filter, api-notes §2.3), compared exactly. Read without `secret_returned`: only the include list,
 * the database name and the tags are used. A miss lists the account's sources for a "did you mean".
 */
import type { Logger } from '../logging/logger.js';
import type { ApiClient } from '../api/types.js';
import { SafetyError, UserError } from '../errors/index.js';
import { ownershipTag } from '../model/index.js';
import { didYouMean } from '../schema/suggest.js';
import { fetchTags } from '../state/fetch-lists.js';
import { isRecord } from '../state/parse.js';

export interface LiveSource {
  readonly id: string;
  readonly name: string;
  readonly connector: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly tagIds: readonly string[];
}

function readSource(raw: unknown): LiveSource | undefined {
  if (!isRecord(raw) || typeof raw['id'] !== 'string' || typeof raw['name'] !== 'string') return undefined;
  const tags = Array.isArray(raw['tags'])
    ? raw['tags'].filter((t): t is string => typeof t === 'string')
    : [];
  return {
    id: raw['id'],
    name: raw['name'],
    connector: typeof raw['connector'] === 'string' ? raw['connector'] : '',
    config: isRecord(raw['config']) ? raw['config'] : {},
    tagIds: tags,
  };
}

export async function findSource(client: ApiClient, name: string): Promise<LiveSource> {
  const rows = await client.listAll('/sources', { partial_name: name });
  const exact = rows.map(readSource).filter((s): s is LiveSource => s?.name === name);
  if (exact.length === 1 && exact[0]) return exact[0];
  if (exact.length > 1) {
    throw new UserError(
      `${exact.length} sources are named "${name}" (ids ${exact.map((s) => s.id).join(', ')})`,
      {
        hint: 'rename one of them in Streamkap: a snapshot by name must find exactly one',
      },
    );
  }
  const all = (await client.listAll('/sources')).map(readSource).flatMap((s) => (s ? [s.name] : []));
  throw new UserError(`no source is named "${name}" in the account; nothing was sent`, {
    hint: didYouMean(name, all) ?? 'names are exact and case-sensitive',
  });
}

/** Refuses (exit 3) a source the namespace does not own, when the manifests named the namespace. */
export async function checkOwned(
  client: ApiClient,
  source: LiveSource,
  namespace: string,
  logger: Logger,
): Promise<void> {
  const owner = ownershipTag(namespace);
  const tags = await fetchTags(client, logger);
  const ownerIds = new Set(
    tags.flatMap((t) => (isRecord(t) && t['name'] === owner && typeof t['id'] === 'string' ? [t['id']] : [])),
  );
  if (source.tagIds.some((id) => ownerIds.has(id))) return;
  throw new SafetyError(
    `source ${source.name} is not owned by namespace ${namespace} (no tag ${owner}); nothing was sent`,
    {
      hint: 'snapshot it without manifest paths if you mean to act on a source another team owns',
    },
  );
}
