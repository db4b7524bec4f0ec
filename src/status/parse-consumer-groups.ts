/**
 * `GET /consumer-groups` and `GET /consumer-groups/{id}` (paths from the quickstart, shapes
 * ASSUMED). A list may be a bare array, or sit under `result` (the usual envelope),
 * `consumer_groups`, `groups` or `data`; a row may be a string or an object naming its group in
 * `group_id`, `groupId`, `id` or `name`. Lag is a total (`lag`, `total_lag`, ...) or the sum over
 * partitions of `lag`, else `log_end_offset - current_offset` (snake or camel case).
 */
import { first, isRecord, num, str, type UnknownRecord } from './read-values.js';

export interface GroupRow {
  readonly id: string;
  /** When the list already carries it (no describe call needed). */
  readonly lag: number | undefined;
}

const LIST_KEYS = ['result', 'consumer_groups', 'consumerGroups', 'groups', 'data'];
const ID_KEYS = ['group_id', 'groupId', 'id', 'name', 'group'];
const LAG_KEYS = ['lag', 'total_lag', 'totalLag', 'consumer_lag', 'consumerLag', 'sum_lag'];
const END_KEYS = ['log_end_offset', 'logEndOffset', 'end_offset', 'endOffset', 'high_watermark'];
const AT_KEYS = ['current_offset', 'currentOffset', 'committed_offset', 'committedOffset', 'offset'];

export function listRows(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (!isRecord(body)) return [];
  const list = first(body, LIST_KEYS);
  return Array.isArray(list) ? list : [];
}

function partitionLag(p: unknown): number | undefined {
  if (!isRecord(p)) return undefined;
  const lag = num(first(p, LAG_KEYS));
  if (lag !== undefined) return lag;
  const end = num(first(p, END_KEYS));
  const at = num(first(p, AT_KEYS));
  return end !== undefined && at !== undefined ? Math.max(0, end - at) : undefined;
}

/** Partitions directly under the group, or nested per topic (`topics: [{partitions: [...]}]`). */
function partitions(g: UnknownRecord): unknown[] {
  const direct = first(g, ['partitions', 'offsets', 'topic_partitions', 'topicPartitions']);
  if (Array.isArray(direct)) return direct;
  const topics = g['topics'];
  if (!Array.isArray(topics)) return [];
  return topics.flatMap((t) => (isRecord(t) && Array.isArray(t['partitions']) ? t['partitions'] : []));
}

/** A group's total lag, or undefined when the body says nothing readable about it. */
export function groupLag(body: unknown): number | undefined {
  if (!isRecord(body)) return undefined;
  const g = isRecord(body['data']) ? body['data'] : body;
  const total = num(first(g, LAG_KEYS));
  if (total !== undefined) return total;
  const lags = partitions(g)
    .map(partitionLag)
    .filter((n): n is number => n !== undefined);
  return lags.length > 0 ? lags.reduce((a, b) => a + b, 0) : undefined;
}

export function parseGroupRows(body: unknown): GroupRow[] {
  return listRows(body).flatMap((row): GroupRow[] => {
    if (typeof row === 'string') return row === '' ? [] : [{ id: row, lag: undefined }];
    if (!isRecord(row)) return [];
    const id = str(first(row, ID_KEYS));
    return id === undefined ? [] : [{ id, lag: groupLag(row) }];
  });
}

/**
 * The groups that consume for a pipeline. NOTE: how Streamkap names a destination's consumer group
 * is not documented (api-notes §9.10). Kafka Connect names a sink connector's group
 * `connect-<connector name>`, and Streamkap names objects on the wire after their ids (topics are
 * `source_<id>.…`), so we take the groups whose id contains the destination's id, else the
 * pipeline's id. No match means "consumer lag unknown", never an error.
 */
export function groupsFor(rows: readonly GroupRow[], destinationId: string, pipelineId: string): GroupRow[] {
  const byDestination = destinationId === '' ? [] : rows.filter((r) => r.id.includes(destinationId));
  if (byDestination.length > 0) return byDestination;
  return pipelineId === '' ? [] : rows.filter((r) => r.id.includes(pipelineId));
}
