/**
 * The loader over real HTTP: the emulator on 127.0.0.1:0 and the real API client. Objects are made
 * through the emulator's API (bulk data through its seed hook), then read back into the model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/api/index.js';
import type { ApiClient } from '../../src/api/types.js';
import { startEmulatorServer } from '../../src/emulator/index.js';
import type { EmulatorServer } from '../../src/emulator/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import type { LiveResource } from '../../src/model/index.js';
import { isSecret } from '../../src/model/index.js';
import { loadLiveState } from '../../src/state/index.js';

let server: EmulatorServer;

function newClient(): ApiClient {
  return createApiClient(
    {
      baseUrl: server.url,
      clientId: server.clientId,
      clientSecret: server.clientSecret,
      maxAttempts: 2,
      backoff: { initialMs: 1, maxMs: 5 },
    },
    silentLogger(),
  );
}

async function post(client: ApiClient, path: string, body: Record<string, unknown>): Promise<{ id: string }> {
  const query =
    path === '/tags'
      ? {}
      : path === '/transforms'
        ? { secret_returned: true }
        : { secret_returned: true, wait: false };
  return (await client.request('POST', path, { query, body: { ...body, created_from: 'api' } })) as {
    id: string;
  };
}

function byName(resources: readonly LiveResource[], kind: string, name: string): LiveResource {
  const found = resources.find((r) => r.kind === kind && r.name === name);
  if (!found) throw new Error(`${kind}/${name} not loaded`);
  return found;
}

beforeAll(async () => {
  server = await startEmulatorServer({ port: 0 });
});
afterAll(async () => {
  await server.close();
});

describe('loadLiveState against the emulator', () => {
  it('reads objects created through the API back into the model', async () => {
    server.emulator.reset();
    const client = newClient();
    const tag = await post(client, '/tags', {
      name: 'gitops:prod',
      description: null,
      type: ['sources', 'destinations', 'pipelines', 'transforms'],
    });
    const src = await post(client, '/sources', {
      name: 'orders-db',
      connector: 'postgresql',
      tags: [tag.id],
      config: {
        'database.hostname.user.defined': 'db.internal',
        'database.port.user.defined': 5432,
        'database.user': 'streamkap',
        'database.password': 'emu-secret-1',
        'database.dbname': 'shop',
        'schema.include.list': 'public',
        'table.include.list.user.defined': 'public.orders,public.customers',
      },
    });
    const dest = await post(client, '/destinations', {
      name: 'warehouse',
      connector: 'clickhouse',
      tags: [],
      config: {
        hostname: 'ch.example.com',
        'connection.username': 'writer',
        'connection.password': 'emu-secret-2',
        database: 'analytics',
        'topics.config.map': JSON.stringify({
          'public.orders': JSON.stringify({ delete_sql_execute: 'DELETE' }),
        }),
      },
    });
    const tx = await post(client, '/transforms', {
      transform: 'map_filter',
      tags: [],
      config: { 'transforms.name': 'mask', 'transforms.input.job.parallelism': 3 },
    });
    await post(client, '/pipelines', {
      name: 'orders',
      snapshot_new_tables: false,
      tags: [tag.id],
      source: {
        id: src.id,
        name: 'orders-db',
        connector: 'postgresql',
        topics: ['public.orders', 'public.customers'],
      },
      destination: { id: dest.id, name: 'warehouse', connector: 'clickhouse' },
      transforms: [
        {
          id: tx.id,
          name: 'mask',
          start_time: null,
          topic: 'public.orders',
          topic_id: `source_${src.id}.public.orders`,
        },
      ],
      topic_auto_discovery_transforms: [{ transform_id: tx.id, regex: '^x' }],
    });

    const state = await loadLiveState(client, ['tag', 'source', 'destination', 'transform', 'pipeline']);
    await client.close();
    expect(state.duplicates).toEqual([]);
    const source = byName(state.resources, 'source', 'orders-db');
    if (source.kind !== 'source') throw new Error('kind');
    expect(source.config).toMatchObject({
      database_hostname: 'db.internal',
      database_port: 5432,
      ssh_port: 22,
      heartbeat_enabled: true,
      snapshot_read_only: 'Yes',
    });
    expect(isSecret(source.config.database_password) && source.config.database_password.reveal()).toBe(
      'emu-secret-1',
    );
    expect(source.tags).toEqual(['gitops:prod']);
    expect(source.live.readOnlyConfig).toHaveProperty('ssh_public_key');
    expect(Object.keys(source.config)).not.toContain('database.hostname');

    const destination = byName(state.resources, 'destination', 'warehouse');
    if (destination.kind !== 'destination') throw new Error('kind');
    expect(destination.config.topics_config_map).toEqual({
      'public.orders': { delete_sql_execute: 'DELETE' },
    });
    expect(destination.tags).toEqual([]);

    const transform = byName(state.resources, 'transform', 'mask');
    expect(transform).toMatchObject({ type: 'map_filter', config: { transforms_input_job_parallelism: 3 } });

    expect(byName(state.resources, 'pipeline', 'orders')).toMatchObject({
      source: 'orders-db',
      destination: 'warehouse',
      topics: ['public.customers', 'public.orders'],
      transforms: [{ name: 'mask', topics: ['public.orders'] }],
      topicAutoDiscovery: [{ transform: 'mask', regex: '^x' }],
      snapshotNewTables: false,
      tags: ['gitops:prod'],
      live: { wire: { source_id: src.id, destination_id: dest.id, transform_ids: { mask: tx.id } } },
    });
    expect(byName(state.resources, 'tag', 'gitops:prod')).toMatchObject({
      types: ['destinations', 'pipelines', 'sources', 'transforms'],
    });
    expect(state.tags.some((t) => t.system)).toBe(true);
    expect(JSON.stringify(state)).not.toMatch(/emu-secret/);
  });

  it('keeps fingerprints stable while the status settles and changes them on a config edit', async () => {
    server.emulator.reset();
    const client = newClient();
    const src = await post(client, '/sources', {
      name: 'fp',
      connector: 'mysql',
      tags: [],
      config: {
        'database.hostname.user.defined': 'h',
        'database.user': 'u',
        'database.password': 'p',
        'table.include.list.user.defined': 'shop.a',
      },
    });
    const read = async (): Promise<LiveResource> =>
      (await loadLiveState(client, ['source'])).resources[0] as LiveResource;
    const first = await read();
    let settled = first;
    for (let i = 0; i < 10 && settled.live.status !== 'Active'; i += 1) settled = await read();
    expect(settled.live.status).toBe('Active');
    expect(first.live.status).not.toBe('Active');
    expect(settled.live.fingerprint).toBe(first.live.fingerprint);

    await client.request('PUT', `/sources/${src.id}`, {
      query: { secret_returned: true, wait: false },
      body: {
        name: 'fp',
        connector: 'mysql',
        tags: [],
        config: {
          'database.hostname.user.defined': 'h2',
          'database.user': 'u',
          'database.password': 'p',
          'table.include.list.user.defined': 'shop.a',
        },
      },
    });
    expect((await read()).live.fingerprint).not.toBe(first.live.fingerprint);
    await client.close();
  });

  it('costs about one list call per 100 resources per kind, plus tags and auth', async () => {
    server.emulator.reset();
    const counts = { source: 250, destination: 120, transform: 30, pipeline: 201 };
    const [destRef] = server.emulator.seed({
      destinations: [{ name: 'd-0', connector: 'clickhouse', config: {} }],
    });
    const sources = Array.from({ length: counts.source }, (_, i) => ({
      name: `s-${i}`,
      connector: 'postgresql',
      config: {},
    }));
    const refs = server.emulator.seed({
      sources,
      destinations: Array.from({ length: counts.destination - 1 }, (_, i) => ({
        name: `d-${i + 1}`,
        connector: 'clickhouse',
        config: {},
      })),
      transforms: Array.from({ length: counts.transform }, (_, i) => ({
        name: `t-${i}`,
        transform: 'map_filter',
        config: {},
      })),
    });
    const srcIds = refs.filter((r) => r.kind === 'source').map((r) => r.id);
    server.emulator.seed({
      pipelines: Array.from({ length: counts.pipeline }, (_, i) => ({
        name: `p-${i}`,
        source: { id: srcIds[i % srcIds.length], topics: ['public.t'] },
        destination: { id: destRef?.id },
      })),
    });
    const client = newClient();
    const state = await loadLiveState(client, ['source', 'destination', 'transform', 'pipeline']);
    await client.close();
    expect(state.resources.filter((r) => r.kind === 'source')).toHaveLength(counts.source);
    expect(state.resources.filter((r) => r.kind === 'pipeline')).toHaveLength(counts.pipeline);
    expect(state.resources).toHaveLength(601);
    // A listing ends on a short page: ceil(N/100) pages, one more when N is a multiple of 100.
    const listCalls = Object.values(counts).reduce((sum, n) => sum + Math.floor(n / 100) + 1, 0);
    expect(client.stats.requests).toBeLessThanOrEqual(listCalls + 2 + 2); // + GET /tags + auth, + slack for speculative pages
    expect(client.stats.requests).toBeGreaterThanOrEqual(listCalls + 2);
  });
});
