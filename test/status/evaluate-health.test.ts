import { describe, expect, it } from 'vitest';
import { statusExitCode } from '../../src/cli/exit-codes.js';
import { evaluatePipeline } from '../../src/status/evaluate-health.js';
import type { PipelineReadings } from '../../src/status/fetch-health.js';
import type { OwnedPipeline } from '../../src/status/owned-pipelines.js';
import { READS } from '../../src/status/permissions.js';

const PIPELINE: OwnedPipeline = {
  id: 'p1',
  name: 'orders',
  source: { id: 's1', name: 'orders-db', status: 'Active' },
  destination: { id: 'd1', name: 'warehouse', status: 'Active' },
  topics: ['public.a', 'public.b'],
};

function readings(over: Partial<PipelineReadings> = {}): PipelineReadings {
  return {
    pipeline: {
      ok: true,
      value: {
        status: 'Active',
        latency: { latest: 900, points: [{ t: 't', v: 900 }] },
        recordsLag: { latest: 10, points: [] },
      },
    },
    source: {
      ok: true,
      value: {
        connectorStatus: 'Active',
        snapshot: { phase: 'running', completed: 1, total: null, status: 'Running', state: null },
      },
    },
    consumer: { ok: true, value: { groups: ['connect-destination_d1'], lag: 20 } },
    ...over,
  };
}

describe('evaluatePipeline', () => {
  it('is healthy when everything is Active and under the thresholds', () => {
    const row = evaluatePipeline(PIPELINE, readings(), { maxLag: 100, maxLatencyMs: 1000 });
    expect(row).toMatchObject({
      health: 'healthy',
      status: 'Active',
      latencyMs: 900,
      recordsLag: 10,
      consumerLag: 20,
      reasons: [],
      notes: [],
      trend: { latencyMs: [{ t: 't', v: 900 }], recordsLag: [] },
    });
    // No total from the API: the pipeline's topics stand in.
    expect(row.snapshot).toMatchObject({ completed: 1, total: 2 });
  });

  it('is unhealthy when not Active, a connector is not Active, or a threshold is crossed', () => {
    const broken = readings({
      pipeline: {
        ok: true,
        value: {
          status: 'Broken',
          latency: { latest: 5000, points: [] },
          recordsLag: { latest: 2000, points: [] },
        },
      },
    });
    const pipeline = { ...PIPELINE, destination: { ...PIPELINE.destination, status: 'Paused' } };
    const row = evaluatePipeline(pipeline, broken, { maxLag: 1000, maxLatencyMs: 1000 });
    expect(row.health).toBe('unhealthy');
    expect(row.reasons).toEqual([
      'pipeline is Broken',
      'destination warehouse is Paused',
      'records lag 2,000 > 1,000',
      'latency 5,000 ms > 1,000 ms',
    ]);
    const failedSource = readings({
      source: { ok: true, value: { connectorStatus: 'Broken', snapshot: readingsSnapshot() } },
    });
    expect(evaluatePipeline(PIPELINE, failedSource, {}).reasons).toEqual(['source orders-db is Broken']);
    expect(evaluatePipeline(PIPELINE, readings(), { maxLag: 15 }).reasons).toEqual(['consumer lag 20 > 15']);
  });

  it('is unknown when its own metrics answer 403, naming the permission, and says so per pipeline', () => {
    const row = evaluatePipeline(
      PIPELINE,
      readings({ pipeline: { ok: false, error: 'x', forbidden: { ...READS.pipelineMetrics } } }),
      {},
    );
    expect(row.health).toBe('unknown');
    expect(row.status).toBeNull();
    expect(row.forbidden).toEqual([READS.pipelineMetrics]);
    expect(row.notes[0]).toContain('read:pipeline_metrics');
  });

  it('keeps a 403 on consumer groups a note unless --max-lag needs the lag', () => {
    const denied = readings({ consumer: { ok: false, error: 'x', forbidden: { ...READS.consumerGroups } } });
    const plain = evaluatePipeline(PIPELINE, denied, {});
    expect(plain.health).toBe('healthy');
    expect(plain.consumerLag).toBeNull();
    expect(plain.notes).toHaveLength(1);
    const withLimit = evaluatePipeline(PIPELINE, denied, { maxLag: 100 });
    expect(withLimit.health).toBe('unknown');
    expect(withLimit.notes).toContain('consumer lag unknown: --max-lag not checked');
  });

  it('notes a destination without a matching consumer group', () => {
    const none = readings({ consumer: { ok: true, value: { groups: [], lag: undefined } } });
    expect(evaluatePipeline(PIPELINE, none, {}).notes).toEqual([
      'no consumer group found for destination warehouse (matched by its id)',
    ]);
  });
});

function readingsSnapshot() {
  return { phase: 'none' as const, completed: 0, total: 0, status: null, state: null };
}

describe('statusExitCode', () => {
  it('is 2 when any pipeline is unhealthy, else 1 when any is unknown, else 0', () => {
    expect(statusExitCode({ unhealthy: 1, unknown: 3 })).toBe(2);
    expect(statusExitCode({ unhealthy: 0, unknown: 1 })).toBe(1);
    expect(statusExitCode({ unhealthy: 0, unknown: 0 })).toBe(0);
  });
});
