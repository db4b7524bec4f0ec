/**
 * Builders for planner tests: desired and live states as values, no YAML and no HTTP. `serverEcho`
 * mimics what the Streamkap API (and our emulator) holds after creating a desired resource:
 * defaults filled, numbers and booleans string-encoded, secrets returned in plaintext, tags as names.
 */
import { getConnector, type ConnectorKind } from '../../src/catalogue/index.js';
import {
  isSecret,
  ownershipTag,
  PROTECTED_TAG,
  SecretValue,
  type Config,
  type DesiredState,
  type DestinationResource,
  type JsonValue,
  type LiveResource,
  type LiveState,
  type LiveTag,
  type PipelineResource,
  type Resource,
  type ResourceKind,
  type SourceResource,
  type TagResource,
  type TransformResource,
  type TransformType,
} from '../../src/model/index.js';

export const NS = 'shop';

export function secret(value: string, env: string): SecretValue {
  return new SecretValue(value, `env:${env}`);
}

type Extra = {
  tags?: string[];
  protected?: boolean;
  previousNames?: string[];
  extraConfig?: Record<string, JsonValue>;
};

export function source(name: string, connector: string, config: Config, extra: Extra = {}): SourceResource {
  return {
    kind: 'source',
    name,
    connector,
    config,
    extraConfig: extra.extraConfig ?? {},
    tags: extra.tags,
    protected: extra.protected ?? false,
    previousNames: extra.previousNames ?? [],
  };
}

export function destination(
  name: string,
  connector: string,
  config: Config,
  extra: Extra = {},
): DestinationResource {
  return { ...source(name, connector, config, extra), kind: 'destination' };
}

export function transform(
  name: string,
  type: TransformType,
  config: Config,
  extra: Extra & { implementation?: Record<string, JsonValue> } = {},
): TransformResource {
  const { connector: _c, ...base } = source(name, type, config, extra);
  return { ...base, kind: 'transform', type, implementation: extra.implementation };
}

export function pipeline(
  name: string,
  src: string,
  dest: string,
  opts: Partial<
    Pick<PipelineResource, 'topics' | 'transforms' | 'topicAutoDiscovery' | 'snapshotNewTables'>
  > &
    Extra = {},
): PipelineResource {
  return {
    kind: 'pipeline',
    name,
    source: src,
    destination: dest,
    topics: opts.topics,
    transforms: opts.transforms ?? [],
    topicAutoDiscovery: opts.topicAutoDiscovery ?? [],
    snapshotNewTables: opts.snapshotNewTables ?? true,
    tags: opts.tags,
    protected: opts.protected ?? false,
    previousNames: opts.previousNames ?? [],
  };
}

export function tag(name: string, description: string | null = null, types: string[] = []): TagResource {
  return { kind: 'tag', name, description, types };
}

export function desiredState(resources: Resource[], managedKinds?: ResourceKind[]): DesiredState {
  return {
    namespace: NS,
    managedKinds: managedKinds ?? ['tag', 'source', 'destination', 'transform', 'pipeline'],
    resources,
    external: {},
    files: [{ path: 'streamkap.yaml', sha256: 'a'.repeat(64) }],
  };
}

/** A deterministic placeholder id: 24 hex digits. */
export function liveId(n: number): string {
  return n.toString(16).padStart(24, '0');
}

function encode(value: JsonValue): JsonValue {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/** What the server stores for a connector config: defaults filled, scalars string-encoded. */
export function serverConfig(kind: ConnectorKind, code: string, config: Config): Config {
  const out: Record<string, JsonValue | SecretValue> = {};
  const spec = getConnector(kind, code);
  for (const f of spec?.fields ?? []) {
    if (f.readOnly || f.secret || f.default === undefined) continue;
    if (typeof f.default === 'string' && /^<.*>$/.test(f.default)) continue;
    out[f.name] = encode(f.default);
  }
  const types = new Map(spec?.fields.map((f) => [f.name, f.type]));
  for (const [k, v] of Object.entries(config)) {
    // NOTE: map-valued keys come back as JSON strings (api-notes §5.7), the hardest form for the differ.
    const isMap = types.get(k)?.startsWith('map') === true && v !== null && typeof v === 'object';
    out[k] = isSecret(v) ? new SecretValue(v.reveal()) : isMap ? JSON.stringify(v) : encode(v);
  }
  return out;
}

export interface EchoOptions {
  id: number;
  /** Live tag names; default: the resource's tags + ownership (+ protected). */
  tags?: string[];
  owned?: boolean;
}

/** The live object the server would hold after creating `r` (rename: pass the live name). */
export function serverEcho(r: Exclude<Resource, TagResource>, opts: EchoOptions): LiveResource {
  const ownTags = opts.owned === false ? [] : [ownershipTag(NS)];
  const tags = opts.tags ?? [...(r.tags ?? []), ...ownTags, ...(r.protected ? [PROTECTED_TAG] : [])];
  const id = liveId(opts.id);
  const live = {
    id,
    fingerprint: `fp-${opts.id}`,
    tagIds: [],
    status: 'Active',
    readOnlyConfig: { database_hostname_derived: 'derived.internal' },
    extraConfig: {},
    wire: {},
  };
  const common = { tags, protected: false, previousNames: [], live };
  switch (r.kind) {
    case 'source':
    case 'destination':
      return { ...r, ...common, config: serverConfig(r.kind, r.connector, r.config) };
    case 'transform':
      return {
        ...r,
        ...common,
        config: serverConfig('transform', r.type, r.config),
        implementation: r.implementation ? { ...r.implementation, server_added: null } : undefined,
      };
    case 'pipeline':
      return {
        ...r,
        ...common,
        topics: r.topics?.map((t) => t),
        transforms: r.transforms.flatMap((t) => t.topics.map((topic) => ({ name: t.name, topics: [topic] }))),
      };
    default:
      // A kind registered by a test (test/kinds/kafka-user.ts): echoed as given.
      return { ...r, ...common };
  }
}

export function liveTag(name: string, n: number, extra: Partial<LiveTag> = {}): LiveTag {
  return {
    id: liveId(1000 + n),
    name,
    description: null,
    types: ['sources', 'destinations'],
    system: false,
    custom: true,
    ...extra,
  };
}

export function liveState(
  resources: LiveResource[],
  tagNames: string[] = [],
  extra: Partial<LiveState> = {},
): LiveState {
  const names = new Set([ownershipTag(NS), ...tagNames]);
  for (const r of resources) for (const t of ('tags' in r ? r.tags : undefined) ?? []) names.add(t);
  return {
    resources,
    tags: [...names].sort().map((n, i) => liveTag(n, i)),
    duplicates: [],
    loadedKinds: ['tag', 'source', 'destination', 'transform', 'pipeline'],
    ...extra,
  };
}

export const HMAC_KEY = 'test-plan-key';

// ---- a small realistic account used by several scenarios ----

export function pgSource(extra: Extra = {}, config: Config = {}): SourceResource {
  return source(
    'orders-db',
    'postgresql',
    {
      database_hostname: 'db.internal',
      database_port: 5432,
      database_user: 'streamkap',
      database_password: secret('pg-secret-1', 'PG_PASSWORD'),
      database_dbname: 'shop',
      schema_include_list: 'public',
      table_include_list: 'public.orders,public.customers',
      ...config,
    },
    extra,
  );
}

export function snowflakeDest(extra: Extra = {}, config: Config = {}): DestinationResource {
  return destination(
    'warehouse',
    'snowflake',
    {
      snowflake_url_name: 'acme.snowflakecomputing.com',
      snowflake_user_name: 'STREAMKAP',
      snowflake_private_key: secret('sf-key-1', 'SF_KEY'),
      snowflake_database_name: 'RAW',
      snowflake_schema_name: 'CDC',
      ...config,
    },
    extra,
  );
}

export function ordersPipeline(extra: Extra = {}): PipelineResource {
  return pipeline('orders-to-warehouse', 'orders-db', 'warehouse', {
    topics: ['public.orders', 'public.customers'],
    ...extra,
  });
}

/** A live object with some config keys as the server returned them (string-encoded, null, derived). */
export function withLiveConfig(r: LiveResource, patch: Config): LiveResource {
  if (r.kind !== 'source' && r.kind !== 'destination' && r.kind !== 'transform') return r;
  return { ...r, config: { ...r.config, ...patch } } as LiveResource;
}
