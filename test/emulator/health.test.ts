import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { destinationBody, sourceBody, startHarness, type Harness } from './helpers.js';

let h: Harness;
/** The emulator's clock: snapshot progress moves only when a test advances it. */
let clock = Date.parse('2026-03-01T12:00:00Z');

beforeAll(async () => {
  h = await startHarness({ seed: 5, now: () => clock });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control('POST', '/reset');
});

async function pipelineSetup(): Promise<{ s: { id: string }; d: { id: string }; p: { id: string } }> {
  const s = (await h.call('POST', '/sources', sourceBody('pg'))).body;
  const d = (await h.call('POST', '/destinations', destinationBody('sf'))).body;
  const p = (
    await h.call('POST', '/pipelines', {
      name: 'orders',
      source: { id: s.id, topics: ['public.orders', 'public.customers'] },
      destination: { id: d.id },
    })
  ).body;
  return { s, d, p };
}

const WINDOW =
  'time_interval=10&time_unit=minute&timestamp_from=2026-03-01T11:00:00Z&timestamp_to=2026-03-01T12:00:00Z';

describe('emulator: pipeline metrics over a window', () => {
  it('answers a series per metric whose last point is the current value, in each shape', async () => {
    const { p } = await pipelineSetup();
    const now = (await h.call('GET', `/pipelines/${p.id}/metrics`)).body.data;
    const points = (await h.call('GET', `/pipelines/${p.id}/metrics?${WINDOW}`)).body.data;
    expect(points.recordsLag).toHaveLength(7);
    expect(points.recordsLag[6]).toEqual({ timestamp: '2026-03-01T12:00:00.000Z', value: now.recordsLag });
    expect(points.latency[0].timestamp).toBe('2026-03-01T11:00:00.000Z');
    await h.control('POST', '/faults', { metricsSeries: 'pairs' });
    const pairs = (await h.call('GET', `/pipelines/${p.id}/metrics?${WINDOW}`)).body.data;
    expect(pairs.latency[6]).toEqual(['2026-03-01T12:00:00.000Z', now.latency]);
    await h.control('POST', '/faults', { metricsSeries: 'none' });
    expect((await h.call('GET', `/pipelines/${p.id}/metrics?${WINDOW}`)).body.data).toEqual(now);
    const bad = await h.call('GET', `/pipelines/${p.id}/metrics?timestamp_from=yesterday&timestamp_to=x`);
    expect(bad.status).toBe(400);
  });

  it('reports what healthOverrides say, by pipeline name or id', async () => {
    const { p } = await pipelineSetup();
    await h.control('POST', '/faults', {
      healthOverrides: { orders: { status: 'Broken', recordsLag: 90_000, latency: 12_000 } },
    });
    const data = (await h.call('GET', `/pipelines/${p.id}/metrics`)).body.data;
    expect(data).toEqual({ status: 'Broken', recordsLag: 90_000, latency: 12_000 });
    expect((await h.control('POST', '/faults', { healthOverrides: { x: { lag: 1 } } })).status).toBe(400);
  });

  it('answers 403 on each endpoint forbiddenMetrics closes, naming the permission', async () => {
    const { s, p } = await pipelineSetup();
    await h.control('POST', '/faults', {
      forbiddenMetrics: ['pipeline-metrics', 'source-metrics', 'consumer-groups'],
    });
    const r = await h.call('GET', `/pipelines/${p.id}/metrics`);
    expect(r.status).toBe(403);
    expect(r.body.detail).toContain('read:pipeline_metrics');
    expect((await h.call('GET', `/sources/${s.id}/metrics`)).status).toBe(403);
    expect((await h.call('GET', '/consumer-groups')).status).toBe(403);
    expect((await h.control('POST', '/faults', { forbiddenMetrics: ['everything'] })).status).toBe(400);
  });
});

describe('emulator: source metrics follow a snapshot from running to completed', () => {
  it('counts tables one after another over snapshotDurationMs (counts shape)', async () => {
    const { s } = await pipelineSetup();
    await h.control('POST', '/faults', { snapshotDurationMs: 10_000 });
    const before = (await h.call('GET', `/sources/${s.id}/metrics`)).body.data;
    expect(before).toMatchObject({ status: 'Active', snapshotStatus: 'None', SnapshotCompleted: 0 });
    const body = { source_id: s.id, topic_names: ['a.t1', 'a.t2', 'a.t3', 'a.t4'] };
    expect((await h.call('POST', '/sources/execute_incremental_snapshot', body)).status).toBe(200);
    clock += 5_000;
    const half = (await h.call('GET', `/sources/${s.id}/metrics`)).body.data;
    expect(half).toMatchObject({
      snapshotStatus: 'Running',
      snapshotState: 'incremental',
      SnapshotRunning: 1,
      SnapshotCompleted: 2,
      TotalTableCount: 4,
    });
    expect((await h.call('POST', '/sources/execute_incremental_snapshot', body)).status).toBe(409);
    clock += 5_000;
    const done = (await h.call('GET', `/sources/${s.id}/metrics`)).body.data;
    expect(done).toMatchObject({ snapshotStatus: 'Completed', SnapshotRunning: 0, SnapshotCompleted: 4 });
    expect((await h.call('POST', '/sources/execute_incremental_snapshot', body)).status).toBe(200);
    expect(h.server.emulator.store.snapshotCalls.map((c) => [c.path, c.status])).toEqual([
      ['/sources/execute_incremental_snapshot', 200],
      ['/sources/execute_incremental_snapshot', 409],
      ['/sources/execute_incremental_snapshot', 200],
    ]);
    expect(h.server.emulator.store.snapshotCalls[0]?.body).toEqual(body);
  });

  it('plays the tables and flags shapes, and a stop freezes the progress', async () => {
    const { s } = await pipelineSetup();
    await h.control('POST', '/faults', { snapshotDurationMs: 10_000, sourceMetricsShape: 'tables' });
    await h.call('POST', '/sources/execute_incremental_snapshot', { source_id: s.id });
    clock += 5_000;
    const tables = (await h.call('GET', `/sources/${s.id}/metrics`)).body;
    expect(tables).toMatchObject({
      connector_status: 'Active',
      SnapshotCompleted: ['public.orders'],
      SnapshotRunning: ['public.customers'],
    });
    await h.control('POST', '/faults', { sourceMetricsShape: 'flags' });
    expect((await h.call('POST', '/sources/stop_incremental_snapshot', { source_id: s.id })).status).toBe(
      200,
    );
    clock += 60_000;
    const flags = (await h.call('GET', `/sources/${s.id}/metrics`)).body.data;
    expect(flags).toMatchObject({
      snapshotStatus: 'Stopped',
      SnapshotRunning: false,
      SnapshotCompleted: false,
      TotalTableCount: 2,
      RemainingTableCount: 1,
    });
  });
});

describe('emulator: consumer groups', () => {
  it('lists one group per destination and describes its total lag (total shape)', async () => {
    const { d } = await pipelineSetup();
    await h.control('POST', '/faults', { healthOverrides: { orders: { consumerLag: 777 } } });
    const list = (await h.call('GET', '/consumer-groups?page=1&page_size=100')).body;
    expect(list.result).toEqual([{ group_id: `connect-destination_${d.id}`, state: 'Stable', members: 1 }]);
    const one = (await h.call('GET', `/consumer-groups/connect-destination_${d.id}`)).body;
    expect(one).toMatchObject({ group_id: `connect-destination_${d.id}`, lag: 777 });
    expect((await h.call('GET', '/consumer-groups/nope')).status).toBe(404);
  });

  it('answers per-partition offsets without a lag field (partitions shape)', async () => {
    const { s, d } = await pipelineSetup();
    await h.control('POST', '/faults', {
      consumerGroupShape: 'partitions',
      healthOverrides: { orders: { consumerLag: 50 } },
    });
    const list = (await h.call('GET', '/consumer-groups')).body;
    expect(list.consumer_groups).toEqual([{ groupId: `connect-destination_${d.id}`, state: 'Stable' }]);
    const one = (await h.call('GET', `/consumer-groups/connect-destination_${d.id}`)).body;
    expect(one.partitions).toHaveLength(2);
    expect(one.partitions[0].topic).toBe(`source_${s.id}.public.orders`);
    const lag = one.partitions.reduce(
      (n: number, p: { logEndOffset: number; currentOffset: number }) => n + p.logEndOffset - p.currentOffset,
      0,
    );
    expect(lag).toBe(50);
  });
});
