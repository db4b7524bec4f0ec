/**
 * The post-apply check's live state, rebuilt from the state read before and what the writes
 * answered, is the state a full re-read gives: over real HTTP against the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/api/index.js';
import type { ApiClient } from '../../src/api/types.js';
import { startEmulatorServer, type EmulatorServer } from '../../src/emulator/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import type { LiveResource, LiveState, ResourceKind } from '../../src/model/index.js';
import { liveStateAfterWrites, loadLiveState, recordWrites } from '../../src/state/index.js';

const KINDS: ResourceKind[] = ['tag', 'source', 'destination', 'transform', 'pipeline'];
const SW = { secret_returned: true, wait: false };
let server: EmulatorServer;

function newClient(): ApiClient {
  const { url, clientId, clientSecret } = server;
  const config = { baseUrl: url, clientId, clientSecret, maxAttempts: 1 };
  return createApiClient(config, silentLogger());
}

async function create(client: ApiClient, path: string, body: Record<string, unknown>): Promise<string> {
  const query = path === '/tags' ? {} : path === '/transforms' ? { secret_returned: true } : SW;
  const res = await client.request('POST', path, { query, body: { ...body, created_from: 'api' } });
  return (res as { id: string }).id;
}

const source = (name: string, host: string, tags: string[]): Record<string, unknown> => ({
  name,
  connector: 'postgresql',
  tags,
  config: {
    'database.hostname.user.defined': host,
    'database.port.user.defined': 5432,
    'database.user': 'streamkap',
    'database.password': 'emu-secret-1',
    'database.dbname': 'shop',
    'schema.include.list': 'public',
    'table.include.list.user.defined': 'public.orders',
  },
});

function pipeline(name: string, src: string, dest: string, tags: string[]): Record<string, unknown> {
  return {
    name,
    snapshot_new_tables: false,
    tags,
    source: { id: src, name: 'orders-db', connector: 'postgresql', topics: ['public.orders'] },
    destination: { id: dest, name: 'warehouse', connector: 'clickhouse' },
    transforms: [],
    topic_auto_discovery_transforms: [],
  };
}

/** What the planner compares, by id; the fingerprint of an echo may differ in volatile fields. */
function comparable(state: LiveState): Record<string, unknown> {
  const strip = (r: LiveResource): unknown => ({ ...r, live: { ...r.live, fingerprint: undefined } });
  return {
    resources: Object.fromEntries(state.resources.map((r) => [r.live.id, strip(r)])),
    tags: [...state.tags].sort((a, b) => a.id.localeCompare(b.id)),
    duplicates: state.duplicates,
  };
}

beforeAll(async () => {
  server = await startEmulatorServer({ port: 0 });
});
afterAll(async () => {
  await server.close();
});

describe('liveStateAfterWrites', () => {
  it('equals a full re-read after creates, updates, a rename and a delete, reading only the tags', async () => {
    server.emulator.reset();
    const client = newClient();
    const types = ['sources', 'destinations', 'pipelines', 'transforms'];
    const owner = await create(client, '/tags', { name: 'gitops:prod', description: null, type: types });
    const a = await create(client, '/sources', source('orders-db', 'db.internal', [owner]));
    const b = await create(client, '/sources', source('old-db', 'old.internal', [owner]));
    const dest = await create(client, '/destinations', {
      name: 'warehouse',
      connector: 'clickhouse',
      tags: [owner],
      config: { hostname: 'ch', 'connection.username': 'w', 'connection.password': 'p', database: 'x' },
    });
    const p = await create(client, '/pipelines', pipeline('orders', a, dest, [owner]));
    const before = await loadLiveState(client, KINDS);

    const recorded = recordWrites(client);
    const w = recorded.client;
    const extra = await create(w, '/tags', { name: 'team:a', description: null, type: types });
    await create(w, '/sources', source('new-db', 'new.internal', [owner, extra]));
    await w.request('PUT', `/sources/${a}`, { query: SW, body: source('orders-db2', 'moved', [owner]) });
    await w.request('DELETE', `/sources/${b}`, { query: SW });
    await w.request('PUT', `/pipelines/${p}`, {
      query: SW,
      body: { ...pipeline('orders', a, dest, [owner]), snapshot_new_tables: true },
    });
    expect(recorded.log.relist.size).toBe(0);

    server.emulator.resetStats();
    const after = await liveStateAfterWrites(client, before, recorded.log);
    expect(server.emulator.stats().byRoute).toEqual({ 'GET /tags': 1 });
    const full = await loadLiveState(client, KINDS);
    await client.close();
    expect(comparable(after)).toEqual(comparable(full));
    expect(after.resources.map((r) => r.name)).toContain('orders-db2');
    expect(after.resources.map((r) => r.name)).not.toContain('old-db');
  });

  it('lists a kind again when its write answers do not hold the whole object (transforms)', async () => {
    server.emulator.reset();
    const client = newClient();
    const before = await loadLiveState(client, KINDS);
    const recorded = recordWrites(client);
    await create(recorded.client, '/transforms', {
      transform: 'map_filter',
      tags: [],
      config: { 'transforms.name': 'mask', 'transforms.input.job.parallelism': 3 },
    });
    expect([...recorded.log.relist]).toEqual(['transform']);
    server.emulator.resetStats();
    const after = await liveStateAfterWrites(client, before, recorded.log);
    expect(Object.keys(server.emulator.stats().byRoute).sort()).toEqual(['GET /tags', 'GET /transforms']);
    expect(comparable(after)).toEqual(comparable(await loadLiveState(client, KINDS)));
    await client.close();
  });

  it('lists a kind again after a write of it failed: the server may have acted on it', async () => {
    server.emulator.reset();
    const client = newClient();
    const recorded = recordWrites(client);
    server.emulator.configure({
      oneShots: [{ method: 'POST', path: '/sources', count: 1, status: 400, detail: 'nope' }],
    });
    await expect(create(recorded.client, '/sources', source('x', 'h', []))).rejects.toThrow(/nope/);
    expect([...recorded.log.relist]).toEqual(['source']);
    await client.close();
  });
});

describe('loadLiveState fingerprints', () => {
  it('hashes every object by default and none when a plan will not show or save them', async () => {
    server.emulator.reset();
    const client = newClient();
    await create(client, '/sources', source('orders-db', 'db.internal', []));
    const withThem = await loadLiveState(client, KINDS);
    const without = await loadLiveState(client, KINDS, { fingerprints: false });
    await client.close();
    expect(withThem.resources.map((r) => r.live.fingerprint)).toEqual([
      expect.stringMatching(/^[0-9a-f]{64}$/),
    ]);
    expect(without.resources.map((r) => r.live.fingerprint)).toEqual(['']);
    const { fingerprint: _a, ...restWith } = withThem.resources[0]?.live ?? { fingerprint: '' };
    const { fingerprint: _b, ...restWithout } = without.resources[0]?.live ?? { fingerprint: '' };
    expect(restWithout).toEqual(restWith);
  });
});
