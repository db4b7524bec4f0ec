/**
 * The golden scenarios of issue 4 ("Done means"): desired and live states built as values. Ids are
 * deterministic placeholders (liveId(n)), HMACs use a fixed test key, colour is off.
 */
import type { DesiredState, LiveState } from '../../src/model/index.js';
import type { PlanOptions } from '../../src/planner/index.js';
import {
  desiredState,
  destination,
  HMAC_KEY,
  liveState,
  ordersPipeline,
  pgSource,
  pipeline,
  secret,
  serverEcho,
  snowflakeDest,
  source,
  tag,
  transform,
} from './fixtures.js';
import { SHOWCASE_SCENARIO } from './showcase-scenario.js';

export interface Scenario {
  readonly name: string;
  readonly desired: DesiredState;
  readonly live: LiveState;
  readonly options: PlanOptions;
}

const opts = (extra: Partial<PlanOptions> = {}): PlanOptions => ({ hmacKey: HMAC_KEY, ...extra });

const enrich = () =>
  transform(
    'enrich-orders',
    'map_filter',
    { transforms_input_job_parallelism: 2 },
    { implementation: { value_transform: 'function f(r) { return r; }' } },
  );

/** A map_filter transform's code, as read from an `implementation_file` (final newline included). */
const maskEmails = (body: string[]) =>
  transform(
    'mask-emails',
    'map_filter',
    { transforms_input_job_parallelism: 2 },
    {
      implementation: {
        value_transform: [
          '// map_filter: masks e-mail addresses before they leave the source.',
          'function _streamkap_transform(valueObject, keyObject, topic, timestamp) {',
          ...body,
          '  return valueObject;',
          '}',
          '',
        ].join('\n'),
      },
    },
  );

const MASK_V1 = [
  "  if (valueObject && typeof valueObject.email === 'string') {",
  "    valueObject.email = valueObject.email.replace(/^[^@]+/, '***');",
  '  }',
];
const MASK_V2 = [
  "  if (valueObject && typeof valueObject.email === 'string') {",
  '    valueObject.email = valueObject.email.replace(/^[^@]+/, (m) => `${m[0]}***`);',
  '  }',
  "  if (valueObject && typeof valueObject.phone === 'string') {",
  "    valueObject.phone = valueObject.phone.replace(/\\d(?=\\d{2})/g, '*');",
  '  }',
];

const fullPipeline = () =>
  pipeline('orders-to-warehouse', 'orders-db', 'warehouse', {
    topics: ['public.orders', 'public.customers'],
    transforms: [{ name: 'enrich-orders', topics: ['public.orders'] }],
    tags: ['team-data'],
  });

const fullDesired = () =>
  desiredState([
    tag('team-data', 'Data engineering'),
    pgSource({ tags: ['team-data'], protected: true }),
    snowflakeDest(),
    enrich(),
    fullPipeline(),
  ]);

const fullLive = () =>
  liveState(
    [
      serverEcho(pgSource({ tags: ['team-data'], protected: true }), { id: 1 }),
      serverEcho(snowflakeDest(), { id: 2 }),
      serverEcho(enrich(), { id: 4 }),
      serverEcho(fullPipeline(), { id: 3 }),
    ],
    ['team-data', 'gitops:protected'],
  );

/** The account after applying fullDesired: the manifest tag carries its description. */
const fullLiveWithTag = (): LiveState => {
  const live = fullLive();
  return {
    ...live,
    tags: live.tags.map((t) =>
      t.name === 'team-data' ? { ...t, description: 'Data engineering', owner: 'shop' } : t,
    ),
  };
};

const clickhouse = (map: unknown) =>
  destination('events-ch', 'clickhouse', {
    hostname: 'ch.internal',
    connection_username: 'default',
    connection_password: secret('ch-secret-1', 'CH_PASSWORD'),
    database: 'events',
    ...(map === undefined ? {} : { topics_config_map: map as never }),
  });

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'empty-to-full-create',
    desired: fullDesired(),
    live: liveState([], [], { tags: [] }),
    options: opts(),
  },
  { name: 'no-op', desired: fullDesired(), live: fullLiveWithTag(), options: opts() },
  {
    name: 'field-change',
    desired: desiredState([
      pgSource({}, { database_port: 5433, heartbeat_enabled: false }),
      snowflakeDest({}, { snowflake_schema_name: 'CDC2' }),
    ]),
    live: liveState([serverEcho(pgSource(), { id: 1 }), serverEcho(snowflakeDest(), { id: 2 })]),
    options: opts(),
  },
  {
    name: 'rename-previous-names',
    desired: desiredState([
      pgSource({ previousNames: ['legacy-orders-db'] }),
      snowflakeDest(),
      ordersPipeline(),
    ]),
    live: liveState([
      serverEcho({ ...pgSource(), name: 'legacy-orders-db' }, { id: 1 }),
      serverEcho(snowflakeDest(), { id: 2 }),
      serverEcho({ ...ordersPipeline(), source: 'legacy-orders-db' }, { id: 3 }),
    ]),
    options: opts(),
  },
  {
    name: 'replace-connector-change',
    desired: desiredState([pgSource()]),
    live: liveState([
      serverEcho(
        source('orders-db', 'mysql', { database_hostname: 'db.internal', database_user: 'streamkap' }),
        { id: 1 },
      ),
    ]),
    options: opts(),
  },
  {
    name: 'replace-destination-used-by-pipeline',
    desired: desiredState([pgSource(), snowflakeDest(), ordersPipeline()]),
    live: liveState([
      serverEcho(pgSource(), { id: 1 }),
      serverEcho({ ...clickhouse(undefined), name: 'warehouse' }, { id: 2 }),
      serverEcho(ordersPipeline(), { id: 3 }),
    ]),
    options: opts(),
  },
  {
    name: 'delete-owned',
    desired: desiredState([pgSource()]),
    live: liveState([
      serverEcho(pgSource(), { id: 1 }),
      serverEcho(snowflakeDest(), { id: 2 }),
      serverEcho(ordersPipeline(), { id: 3 }),
    ]),
    options: opts(),
  },
  {
    name: 'unowned-namesake',
    desired: desiredState([pgSource()]),
    live: liveState([serverEcho(pgSource(), { id: 1, owned: false, tags: ['Production'] })]),
    options: opts(),
  },
  {
    name: 'unowned-namesake-adopt',
    desired: desiredState([pgSource()]),
    live: liveState([serverEcho(pgSource(), { id: 1, owned: false, tags: ['Production'] })]),
    options: opts({ adopt: true }),
  },
  {
    name: 'secret-change',
    desired: desiredState([
      pgSource({}, { database_password: secret('pg-secret-2-rotated', 'PG_PASSWORD') }),
      snowflakeDest(),
    ]),
    live: liveState([serverEcho(pgSource(), { id: 1 }), serverEcho(snowflakeDest(), { id: 2 })]),
    options: opts(),
  },
  {
    name: 'server-defaults-string-encoded',
    desired: desiredState([
      pgSource({ tags: [] }, { database_port: 5432, ssh_enabled: false, snapshot_read_only: 'Yes' }),
      clickhouse({ orders: { delete_sql_execute: 'DELETE' } }),
      enrich(),
    ]),
    live: liveState([
      serverEcho(pgSource(), {
        id: 1,
        liveConfig: {
          database_password: null,
          database_port: '5432',
          ssh_enabled: 'false',
          ssh_public_key: 'ssh-ed25519 AAAA generated',
        },
      }),
      serverEcho(clickhouse(undefined), {
        id: 5,
        liveConfig: {
          topics_config_map: JSON.stringify({ orders: JSON.stringify({ delete_sql_execute: 'DELETE' }) }),
        },
      }),
      serverEcho(enrich(), { id: 4 }),
    ]),
    options: opts(),
  },
  {
    name: 'transform-code-change',
    desired: desiredState([
      { ...maskEmails(MASK_V2), config: { transforms_input_job_parallelism: 4 } },
      { ...maskEmails(MASK_V1), name: 'mask-emails-eu' },
    ]),
    live: liveState([serverEcho(maskEmails(MASK_V1), { id: 4 })]),
    options: opts(),
  },
  {
    name: 'protected-delete',
    desired: desiredState([snowflakeDest()]),
    live: liveState([
      serverEcho(pgSource({ protected: true }), { id: 1 }),
      serverEcho(snowflakeDest(), { id: 2 }),
    ]),
    options: opts(),
  },
  SHOWCASE_SCENARIO,
];

/** Drift: one of each class (changed with a sensitive field, missing, orphaned, unmanaged). */
export const DRIFT_SCENARIOS: readonly Scenario[] = [
  {
    name: 'drift-every-class',
    desired: desiredState([
      pgSource({}, { database_password: secret('pg-secret-2', 'PG_PASSWORD') }),
      snowflakeDest(),
      ordersPipeline(),
    ]),
    live: liveState([
      serverEcho(pgSource({}, { database_port: 6543 }), { id: 1 }),
      serverEcho(snowflakeDest(), { id: 2 }),
      serverEcho(source('old-db', 'mysql', { database_hostname: 'h' }), { id: 6 }),
      serverEcho(source('legacy-db', 'mysql', { database_hostname: 'h' }), { id: 7, owned: false }),
    ]),
    options: opts(),
  },
  { name: 'drift-in-sync', desired: fullDesired(), live: fullLiveWithTag(), options: opts() },
];
