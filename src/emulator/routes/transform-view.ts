/** How a stored transform reads back (api-notes §3.3 object), including the `unwind_topics` row split. */
import { renderConfig } from '../normalise-config.js';
import type { ServerEnv } from '../router.js';
import type { Json, JsonRecord, StoredTransform } from '../types.js';

export const TRANSFORM_NAME_KEY = 'transforms.name';

export function transformName(config: JsonRecord): string | undefined {
  const v = config[TRANSFORM_NAME_KEY];
  return typeof v === 'string' ? v : undefined;
}

export function latestVersion(t: StoredTransform): string | null {
  return t.versions.at(-1)?.version_id ?? null;
}

export function renderTransform(env: ServerEnv, t: StoredTransform, secretReturned: boolean): JsonRecord {
  const s = env.settings();
  return {
    id: t.id,
    name: t.name,
    transform_type: t.transform_type,
    status: t.job ? t.job.status : 'CREATED',
    config: renderConfig(t.config, {
      kind: 'transform',
      code: t.transform_type,
      entityId: t.id,
      secretReturned,
      secretMask: s.secretMask,
      encoding: s.stringEncoding,
      booleanText: s.booleanText,
      quickstartKeys: s.quickstartKeys,
    }),
    implementation: structuredClone(t.implementation),
    version: t.job?.version ?? latestVersion(t),
    topic_ids: [...t.topic_ids],
    topics: [...t.topics],
    start_time: t.job?.start_time ?? null,
    tags: t.tags === null ? null : [...t.tags],
    created_from: t.created_from,
    created_at: t.created_timestamp,
    updated_at: t.updated_timestamp,
    sub_id: env.account.sub_id,
    tenant_id: env.account.tenant_id,
  };
}

/**
 * NOTE: without `unwind_topics=false` the server answers one row per output topic (each with
 * single-element `topics`/`topic_ids` and `topic`/`topic_id`), which is why clients ask for arrays.
 */
export function unwind(row: JsonRecord): JsonRecord[] {
  const topics = row['topics'] as Json[];
  const ids = row['topic_ids'] as Json[];
  if (topics.length <= 1) return [row];
  return topics.map((topic, i) => ({
    ...row,
    topics: [topic],
    topic_ids: [ids[i] ?? null],
    topic,
    topic_id: ids[i] ?? null,
  }));
}
