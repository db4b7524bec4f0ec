import { describe, expect, it } from 'vitest';
import { isSecret } from '../../src/model/index.js';
import type {
  LiveResource,
  SourceResource,
  DestinationResource,
  SecretValue,
} from '../../src/model/index.js';
import { loadLiveState } from '../../src/state/index.js';
import { fakeClient } from './fake-client.js';
import { DEST_ID, SOURCE_ID, TAGS, clickhouseDestination, postgresSource } from './fixtures.js';

type LiveSource = SourceResource & Pick<LiveResource, 'live'>;
type LiveDestination = DestinationResource & Pick<LiveResource, 'live'>;

async function loadOne<T>(kind: 'source' | 'destination', raw: Record<string, unknown>): Promise<T> {
  const key = kind === 'source' ? 'sources' : 'destinations';
  const state = await loadLiveState(fakeClient({ [key]: [raw], tags: TAGS }), [kind]);
  expect(state.resources).toHaveLength(1);
  return state.resources[0] as T;
}

describe('source normalisation', () => {
  it('maps wire keys to friendly names and coerces string-encoded numbers and booleans', async () => {
    const src = await loadOne<LiveSource>('source', postgresSource());
    expect(src.kind).toBe('source');
    expect(src.name).toBe('orders-db');
    expect(src.connector).toBe('postgresql');
    const { database_password: password, ...config } = src.config;
    expect(config).toEqual({
      database_hostname: 'db.internal',
      database_port: 5432,
      database_user: 'streamkap',
      database_dbname: 'shop',
      snapshot_read_only: 'Yes', // a string field: never coerced
      heartbeat_enabled: true,
      ssh_enabled: false,
      ssh_port: 22,
      streamkap_snapshot_parallelism: 2,
      table_include_list: 'public.orders,public.customers', // comma list inside a string field stays a string
    });
    expect(isSecret(password)).toBe(true);
    expect((password as SecretValue).reveal()).toBe('pg-plaintext-secret-1');
    expect((password as SecretValue).ref).toBeUndefined();
  });

  it('keeps read-only, derived and unknown keys apart from the config', async () => {
    const src = await loadOne<LiveSource>('source', postgresSource());
    expect(src.live.readOnlyConfig).toEqual({ ssh_public_key: 'ssh-ed25519 AAAAC3Nza fake' });
    expect(src.live.shortKeys).toEqual({ 'database.hostname': 'db.internal.tunnel' });
    expect(src.live.extraConfig).toEqual({ 'brand.new.backend.key': 'kept' });
    expect(src.extraConfig).toEqual({ 'brand.new.backend.key': 'kept' });
    expect(Object.keys(src.config)).not.toContain('ssh_host'); // null = absent
  });

  it('keeps the status apart and drops volatile fields from the model', async () => {
    const src = await loadOne<LiveSource>('source', postgresSource());
    expect(src.live.id).toBe(SOURCE_ID);
    expect(src.live.status).toBe('Active');
    expect(src.live.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const json = JSON.stringify(src);
    for (const volatile of [
      'connector_status',
      'desired_state',
      'task_statuses',
      'topic_ids',
      'created_timestamp',
    ]) {
      expect(json).not.toContain(volatile);
    }
  });

  it('resolves tag ids to names and marks the protected tag', async () => {
    const src = await loadOne<LiveSource>('source', postgresSource());
    expect(src.tags).toEqual(['gitops:prod', 'gitops:protected', 'team-data']);
    expect(src.protected).toBe(true);
    expect(src.previousNames).toEqual([]);
    expect(src.live.tagIds).toHaveLength(3);
  });

  it('does not fill static defaults: a key the server did not return stays absent (the planner applies rule 3)', async () => {
    const src = await loadOne<LiveSource>('source', postgresSource());
    expect('slot_name' in src.config).toBe(false); // catalogue default streamkap_pgoutput_slot
    expect('database_sslmode' in src.config).toBe(false);
  });

  it('treats a masked secret as unknown (absent)', async () => {
    const src = await loadOne<LiveSource>('source', postgresSource({ 'database.password': '********' }));
    expect('database_password' in src.config).toBe(false);
  });

  it('never shows a secret in JSON of the live resource', async () => {
    const src = await loadOne<LiveSource>('source', postgresSource());
    expect(JSON.stringify(src)).not.toContain('pg-plaintext-secret-1');
  });

  it('keeps a value that does not fit its type as read, so the plan shows it', async () => {
    const src = await loadOne<LiveSource>('source', postgresSource({ 'database.port.user.defined': 'five' }));
    expect(src.config.database_port).toBe('five');
  });

  it('reads a connector the catalogue does not know without keeping its config', async () => {
    const src = await loadOne<LiveSource>('source', {
      id: SOURCE_ID,
      name: 'x',
      connector: 'future-db',
      config: { 'api.key': 's3cr3t', a: 1 },
      tags: null,
    });
    expect(src.connector).toBe('future-db');
    expect(src.config).toEqual({});
    expect(JSON.stringify(src)).not.toContain('s3cr3t');
  });
});

describe('destination normalisation', () => {
  it('decodes a JSON-string map whose values are JSON strings (clickhouse topics.config.map)', async () => {
    const dest = await loadOne<LiveDestination>('destination', clickhouseDestination());
    expect(dest.config.topics_config_map).toEqual({
      'public.orders': { delete_sql_execute: 'DELETE FROM orders' },
    });
    expect(dest.config).toMatchObject({ hostname: 'ch.example.com', port: 8443, ssl: false, tasks_max: 5 });
  });

  it('accepts the map as an object too', async () => {
    const map = { 'public.orders': { delete_sql_execute: 'x' } };
    const dest = await loadOne<LiveDestination>(
      'destination',
      clickhouseDestination({ 'topics.config.map': map }),
    );
    expect(dest.config.topics_config_map).toEqual(map);
  });

  it('treats a null secret as unknown and null tags as no tags', async () => {
    const dest = await loadOne<LiveDestination>('destination', clickhouseDestination());
    expect('connection_password' in dest.config).toBe(false);
    expect(dest.tags).toEqual([]);
    expect(dest.protected).toBe(false);
    expect(dest.live.id).toBe(DEST_ID);
    expect(dest.live.status).toBe('Pending Update');
  });

  it('reads string maps in every accepted form (snowflake auto.qa.dedupe.table.mapping)', async () => {
    const base = { id: DEST_ID, name: 'sf', connector: 'snowflake', tags: [] };
    for (const form of [{ raw: 'dedupe' }, '{"raw":"dedupe"}', 'raw:dedupe']) {
      const dest = await loadOne<LiveDestination>('destination', {
        ...base,
        config: { 'auto.qa.dedupe.table.mapping': form },
      });
      expect(dest.config.auto_qa_dedupe_table_mapping).toEqual({ raw: 'dedupe' });
    }
  });

  it('reads list<string> as an array or a comma-separated string', async () => {
    const base = { id: DEST_ID, name: 's3', connector: 's3', tags: [] };
    for (const form of [['a', 'b'], 'a, b']) {
      const dest = await loadOne<LiveDestination>('destination', {
        ...base,
        config: { 'format.output.fields.user.defined': form },
      });
      expect(dest.config.format_output_fields).toEqual(['a', 'b']);
    }
  });
});
