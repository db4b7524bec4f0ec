/**
 * Out-of-band writes for tests and the demo (`POST /__emulator/seed`): create records as if made in
 * the web UI, or change existing ones by id, bypassing API validation (duplicates included).
 */
import { isRecord } from './http.js';
import type { ServerEnv } from './router.js';
import { activeSettle } from './routes/common.js';
import { prettyTopic, sourceTopicId } from './topics.js';
import type {
  Json,
  JsonRecord,
  StoredConnector,
  StoredPipeline,
  StoredTag,
  StoredTransform,
} from './types.js';

export interface SeededRef {
  kind: string;
  id: string;
  name: string;
}

const KIND_OF_LIST: Record<string, string> = {
  tags: 'tag',
  sources: 'source',
  destinations: 'destination',
  transforms: 'transform',
  pipelines: 'pipeline',
};
const ORDER = ['tag', 'source', 'destination', 'transform', 'pipeline'];

/** Accepts `[{kind, ...}]`, `{items: [...]}` or `{tags: [...], sources: [...], ...}`. */
export function seedItems(body: unknown): JsonRecord[] {
  if (Array.isArray(body)) return body.filter(isRecord) as JsonRecord[];
  if (!isRecord(body)) throw new Error('seed body must be a list of objects or an object of lists');
  if (Array.isArray(body['items'])) return seedItems(body['items']);
  const items: JsonRecord[] = [];
  for (const [list, kind] of Object.entries(KIND_OF_LIST)) {
    const v = body[list];
    if (Array.isArray(v)) for (const x of v) if (isRecord(x)) items.push({ ...(x as JsonRecord), kind });
  }
  return items;
}

function str(v: Json | undefined, what: string): string {
  if (typeof v !== 'string' || v === '') throw new Error(`seed: ${what} must be a non-empty string`);
  return v;
}

/** Tag references may be ids or names. */
function tagIds(env: ServerEnv, v: Json | undefined): string[] | null {
  if (!Array.isArray(v) || v.length === 0) return null;
  return v.map((x) => {
    const ref = str(x, 'a tag reference');
    return env.store.tags.get(ref)?.id ?? env.store.tags.named(ref)[0]?.id ?? ref;
  });
}

function refId(env: ServerEnv, kind: 'source' | 'destination' | 'transform', v: Json | undefined): string {
  if (typeof v === 'string') return v;
  if (!isRecord(v)) throw new Error(`seed: a pipeline's ${kind} must be {id} or {name}`);
  if (typeof v['id'] === 'string') return v['id'];
  const name = str(v['name'], `${kind}.name`);
  const collection = kind === 'transform' ? env.store.transforms : env.store.connectors(kind);
  const found = collection.named(name)[0];
  if (!found) throw new Error(`seed: ${kind} '${name}' does not exist (seed it first)`);
  return found.id;
}

/** The id of the tag named `name`, created (custom, every type) when the account has none. */
function ensureTag(env: ServerEnv, name: string): string {
  const found = env.store.tags.named(name)[0];
  if (found) return found.id;
  const tag: StoredTag = {
    kind: 'tag',
    id: env.newId(),
    name,
    created_timestamp: new Date(env.now()).toISOString(),
    description: null,
    type: ['sources', 'destinations', 'pipelines', 'transforms'],
    system: false,
    custom: true,
  };
  env.store.tags.add(tag);
  return tag.id;
}

/**
 * The item's tags; `owner: "ns"` adds the ownership tag `gitops:ns` (created if need be), so a test
 * seeds an object another namespace owns in one line.
 */
function itemTagIds(env: ServerEnv, item: JsonRecord): string[] | null {
  const ids = tagIds(env, item['tags']);
  if (item['owner'] === undefined) return ids;
  const owned = ensureTag(env, `gitops:${str(item['owner'], 'owner')}`);
  return [...(ids ?? []).filter((id) => id !== owned), owned];
}

function common(env: ServerEnv, item: JsonRecord, name: string) {
  const now = new Date(env.now()).toISOString();
  return {
    id: typeof item['id'] === 'string' ? item['id'] : env.newId(),
    name,
    tags: itemTagIds(env, item),
    created_from: typeof item['created_from'] === 'string' ? item['created_from'] : 'web',
    created_timestamp: now,
    updated_timestamp: now,
    settle: activeSettle(),
  };
}

function seedOne(env: ServerEnv, item: JsonRecord): SeededRef {
  const kind = str(item['kind'], 'kind');
  const store = env.store;
  if (kind === 'tag') {
    const c = common(env, item, str(item['name'], 'tag name'));
    const tag: StoredTag = {
      kind: 'tag',
      id: c.id,
      name: c.name,
      created_timestamp: c.created_timestamp,
      description: typeof item['description'] === 'string' ? item['description'] : null,
      type: Array.isArray(item['type'])
        ? (item['type'] as string[])
        : ['sources', 'destinations', 'pipelines', 'transforms'],
      system: item['system'] === true,
      custom: item['system'] !== true,
    };
    store.tags.add(tag);
    return { kind, id: tag.id, name: tag.name };
  }
  if (kind === 'source' || kind === 'destination') {
    const record: StoredConnector = {
      ...common(env, item, str(item['name'], `${kind} name`)),
      kind,
      connector: str(item['connector'], `${kind} connector`),
      config: isRecord(item['config']) ? structuredClone(item['config'] as JsonRecord) : {},
      kc_cluster_id: typeof item['kc_cluster_id'] === 'string' ? item['kc_cluster_id'] : null,
    };
    store.connectors(kind).add(record);
    return { kind, id: record.id, name: record.name };
  }
  if (kind === 'transform') return seedTransform(env, item);
  if (kind === 'pipeline') return seedPipeline(env, item);
  throw new Error(`seed: unknown kind '${kind}' (tag, source, destination, transform, pipeline)`);
}

function seedTransform(env: ServerEnv, item: JsonRecord): SeededRef {
  const config = isRecord(item['config']) ? structuredClone(item['config'] as JsonRecord) : {};
  const name =
    typeof item['name'] === 'string' ? item['name'] : str(config['transforms.name'], 'transform name');
  config['transforms.name'] = name;
  const c = common(env, item, name);
  const implementation = (item['implementation'] ?? null) as Json;
  const record: StoredTransform = {
    ...c,
    kind: 'transform',
    config,
    implementation,
    transform_type: str(item['transform'] ?? item['transform_type'], 'transform type'),
    versions:
      implementation === null
        ? []
        : [
            {
              version_id: '1',
              description: null,
              implementation,
              config: null,
              created_at: c.created_timestamp,
            },
          ],
    job: null,
    topics: [],
    topic_ids: [],
  };
  env.store.transforms.add(record);
  return { kind: 'transform', id: record.id, name };
}

function seedPipeline(env: ServerEnv, item: JsonRecord): SeededRef {
  const sourceId = refId(env, 'source', item['source']);
  const topics =
    isRecord(item['source']) && Array.isArray(item['source']['topics'])
      ? (item['source']['topics'] as string[])
      : [];
  const entries = (
    Array.isArray(item['transforms']) ? item['transforms'].filter(isRecord) : []
  ) as JsonRecord[];
  const record: StoredPipeline = {
    ...common(env, item, str(item['name'], 'pipeline name')),
    kind: 'pipeline',
    source: { id: sourceId, topics: [...topics] },
    destination: { id: refId(env, 'destination', item['destination']) },
    transforms: entries.map((t) => {
      const id = refId(env, 'transform', t);
      const topicId =
        typeof t['topic_id'] === 'string'
          ? t['topic_id']
          : sourceTopicId(sourceId, str(t['topic'], 'transform topic'));
      return {
        id,
        name: env.store.transforms.get(id)?.name ?? null,
        start_time: null,
        topic: prettyTopic(topicId),
        topic_id: topicId,
      };
    }),
    topic_auto_discovery_transforms: Array.isArray(item['topic_auto_discovery_transforms'])
      ? structuredClone(item['topic_auto_discovery_transforms'])
      : [],
    snapshot_new_tables: item['snapshot_new_tables'] !== false,
  };
  env.store.pipelines.add(record);
  env.store.linkPipeline(record);
  return { kind: 'pipeline', id: record.id, name: record.name };
}

/** Changes an existing record in place (`{kind, id, ...fields}`): config keys merge, `null` removes one. */
function patchOne(env: ServerEnv, item: JsonRecord): SeededRef | undefined {
  const id = item['id'];
  if (typeof id !== 'string') return undefined;
  const kind = item['kind'];
  const record =
    kind === 'source' || kind === 'destination'
      ? env.store.connectors(kind).get(id)
      : kind === 'transform'
        ? env.store.transforms.get(id)
        : kind === 'pipeline'
          ? env.store.pipelines.get(id)
          : kind === 'tag'
            ? env.store.tags.get(id)
            : undefined;
  if (!record) return undefined;
  if (typeof item['name'] === 'string' && item['name'] !== record.name) {
    const previous = record.name;
    record.name = item['name'];
    const collection = {
      source: env.store.sources,
      destination: env.store.destinations,
      transform: env.store.transforms,
      pipeline: env.store.pipelines,
      tag: env.store.tags,
    }[record.kind];
    (collection as { rename(r: unknown, p: string): void }).rename(record, previous);
  }
  if ('config' in record && isRecord(item['config'])) {
    for (const [k, v] of Object.entries(item['config'] as JsonRecord)) {
      if (v === null) delete record.config[k];
      else record.config[k] = structuredClone(v);
    }
  }
  if ('tags' in item && record.kind !== 'tag') record.tags = tagIds(env, item['tags']);
  return { kind: record.kind, id: record.id, name: record.name };
}

export function applySeed(env: ServerEnv, body: unknown): SeededRef[] {
  const items = seedItems(body).sort(
    (a, b) => ORDER.indexOf(String(a['kind'])) - ORDER.indexOf(String(b['kind'])),
  );
  return items.map((item) => patchOne(env, item) ?? seedOne(env, item));
}
