/**
 * Transform reader (api-notes §3.3, §6.3, §7.8, §7.11). The name is `name` (derived by the
 * server) or `config["transforms.name"]`; the type is `transform_type` (or the request's
 * `transform`). `implementation` is kept as the object the API holds. `version`, `topics` and
 * `topic_ids` are volatile for the diff but the applier needs them to resolve pipeline topic ids,
 * so they go to live.wire. A list may return one row per topic (unwound) or one row per transform:
 * rows are grouped by id first. A type this version does not know is skipped with a warning (no
 * manifest can declare it, so the plan can only miss it, never damage it).
 */
import type { JsonRecord, JsonValue, LiveOf, TransformType } from '../../model/index.js';
import { PROTECTED_TAG, TRANSFORM_TYPES } from '../../model/index.js';
import { fingerprintOf } from '../fingerprint.js';
import { ShapeReader, isJsonValue, isRecord } from '../parse.js';
import type { UnknownRecord } from '../parse.js';
import type { ListedLive, ReadContext, ReadResult } from '../reader.js';
import { splitConfig } from '../split-config.js';

const NAME_KEY = 'transforms.name';

/** Merges unwound rows (same id, one topic each) into one row with parallel topics/topic_ids arrays. */
export function groupTransformRows(rows: readonly unknown[]): unknown[] {
  const byId = new Map<string, { row: UnknownRecord; topics: string[]; topicIds: string[] }>();
  const out: unknown[] = [];
  for (const row of rows) {
    if (!isRecord(row) || typeof row.id !== 'string') {
      out.push(row);
      continue;
    }
    let group = byId.get(row.id);
    if (!group) {
      group = { row, topics: [], topicIds: [] };
      byId.set(row.id, group);
      out.push(row.id);
    }
    const topics = topicList(row.topics, row.topic);
    const topicIds = topicList(row.topic_ids, row.topic_id);
    topics.forEach((t, i) => {
      if (group.topics.includes(t)) return;
      group.topics.push(t);
      group.topicIds.push(topicIds[i] ?? '');
    });
  }
  return out.map((item) => {
    if (typeof item !== 'string') return item;
    const g = byId.get(item);
    return g ? { ...g.row, topics: g.topics, topic_ids: g.topicIds } : item;
  });
}

function topicList(plural: unknown, single: unknown): string[] {
  if (Array.isArray(plural)) return plural.filter((t): t is string => typeof t === 'string');
  return typeof single === 'string' && single !== '' ? [single] : [];
}

function isTransformType(value: string): value is TransformType {
  return (TRANSFORM_TYPES as readonly string[]).includes(value);
}

/**
 * A transform's `implementation` as the API holds it: an object, or a JSON string of one; `null` or
 * absent is no code (undefined). Also read by the applier's GET by id before a PUT.
 */
export function parseImplementation(value: unknown): {
  readonly value?: JsonRecord;
  readonly problem?: string;
} {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      return { problem: '"implementation" is a string that is not JSON' };
    }
  }
  if (v === undefined || v === null) return {};
  if (isRecord(v) && isJsonValue(v)) return { value: v as JsonRecord };
  return { problem: '"implementation" must be an object or null' };
}

function readImplementation(r: ShapeReader): JsonRecord | undefined {
  const parsed = parseImplementation(r.object.implementation);
  if (parsed.problem !== undefined) r.problems.push(parsed.problem);
  return parsed.value;
}

export function readTransform(raw: unknown, ctx: ReadContext): ReadResult<LiveOf<'transform'>> {
  if (!isRecord(raw)) return { problems: ['not an object'] };
  const r = new ShapeReader(raw);
  const id = r.requiredString('id');
  const rawConfig = r.optionalRecord('config') ?? {};
  const configName = typeof rawConfig[NAME_KEY] === 'string' ? rawConfig[NAME_KEY] : undefined;
  const name = r.optionalString('name') || configName || '';
  if (name === '') r.problems.push(`neither "name" nor config["${NAME_KEY}"] is a non-empty string`);
  const type = r.optionalString('transform_type') ?? r.optionalString('transform') ?? '';
  if (type === '') r.problems.push('"transform_type" must be a non-empty string');
  const implementation = readImplementation(r);
  const status = r.optionalString('status');
  const version = raw.version;
  const tags = ctx.tags.resolve(raw.tags, `transform "${name}"`);
  if (tags.problem) r.problems.push(tags.problem);
  if (r.problems.length > 0) return { problems: r.problems };
  if (!isTransformType(type))
    return {
      skipped: `transform "${name}" (${id}) has type "${type}", which this version does not know; it is left out of the live state`,
    };

  const split = splitConfig('transform', type, rawConfig, new Set([NAME_KEY]));
  for (const key of split.badKeys)
    ctx.warn(`transform "${name}": config key "${key}" does not have its catalogue type; kept as read`);
  const wire: Record<string, JsonValue> = {
    transform_type: type,
    version: typeof version === 'string' || typeof version === 'number' ? version : null,
    topics: topicList(raw.topics, undefined),
    topic_ids: topicList(raw.topic_ids, undefined),
  };
  return {
    value: {
      kind: 'transform',
      name,
      type,
      config: split.config,
      extraConfig: split.extraConfig,
      implementation,
      tags: tags.names,
      protected: tags.names.includes(PROTECTED_TAG),
      previousNames: [],
      live: {
        id,
        fingerprint: ctx.fingerprints === false ? '' : fingerprintOf(raw),
        tagIds: tags.ids,
        status,
        readOnlyConfig: split.readOnlyConfig,
        shortKeys: split.shortKeys,
        extraConfig: split.extraConfig,
        wire,
      },
    },
  };
}

/**
 * `unwind_topics=false` is documented for GET by id only; unknown parameters are ignored, and the
 * rows are grouped by id anyway.
 */
export const transformLive: ListedLive<'transform'> = {
  list: { path: '/transforms', query: { secret_returned: true, unwind_topics: false } },
  group: groupTransformRows,
  read: readTransform,
};
