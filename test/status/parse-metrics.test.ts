import { describe, expect, it } from 'vitest';
import { groupLag, groupsFor, parseGroupRows } from '../../src/status/parse-consumer-groups.js';
import { parsePipelineMetrics } from '../../src/status/parse-pipeline-metrics.js';
import { parseSourceMetrics } from '../../src/status/parse-source-metrics.js';

describe('pipeline metrics, read tolerantly', () => {
  it('reads the confirmed scalar shape', () => {
    const r = parsePipelineMetrics({
      data: { status: 'Active', latency: 812, recordsLag: '40' },
      metadata: {},
    });
    expect(r).toEqual({
      status: 'Active',
      latency: { latest: 812, points: [] },
      recordsLag: { latest: 40, points: [] },
    });
  });

  it('reads a series as points, pairs or plain numbers; the latest is the last known point', () => {
    const points = parsePipelineMetrics({
      data: {
        latency: [
          { timestamp: 't1', value: 5 },
          { timestamp: 't2', value: 7 },
          { timestamp: 't3', value: null },
        ],
        recordsLag: [
          ['t1', 1],
          ['t2', '2'],
        ],
      },
    });
    expect(points.latency.latest).toBe(7);
    expect(points.latency.points).toEqual([
      { t: 't1', v: 5 },
      { t: 't2', v: 7 },
      { t: 't3', v: null },
    ]);
    expect(points.recordsLag).toEqual({
      latest: 2,
      points: [
        { t: 't1', v: 1 },
        { t: 't2', v: 2 },
      ],
    });
    expect(parsePipelineMetrics({ latency: [3, 4] }).latency.latest).toBe(4);
  });

  it('leaves what it cannot read unknown, never throws', () => {
    for (const body of [null, 'oops', 42, [], { data: { latency: 'fast', recordsLag: {} } }]) {
      const r = parsePipelineMetrics(body);
      expect(r.status).toBeUndefined();
      expect(r.latency.latest).toBeUndefined();
      expect(r.recordsLag.latest).toBeUndefined();
    }
  });
});

describe('source metrics snapshot progress, in each shape the emulator plays', () => {
  it('counts: SnapshotCompleted/SnapshotRunning as numbers with TotalTableCount', () => {
    const r = parseSourceMetrics({
      data: {
        status: 'Active',
        snapshotStatus: 'Running',
        snapshotState: 'incremental',
        SnapshotRunning: 1,
        SnapshotCompleted: 3,
        TotalTableCount: 5,
      },
    });
    expect(r.connectorStatus).toBe('Active');
    expect(r.snapshot).toEqual({
      phase: 'running',
      completed: 3,
      total: 5,
      status: 'Running',
      state: 'incremental',
    });
  });

  it('tables: lists of table names at the top level (no total: waiting tables are not listed)', () => {
    const r = parseSourceMetrics({
      connector_status: 'Broken',
      snapshotStatus: 'Running',
      SnapshotRunning: ['public.c'],
      SnapshotCompleted: ['public.a', 'public.b'],
    });
    expect(r.connectorStatus).toBe('Broken');
    expect(r.snapshot).toMatchObject({ phase: 'running', completed: 2, total: null });
  });

  it('flags: Debezium booleans with TotalTableCount/RemainingTableCount', () => {
    const done = parseSourceMetrics({
      data: { SnapshotRunning: false, SnapshotCompleted: true, TotalTableCount: 4, RemainingTableCount: 0 },
    });
    expect(done.snapshot).toMatchObject({ phase: 'completed', completed: 4, total: 4 });
    const running = parseSourceMetrics({
      data: { SnapshotRunning: true, SnapshotCompleted: false, TotalTableCount: 4, RemainingTableCount: 3 },
    });
    expect(running.snapshot).toMatchObject({ phase: 'running', completed: 1, total: 4 });
  });

  it('reads the status words, and nothing at all as unknown', () => {
    expect(parseSourceMetrics({ snapshotStatus: 'NotStarted' }).snapshot.phase).toBe('none');
    expect(parseSourceMetrics({ snapshotStatus: 'Stopped', SnapshotCompleted: 1 }).snapshot.phase).toBe(
      'stopped',
    );
    expect(parseSourceMetrics({}).snapshot).toEqual({
      phase: 'unknown',
      completed: null,
      total: null,
      status: null,
      state: null,
    });
    expect(parseSourceMetrics('garbage').connectorStatus).toBeUndefined();
  });
});

describe('consumer groups', () => {
  it('lists rows from an envelope, a named list, a bare array or strings', () => {
    expect(parseGroupRows({ result: [{ group_id: 'a', lag: 3 }, { groupId: 'b' }] })).toEqual([
      { id: 'a', lag: 3 },
      { id: 'b', lag: undefined },
    ]);
    expect(parseGroupRows({ consumer_groups: [{ name: 'c' }] })).toEqual([{ id: 'c', lag: undefined }]);
    expect(parseGroupRows(['d', '', 7, { nope: 1 }])).toEqual([{ id: 'd', lag: undefined }]);
    expect(parseGroupRows('nonsense')).toEqual([]);
  });

  it('reads lag as a total, per-partition lag, or end minus current offsets', () => {
    expect(groupLag({ group_id: 'g', total_lag: '12' })).toBe(12);
    expect(groupLag({ partitions: [{ lag: 2 }, { lag: 3 }] })).toBe(5);
    expect(
      groupLag({
        partitions: [
          { logEndOffset: 100, currentOffset: 90 },
          { log_end_offset: 5, current_offset: 5 },
        ],
      }),
    ).toBe(10);
    expect(groupLag({ topics: [{ partitions: [{ lag: 4 }] }, { partitions: [{ lag: 1 }] }] })).toBe(5);
    expect(groupLag({ data: { lag: 8 } })).toBe(8);
    expect(groupLag({ partitions: [{ topic: 'x' }] })).toBeUndefined();
    expect(groupLag(null)).toBeUndefined();
  });

  it("matches a pipeline's groups by its destination's id, else its own id", () => {
    const rows = [
      { id: 'connect-destination_d1', lag: undefined },
      { id: 'connect-p9-sink', lag: 1 },
    ];
    expect(groupsFor(rows, 'd1', 'p1').map((r) => r.id)).toEqual(['connect-destination_d1']);
    expect(groupsFor(rows, 'd2', 'p9').map((r) => r.id)).toEqual(['connect-p9-sink']);
    expect(groupsFor(rows, 'd2', 'p2')).toEqual([]);
    expect(groupsFor(rows, '', '')).toEqual([]);
  });
});
