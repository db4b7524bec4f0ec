import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src/api/types.js';
import { ApiError, OperationError } from '../../src/errors/index.js';
import { waitForSnapshot } from '../../src/snapshot/wait-snapshot.js';
import type { SnapshotProgress } from '../../src/status/types.js';
import { FakeClock } from '../helpers/fake-clock.js';

/** A client whose source metrics answer the scripted bodies in turn (the last one repeats). */
function scripted(bodies: unknown[]): ApiClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    stats: { requests: 0, retries: 0 },
    request: (method, path) => {
      calls.push(`${method} ${path}`);
      const body = bodies[Math.min(calls.length - 1, bodies.length - 1)];
      return body instanceof Error ? Promise.reject(body) : Promise.resolve(body);
    },
    listAll: () => Promise.reject(new Error('not used')),
    maskValues: () => undefined,
    close: () => Promise.resolve(),
  };
}

const counts = (completed: number, running: number, status: string) => ({
  data: {
    snapshotStatus: status,
    SnapshotCompleted: completed,
    SnapshotRunning: running,
    TotalTableCount: 3,
  },
});

describe('waitForSnapshot (virtual clock)', () => {
  it('polls every interval until completed, reporting each change once', async () => {
    const clock = new FakeClock();
    const client = scripted([
      counts(0, 1, 'Running'),
      counts(0, 1, 'Running'),
      counts(2, 1, 'Running'),
      counts(3, 0, 'Completed'),
    ]);
    const seen: SnapshotProgress[] = [];
    const done = await waitForSnapshot(
      client,
      { id: 's1', name: 'db' },
      {
        clock,
        intervalMs: 30_000,
        timeoutMs: 600_000,
        onProgress: (p) => seen.push(p),
      },
    );
    expect(done).toMatchObject({ phase: 'completed', completed: 3, total: 3 });
    expect(seen.map((p) => `${p.phase} ${p.completed}`)).toEqual(['running 0', 'running 2', 'completed 3']);
    expect(clock.sleeps).toEqual([30_000, 30_000, 30_000]);
    expect(client.calls).toEqual(Array(4).fill('GET /sources/s1/metrics'));
  });

  it('ends with an OperationError at the timeout (the snapshot goes on) or when it was stopped', async () => {
    const clock = new FakeClock();
    const slow = waitForSnapshot(
      scripted([counts(1, 1, 'Running')]),
      { id: 's1', name: 'db' },
      {
        clock,
        intervalMs: 30_000,
        timeoutMs: 100_000,
        onProgress: () => undefined,
      },
    );
    await expect(slow).rejects.toThrow(OperationError);
    await expect(slow).rejects.toThrow(
      'did not complete within --wait-timeout: running, 1/3 tables completed',
    );
    expect(clock.sleeps).toEqual([30_000, 30_000, 30_000]);
    const stopped = waitForSnapshot(
      scripted([counts(1, 0, 'Stopped')]),
      { id: 's1', name: 'db' },
      {
        clock: new FakeClock(),
        intervalMs: 1,
        timeoutMs: 10,
        onProgress: () => undefined,
      },
    );
    await expect(stopped).rejects.toThrow('the snapshot of db was stopped');
  });

  it('turns a 403 on the source metrics into the permission to add', async () => {
    const denied = new ApiError({
      message: 'HTTP 403',
      status: 403,
      method: 'GET',
      path: '/sources/s1/metrics',
    });
    const run = waitForSnapshot(
      scripted([denied]),
      { id: 's1', name: 'db' },
      {
        clock: new FakeClock(),
        intervalMs: 1,
        timeoutMs: 10,
        onProgress: () => undefined,
      },
    );
    await expect(run).rejects.toMatchObject({
      category: 'operation',
      hint: expect.stringContaining('read:source_metrics'),
    });
  });
});
