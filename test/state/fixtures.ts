/** Hand-written API-shaped objects (api-notes §3, §6) for the state tests. */
import { oid } from './fake-client.js';

export const TAG_IDS = {
  development: '670e5ca40afe1d3983ce0c22',
  team: oid(0xa1),
  owner: oid(0xa2),
  protected: oid(0xa3),
};

export const TAGS = [
  {
    id: TAG_IDS.development,
    name: 'Development',
    description: null,
    type: ['environment'],
    system: true,
    custom: false,
  },
  {
    id: TAG_IDS.team,
    name: 'team-data',
    description: 'Data team',
    type: ['sources', 'pipelines'],
    system: false,
    custom: true,
  },
  {
    id: TAG_IDS.owner,
    name: 'gitops:prod',
    description: null,
    type: ['transforms', 'destinations', 'sources', 'pipelines'],
    system: false,
    custom: true,
  },
  {
    id: TAG_IDS.protected,
    name: 'gitops:protected',
    description: null,
    type: ['sources'],
    system: false,
    custom: true,
  },
];

export const SOURCE_ID = oid(1);
export const DEST_ID = oid(2);
export const TX_ID = oid(3);
export const PIPELINE_ID = oid(4);

export function postgresSource(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: SOURCE_ID,
    name: 'orders-db',
    connector: 'postgresql',
    connector_display_name: 'PostgreSQL',
    created_timestamp: '2026-01-01T00:00:00Z',
    sub_id: 'sub',
    tenant_id: 'tenant',
    service_id: 'svc',
    connector_status: 'Active',
    desired_state: 'Active',
    topic_ids: [`source_${SOURCE_ID}.public.orders`],
    topics: ['public.orders'],
    topic_map: {},
    tasks: [{ id: 0 }],
    task_statuses: { '0': 'RUNNING' },
    kc_cluster_id: null,
    tags: [TAG_IDS.owner, TAG_IDS.protected, TAG_IDS.team],
    config: {
      'database.hostname.user.defined': 'db.internal',
      'database.hostname': 'db.internal.tunnel', // derived, not a user key
      'database.port.user.defined': '5432',
      'database.user': 'streamkap',
      'database.password': 'pg-plaintext-secret-1',
      'database.dbname': 'shop',
      'snapshot.read.only.user.defined': 'Yes',
      'heartbeat.enabled': 'true',
      'ssh.enabled': false,
      'ssh.port': 22,
      'ssh.host': null,
      'ssh.public.key.user.displayed': 'ssh-ed25519 AAAAC3Nza fake',
      'streamkap.snapshot.parallelism': '2',
      'table.include.list.user.defined': 'public.orders,public.customers',
      'brand.new.backend.key': 'kept',
      ...overrides,
    },
  };
}

export function clickhouseDestination(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: DEST_ID,
    name: 'warehouse',
    connector: 'clickhouse',
    connector_status: 'Pending Update',
    tags: null,
    config: {
      hostname: 'ch.example.com',
      'connection.username': 'writer',
      'connection.password': null,
      port: '8443',
      ssl: 'false',
      'tasks.max': 5,
      'topics.config.map': JSON.stringify({
        'public.orders': JSON.stringify({ delete_sql_execute: 'DELETE FROM orders' }),
      }),
      ...overrides,
    },
  };
}

export function mapFilterTransform(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: TX_ID,
    name: 'mask-emails',
    transform_type: 'map_filter',
    status: 'RUNNING',
    version: 3,
    start_time: 1700000000,
    topics: ['public.orders'],
    topic_ids: [`transform_${TX_ID}_3.public.orders`],
    implementation: { value_transform: 'function f(x) { return x; }', language: 'JavaScript' },
    tags: [{ id: TAG_IDS.owner, name: 'gitops:prod' }],
    config: {
      'transforms.name': 'mask-emails',
      'transforms.language': 'JavaScript',
      'transforms.input.job.parallelism': '5',
      'transforms.input.topic.pattern': 'public\\.orders',
    },
    ...overrides,
  };
}

export function pipeline(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: PIPELINE_ID,
    name: 'orders-to-warehouse',
    snapshot_new_tables: 'false',
    tags: [TAG_IDS.owner],
    sub_id: 'sub',
    topic_ids: [],
    topics: [],
    periodic_audit: { topics: [], timestamp_column: null, interval_minutes: null, fix_deletes_only: false },
    source: { ...postgresSource(), topics: [`source_${SOURCE_ID}.public.orders`, 'public.customers'] },
    destination: clickhouseDestination(),
    transforms: [
      {
        id: TX_ID,
        name: 'mask-emails',
        start_time: null,
        topic: 'public.orders',
        topic_id: `source_${SOURCE_ID}.public.orders`,
      },
      {
        id: TX_ID,
        name: 'mask-emails',
        start_time: null,
        topic: 'public.customers',
        topic_id: `source_${SOURCE_ID}.public.customers`,
      },
      { id: TX_ID, name: 'mask-emails', start_time: null, topic: '', topic_id: '' },
    ],
    topic_auto_discovery_transforms: [{ transform_id: TX_ID, regex: '^merged\\..*' }],
    ...overrides,
  };
}
