/**
 * The pipelines a namespace owns: those carrying its `gitops:<namespace>` tag. Two list calls
 * whatever the count (`GET /tags`, `GET /pipelines` paged by 100), and without
 * `secret_returned`: status needs ids, names and statuses, never a config value.
 */
import type { Logger } from '../logging/logger.js';
import type { ApiClient } from '../api/types.js';
import { ownershipTag } from '../model/index.js';
import { fetchTags } from '../state/fetch-lists.js';
import { first, isRecord, str, type UnknownRecord } from './read-values.js';

export interface EndRef {
  readonly id: string;
  readonly name: string;
  /** The embedded object's `connector_status`, when the list carries it. */
  readonly status: string | undefined;
}

export interface OwnedPipeline {
  readonly id: string;
  readonly name: string;
  readonly source: EndRef;
  readonly destination: EndRef;
  readonly topics: readonly string[];
}

function end(v: unknown): EndRef {
  const r: UnknownRecord = isRecord(v) ? v : {};
  return {
    id: str(r['id']) ?? '',
    name: str(r['name']) ?? str(r['id']) ?? '?',
    status: str(first(r, ['connector_status', 'connectorStatus'])),
  };
}

function readPipeline(raw: unknown): (OwnedPipeline & { tagIds: readonly string[] }) | undefined {
  if (!isRecord(raw)) return undefined;
  const id = str(raw['id']);
  const name = str(raw['name']);
  if (id === undefined || name === undefined) return undefined;
  const source = isRecord(raw['source']) ? raw['source'] : {};
  const topics = Array.isArray(source['topics']) ? source['topics'].filter((t) => typeof t === 'string') : [];
  const tags = Array.isArray(raw['tags'])
    ? raw['tags'].filter((t): t is string => typeof t === 'string')
    : [];
  return { id, name, source: end(raw['source']), destination: end(raw['destination']), topics, tagIds: tags };
}

/** Owned pipelines, sorted by name. */
export async function ownedPipelines(
  client: ApiClient,
  namespace: string,
  logger: Logger,
): Promise<OwnedPipeline[]> {
  const [tags, rows] = await Promise.all([fetchTags(client, logger), client.listAll('/pipelines')]);
  const owner = ownershipTag(namespace);
  const ownerIds = new Set(
    tags.flatMap((t) => (isRecord(t) && t['name'] === owner && typeof t['id'] === 'string' ? [t['id']] : [])),
  );
  if (ownerIds.size === 0) return [];
  return rows
    .map(readPipeline)
    .filter((p): p is OwnedPipeline & { tagIds: readonly string[] } => p !== undefined)
    .filter((p) => p.tagIds.some((id) => ownerIds.has(id)))
    .map(({ tagIds: _tags, ...p }) => p)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
