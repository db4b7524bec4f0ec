/** Live state for export tests, as the state reader makes it (model values, LiveMeta). */
import {
  SecretValue,
  type Config,
  type LiveResource,
  type LiveState,
  type PipelineTransformRef,
} from '../../src/model/index.js';

let n = 0;
function meta() {
  n++;
  return {
    id: n.toString(16).padStart(24, '0'),
    fingerprint: `fp${n}`,
    tagIds: [],
    readOnlyConfig: {},
    extraConfig: {},
    wire: {},
  };
}

export function secret(value: string): SecretValue {
  return new SecretValue(value);
}

export function liveSource(name: string, config: Config, tags: string[] = []): LiveResource {
  return {
    kind: 'source',
    name,
    connector: 'postgresql',
    config,
    extraConfig: {},
    tags,
    protected: tags.includes('gitops:protected'),
    previousNames: [],
    live: meta(),
  };
}

export function liveDestination(name: string, config: Config, tags: string[] = []): LiveResource {
  return {
    kind: 'destination',
    name,
    connector: 'clickhouse',
    config,
    extraConfig: {},
    tags,
    protected: false,
    previousNames: [],
    live: meta(),
  };
}

export function liveTransform(name: string, code: string | undefined, tags: string[] = []): LiveResource {
  return {
    kind: 'transform',
    name,
    type: 'map_filter',
    config: { transforms_input_topic_pattern: 'public\\.orders', transforms_output_topic_pattern: 'out' },
    extraConfig: {},
    implementation: code === undefined ? undefined : { language: 'JAVASCRIPT', value_transform: code },
    tags,
    protected: false,
    previousNames: [],
    live: meta(),
  };
}

export function livePipeline(
  name: string,
  source: string,
  destination: string,
  tags: string[] = [],
  transforms: PipelineTransformRef[] = [],
): LiveResource {
  return {
    kind: 'pipeline',
    name,
    source,
    destination,
    topics: ['public.orders'],
    transforms,
    topicAutoDiscovery: [],
    snapshotNewTables: true,
    tags,
    protected: false,
    previousNames: [],
    live: meta(),
  };
}

export function liveTagResource(name: string, description: string | null): LiveResource {
  return { kind: 'tag', name, description, types: ['sources'], live: meta() };
}

export function state(resources: LiveResource[], duplicates: LiveState['duplicates'] = []): LiveState {
  return {
    resources,
    tags: [],
    duplicates,
    loadedKinds: ['tag', 'source', 'destination', 'transform', 'pipeline'],
  };
}

/** A postgresql source config with every required key (the password as read: plaintext). */
export function pgConfig(password: string, extra: Config = {}): Config {
  return {
    database_hostname: 'db.internal',
    database_user: 'streamkap',
    database_password: secret(password),
    database_dbname: 'shop',
    schema_include_list: 'public',
    table_include_list: 'public.orders',
    ...extra,
  };
}

export function chConfig(password: string): Config {
  return {
    hostname: 'ch.internal',
    connection_username: 'u',
    connection_password: secret(password),
    database: 'shop',
  };
}
