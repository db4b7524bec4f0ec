/**
 * Builders for planner tests: desired and live states as values, no YAML and no HTTP. `serverEcho`
 * builds the API object the Streamkap API (and our emulator) returns after creating a desired
 * resource (defaults filled, numbers and booleans string-encoded, secrets returned in plaintext,
 * derived twin keys added) and reads it through the real state reader.
 */
import { getConnector, type ConnectorKind } from '../../src/catalogue/index.js';
import { registry } from '../../src/kinds/registry.js';
import { TagNames } from '../../src/state/kinds/tag.js';
import type { ReadContext } from '../../src/state/reader.js';
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

/** A scalar as the server string-encodes it on read (api-notes §5.3): the hardest form for the reader. */
function encodeScalar(value: JsonValue, spelling: Spelling = 'provider'): JsonValue {
  if (typeof value === 'boolean' && spelling === 'quickstart') return value ? '1' : '0';
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/**
 * How the object was made: through the provider's keys (`database.hostname.user.defined`, the server
 * adding the derived `database.hostname`), or the quickstart's (short keys only, booleans as "1"/"0").
 */
export type Spelling = 'provider' | 'quickstart';

const USER_DEFINED = /\.user\.defined$/;

/**
 * The wire `config` the server returns for a connector or transform: static defaults filled in,
 * scalars string-encoded, map-valued keys as JSON strings (api-notes §5.7), secrets in plaintext
 * (`secret_returned=true`), and the short twin of each `.user.defined` key (api-notes §5.2): derived next to
 * it (provider), or instead of it (quickstart). `config` is keyed by friendly name; `null` stays null.
 */
export function serverConfig(
  kind: ConnectorKind,
  code: string,
  config: Config,
  spelling: Spelling = 'provider',
): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  const spec = getConnector(kind, code);
  for (const f of spec?.fields ?? []) {
    if (f.readOnly || f.secret || f.default === undefined) continue;
    if (typeof f.default === 'string' && /^<.*>$/.test(f.default)) continue;
    out[f.apiKey] = encodeScalar(f.default, spelling);
  }
  for (const [name, v] of Object.entries(config)) {
    const field = spec?.fields.find((f) => f.name === name);
    const key = field?.apiKey ?? name;
    const isMap = field?.type.startsWith('map') === true && v !== null && typeof v === 'object';
    out[key] = isSecret(v) ? v.reveal() : isMap ? JSON.stringify(v) : encodeScalar(v, spelling);
  }
  for (const key of Object.keys(out)) {
    const short = key.replace(USER_DEFINED, '');
    const v = out[key] as JsonValue;
    if (short === key || short in out || spec?.fields.some((f) => f.apiKey === short)) continue;
    if (spelling === 'quickstart') {
      delete out[key];
      out[short] = v;
    } else if (
      v !== null &&
      typeof v !== 'object' &&
      !spec?.fields.some((f) => f.secret && f.apiKey === key)
    ) {
      out[short] = String(v);
    }
  }
  return out;
}

export interface EchoOptions {
  id: number;
  /** Live tag names; default: the resource's tags + ownership (+ protected). */
  tags?: string[];
  owned?: boolean;
  /** Config keys (friendly names) whose wire value differs from what `r` would give, as the server returns them. */
  liveConfig?: Config;
  /** How the object was made (default: provider). */
  spelling?: Spelling;
  /** Wire config keys laid over the rest as the server returns them (`table.include.list`). */
  wireConfig?: Record<string, JsonValue>;
}

/** extra_config keys as the server stores them: scalars string-encoded like every other key. */
function extraOf(r: { extraConfig: Readonly<Record<string, JsonValue>> }): Record<string, JsonValue> {
  return Object.fromEntries(Object.entries(r.extraConfig).map(([k, v]) => [k, encodeScalar(v)]));
}

/** A deterministic id for a transform a pipeline fixture refers to. */
function transformId(name: string): string {
  return `tr-${name}`;
}

/** The API object the server would return after creating `r` (rename: pass the live name). */
export function serverObject(
  r: Exclude<Resource, TagResource>,
  opts: EchoOptions,
): Record<string, JsonValue> {
  const ownTags = opts.owned === false ? [] : [ownershipTag(NS)];
  const tagNames = opts.tags ?? [...(r.tags ?? []), ...ownTags, ...(r.protected ? [PROTECTED_TAG] : [])];
  const common = {
    id: liveId(opts.id),
    name: r.name,
    tags: tagNames.map((n) => ({ id: `tag-${n}`, name: n })),
  };
  switch (r.kind) {
    case 'source':
    case 'destination':
      return {
        ...common,
        connector: r.connector,
        connector_status: 'Active',
        config: {
          ...serverConfig(r.kind, r.connector, { ...r.config, ...opts.liveConfig }, opts.spelling),
          ...extraOf(r),
          ...opts.wireConfig,
        },
      };
    case 'transform':
      return {
        ...common,
        transform_type: r.type,
        status: 'Active',
        config: {
          ...serverConfig('transform', r.type, { ...r.config, ...opts.liveConfig }, opts.spelling),
          ...extraOf(r),
          'transforms.name': r.name,
        },
        implementation: r.implementation ? { ...r.implementation, server_added: null } : null,
      };
    case 'pipeline':
      return {
        ...common,
        source: { id: '', name: r.source, connector: null, topics: [...(r.topics ?? [])] },
        destination: { id: '', name: r.destination, connector: null },
        transforms: r.transforms.flatMap((t) =>
          t.topics.map((topic) => ({ id: transformId(t.name), name: t.name, topic })),
        ),
        topic_auto_discovery_transforms: r.topicAutoDiscovery.map((d) => ({
          transform_id: transformId(d.transform),
          regex: d.regex,
        })),
        snapshot_new_tables: r.snapshotNewTables,
      };
    default: {
      // A kind registered by a test (test/kinds/kafka-user.ts): echoed as given, minus where it was written.
      const { location: _where, ...rest } = r;
      return { ...rest, ...common } as Record<string, JsonValue>;
    }
  }
}

function readContext(transformNames: readonly string[]): ReadContext {
  const fail = (message: string): never => {
    throw new Error(`fixture read warned: ${message}`);
  };
  const transforms = new Map(transformNames.map((n) => [transformId(n), n]));
  return {
    tags: new TagNames([], fail),
    namesById: (kind) => (kind === 'transform' ? transforms : new Map()),
    warn: fail,
  };
}

/**
 * The live object the server would hold after creating `r`, read through the real state reader
 * (src/state), so planner tests see exactly what `plan` sees. The fingerprint is replaced by a
 * short label so plans stay readable in goldens.
 */
export function serverEcho(r: Exclude<Resource, TagResource>, opts: EchoOptions): LiveResource {
  const raw = serverObject(r, opts);
  const names = r.kind === 'pipeline' ? r.topicAutoDiscovery.map((d) => d.transform) : [];
  const ctx = readContext(names);
  const live = registry.get(r.kind).live;
  if (!('read' in live)) throw new Error(`fixture: ${r.kind} is not read from a list`);
  const read = live.read(raw, ctx);
  if (!read.value) throw new Error(`fixture ${r.kind}/${r.name} does not read back: ${JSON.stringify(read)}`);
  return { ...read.value, live: { ...read.value.live, fingerprint: `fp-${opts.id}` } } as LiveResource;
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

/** `live` with these tags marked as the namespace's own (what the tool writes since issue 12.7). */
export function withOwnedTags(live: LiveState, names: readonly string[]): LiveState {
  return { ...live, tags: live.tags.map((t) => (names.includes(t.name) ? { ...t, owner: NS } : t)) };
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
