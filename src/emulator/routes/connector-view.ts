/** How a stored source or destination reads back: server fields, topics, status and normalised config. */
import { MARK_OPTIONAL_KEY, cachedConfigJson } from '../normalise-config.js';
import type { ServerEnv } from '../router.js';
import { sourceTopicId, sourceTopics } from '../topics.js';
import type { StoredConnector } from '../types.js';
import { currentStatus, observeStatus } from './common.js';

/** Sources whose records have no fixed schema: their destinations get the MarkColumnsAsOptional backfill. */
const SCHEMALESS_SOURCES = new Set(['dynamodb', 'mongodb', 'mongodbhosted', 'documentdb']);
/** Destinations that never get it (api-notes §5.4). */
const NO_BACKFILL_DESTINATIONS = new Set(['s3', 'gcs', 'azblob', 'redis', 'kafka']);

const DISPLAY_NAMES: Record<string, string> = {
  alloydb: 'AlloyDB',
  bigquery: 'BigQuery',
  clickhouse: 'ClickHouse',
  cockroachdb: 'CockroachDB',
  db2: 'Db2',
  documentdb: 'DocumentDB',
  dynamodb: 'DynamoDB',
  gcs: 'Google Cloud Storage',
  httpsink: 'HTTP Sink',
  kafkadirect: 'Kafka Direct',
  mariadb: 'MariaDB',
  mongodb: 'MongoDB',
  mongodbhosted: 'MongoDB Hosted',
  motherduck: 'MotherDuck',
  mysql: 'MySQL',
  oracleaws: 'Oracle AWS',
  planetscale: 'PlanetScale',
  postgresql: 'PostgreSQL',
  r2: 'Cloudflare R2',
  s3: 'S3',
  sqlserver: 'SQL Server',
  sqlserveraws: 'SQL Server',
  azblob: 'Azure Blob Storage',
};

export function displayName(code: string): string {
  return (
    DISPLAY_NAMES[code] ??
    code
      .split('_')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(' ')
  );
}

function needsMarkOptional(env: ServerEnv, c: StoredConnector): boolean {
  if (c.kind !== 'destination' || NO_BACKFILL_DESTINATIONS.has(c.connector)) return false;
  if (c.config[MARK_OPTIONAL_KEY] !== undefined && c.config[MARK_OPTIONAL_KEY] !== null) return false;
  return env.store.pipelinesUsing('destination', c.id).some((p) => {
    const source = env.store.sources.get(p.source.id);
    return source !== undefined && SCHEMALESS_SOURCES.has(source.connector);
  });
}

export interface ViewOptions {
  readonly secretReturned: boolean;
  /** A read counts towards settling a `wait=false` write; an echo does not. */
  readonly countRead: boolean;
}

/**
 * A source or destination as JSON text. The config (the bulk of it) comes from a per-record cache
 * and is spliced in, so listing and embedding in pipelines serialise each config once per change.
 * `topics` replaces the topic list (a pipeline embeds its source with the pipeline's selection).
 */
export function renderConnectorJson(
  env: ServerEnv,
  c: StoredConnector,
  o: ViewOptions,
  topicsOverride?: readonly string[],
): string {
  const s = env.settings();
  const status = o.countRead ? observeStatus(c.settle, env) : currentStatus(c.settle);
  const topics = c.kind === 'source' ? sourceTopics(c.connector, c.config) : [];
  const topicIds = topics.map((t) => sourceTopicId(c.id, t));
  const running = status === 'Active';
  const head = JSON.stringify({
    id: c.id,
    name: c.name,
    connector: c.connector,
    connector_display_name: displayName(c.connector),
    created_timestamp: c.created_timestamp,
    updated_timestamp: c.updated_timestamp,
    sub_id: env.account.sub_id,
    tenant_id: env.account.tenant_id,
    service_id: env.account.service_id,
    created_from: c.created_from,
    kc_cluster_id: c.kc_cluster_id,
    topic_ids: topicIds,
    topics: topicsOverride ?? topics,
    topic_map: Object.fromEntries(topicIds.map((id, i) => [id, topics[i] as string])),
    tasks: running ? [{ task_id: 0, state: 'RUNNING', worker_id: 'kc-emulator-0:8083' }] : [],
    task_statuses: running ? { '0': { status: 'RUNNING' } } : {},
    connector_status: status,
    desired_state: status,
    tags: c.tags,
  });
  const config = cachedConfigJson(c, env.generation(), c.config, {
    kind: c.kind,
    code: c.connector,
    entityId: c.id,
    secretReturned: o.secretReturned,
    secretMask: s.secretMask,
    encoding: s.stringEncoding,
    booleanText: s.booleanText,
    quickstartKeys: s.quickstartKeys,
    markColumnsOptional: needsMarkOptional(env, c),
  });
  return `${head.slice(0, -1)},"config":${config}}`;
}
