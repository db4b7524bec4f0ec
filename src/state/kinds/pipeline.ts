/**
 * Pipeline reader (api-notes §3.2, §6, §7.6, §7.8, §7.12). Reads `source.{id,name,topics}`,
 * `destination.{id,name}`, `tags`, `snapshot_new_tables`, `topic_auto_discovery_transforms` and the
 * flat `transforms` (one entry per topic), regrouped by transform id into `{name, topics}` with
 * empty-topic entries skipped. References become names: ids are resolved against the loaded
 * sources/destinations/transforms, falling back to the embedded names. Topics are pretty names (an
 * exact `source_<sourceId>.` prefix is dropped). The embedded source/destination objects carry full
 * configs with secrets: only the four fields above are read from them, and nothing of them is kept
 * or logged. Ids and per-topic topic ids go to live.wire for the applier.
 */
import type { JsonValue, LiveOf, PipelineTransformRef, TopicAutoDiscovery } from '../../model/index.js';
import { PROTECTED_TAG } from '../../model/index.js';
import { fingerprintOf } from '../fingerprint.js';
import { ShapeReader, isRecord } from '../parse.js';
import type { UnknownRecord } from '../parse.js';
import type { ListedLive, ReadContext, ReadResult } from '../reader.js';

interface EndRef {
  readonly id: string;
  readonly name: string;
  readonly connector: string | null;
}

function readEnd(r: ShapeReader, key: 'source' | 'destination', names: ReadonlyMap<string, string>): EndRef {
  const end = r.optionalRecord(key) ?? {};
  const id = typeof end.id === 'string' ? end.id : '';
  const embedded = typeof end.name === 'string' && end.name !== '' ? end.name : undefined;
  const name = names.get(id) ?? embedded ?? '';
  if (name === '') r.problems.push(`"${key}" has neither a known id nor a name`);
  return { id, name, connector: typeof end.connector === 'string' ? end.connector : null };
}

function prettyTopic(topic: string, sourceId: string): string {
  const prefix = `source_${sourceId}.`;
  return sourceId !== '' && topic.startsWith(prefix) ? topic.slice(prefix.length) : topic;
}

function readTopics(r: ShapeReader, sourceId: string): string[] {
  const source = isRecord(r.object.source) ? r.object.source : {};
  const raw = source.topics ?? [];
  if (!Array.isArray(raw) || !raw.every((t) => typeof t === 'string')) {
    r.problems.push('"source.topics" must be an array of strings');
    return [];
  }
  return [...new Set(raw.map((t) => prettyTopic(t, sourceId)))].sort();
}

interface TransformEntries {
  readonly refs: PipelineTransformRef[];
  readonly ids: Record<string, string>;
  readonly topicIds: Record<string, Record<string, string>>;
  readonly namesById: Map<string, string>;
}

function readTransformEntries(
  r: ShapeReader,
  sourceId: string,
  ctx: ReadContext,
  owner: string,
): TransformEntries {
  const groups = new Map<string, { name: string; topics: Set<string>; topicIds: Record<string, string> }>();
  for (const entry of r.optionalArray('transforms')) {
    if (!isRecord(entry) || typeof entry.id !== 'string' || entry.id === '') {
      r.problems.push('every "transforms" entry must be an object with an id');
      continue;
    }
    const topic = typeof entry.topic === 'string' ? prettyTopic(entry.topic, sourceId) : '';
    let group = groups.get(entry.id);
    if (!group) {
      const name =
        ctx.namesById('transform').get(entry.id) ??
        (typeof entry.name === 'string' && entry.name !== '' ? entry.name : undefined);
      if (name === undefined)
        ctx.warn(`${owner} uses transform id ${entry.id}, whose name is unknown; using the id as its name`);
      group = { name: name ?? entry.id, topics: new Set(), topicIds: {} };
      groups.set(entry.id, group);
    }
    if (topic === '') continue;
    group.topics.add(topic);
    if (typeof entry.topic_id === 'string') group.topicIds[topic] = entry.topic_id;
  }
  const out: TransformEntries = { refs: [], ids: {}, topicIds: {}, namesById: new Map() };
  for (const [id, g] of groups) {
    out.namesById.set(id, g.name);
    // NOTE: a transform whose every entry has an empty topic is attached to nothing (api-notes §6.2).
    if (g.topics.size === 0) continue;
    out.refs.push({ name: g.name, topics: [...g.topics].sort() });
    out.ids[g.name] = id;
    out.topicIds[id] = g.topicIds;
  }
  out.refs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return out;
}

function readAutoDiscovery(
  r: ShapeReader,
  ctx: ReadContext,
  local: ReadonlyMap<string, string>,
  owner: string,
): TopicAutoDiscovery[] {
  const out: TopicAutoDiscovery[] = [];
  for (const entry of r.optionalArray('topic_auto_discovery_transforms')) {
    if (!isRecord(entry) || typeof entry.transform_id !== 'string' || typeof entry.regex !== 'string') {
      r.problems.push(
        'every "topic_auto_discovery_transforms" entry must have a string transform_id and regex',
      );
      continue;
    }
    const name = ctx.namesById('transform').get(entry.transform_id) ?? local.get(entry.transform_id);
    if (name === undefined)
      ctx.warn(
        `${owner} auto-discovers with transform id ${entry.transform_id}, whose name is unknown; using the id`,
      );
    out.push({ transform: name ?? entry.transform_id, regex: entry.regex });
  }
  return out;
}

/** The object as fingerprinted: embedded ends reduced to what we manage, transform entries sorted. */
function fingerprintView(raw: UnknownRecord): UnknownRecord {
  const end = (v: unknown): unknown => {
    if (!isRecord(v)) return v ?? null;
    const topics = Array.isArray(v.topics) ? [...(v.topics as unknown[])].map(String).sort() : null;
    return { id: v.id ?? null, name: v.name ?? null, connector: v.connector ?? null, topics };
  };
  const entries = Array.isArray(raw.transforms)
    ? raw.transforms.map((e: unknown) =>
        isRecord(e) ? { id: e.id, topic: e.topic, topic_id: e.topic_id } : e,
      )
    : raw.transforms;
  if (Array.isArray(entries)) entries.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return { ...raw, source: end(raw.source), destination: end(raw.destination), transforms: entries };
}

export function readPipeline(raw: unknown, ctx: ReadContext): ReadResult<LiveOf<'pipeline'>> {
  if (!isRecord(raw)) return { problems: ['not an object'] };
  const r = new ShapeReader(raw);
  const id = r.requiredString('id');
  const name = r.requiredString('name');
  const owner = `pipeline "${name}"`;
  const source = readEnd(r, 'source', ctx.namesById('source'));
  const destination = readEnd(r, 'destination', ctx.namesById('destination'));
  const topics = readTopics(r, source.id);
  const transforms = readTransformEntries(r, source.id, ctx, owner);
  const topicAutoDiscovery = readAutoDiscovery(r, ctx, transforms.namesById, owner);
  // NOTE: the backend default is unknown (api-notes §6.1); absent reads as the provider's default, true.
  const snapshotNewTables = r.optionalBoolean('snapshot_new_tables') ?? true;
  const tags = ctx.tags.resolve(raw.tags, owner);
  if (tags.problem) r.problems.push(tags.problem);
  if (r.problems.length > 0) return { problems: r.problems };

  const wire: Record<string, JsonValue> = {
    source_id: source.id,
    source_connector: source.connector,
    destination_id: destination.id,
    destination_connector: destination.connector,
    transform_ids: transforms.ids,
    transform_topic_ids: transforms.topicIds,
  };
  return {
    value: {
      kind: 'pipeline',
      name,
      source: source.name,
      destination: destination.name,
      topics,
      transforms: transforms.refs,
      topicAutoDiscovery,
      snapshotNewTables,
      tags: tags.names,
      protected: tags.names.includes(PROTECTED_TAG),
      previousNames: [],
      live: {
        id,
        fingerprint: ctx.fingerprints === false ? '' : fingerprintOf(fingerprintView(raw)),
        tagIds: tags.ids,
        readOnlyConfig: {},
        extraConfig: {},
        wire,
      },
    },
  };
}

/** Read after the kinds it refers to (the loader orders reads by the registry's references). */
export const pipelineLive: ListedLive<'pipeline'> = {
  list: { path: '/pipelines', query: { secret_returned: true } },
  read: readPipeline,
};
