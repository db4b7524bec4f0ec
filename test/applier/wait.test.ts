import { describe, expect, it } from 'vitest';
import { waitUntilActive } from '../../src/applier/wait.js';
import { ApplyError } from '../../src/errors/index.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { recordingClient } from './fake-client.js';

const pipeline = { kind: 'pipeline' as const, name: 'orders', id: 'p1' };
const source = { kind: 'source' as const, name: 'db', id: 's1' };

describe('waitUntilActive', () => {
  it('polls until every target is Active, doubling the pause between polls', async () => {
    let polls = 0;
    const client = recordingClient({
      'GET /pipelines/p1/metrics': () => ({ data: { status: ++polls < 3 ? 'Starting' : 'Active' } }),
      'GET /pipelines/p1': () => ({ result: [{ id: 'p1' }] }),
      'GET /sources/metrics': () => ({ connector_metrics: { s1: { status: 'Active' } } }),
    });
    const seen: string[] = [];
    const clock = new FakeClock();
    await waitUntilActive(client, [pipeline, source], {
      timeoutMs: 5000,
      intervalMs: 100,
      onStatus: (t, s) => seen.push(`${t.name}:${s}`),
      clock,
    });
    expect(polls).toBe(3);
    expect(clock.sleeps).toEqual([100, 200]);
    expect([...seen].sort()).toEqual(['db:Active', 'orders:Active', 'orders:Starting']);
    expect(seen.indexOf('orders:Starting')).toBeLessThan(seen.indexOf('orders:Active'));
  });

  it('falls back to the object status while metrics lag behind', async () => {
    const client = recordingClient({
      'GET /sources/metrics': () => ({ connector_metrics: { s1: { status: 'Pending' } } }),
      'GET /sources/s1': () => ({ result: [{ id: 's1', connector_status: 'Active' }] }),
    });
    const clock = new FakeClock();
    await expect(
      waitUntilActive(client, [source], { timeoutMs: 1000, intervalMs: 1, clock }),
    ).resolves.toBeDefined();
    expect(clock.sleeps).toEqual([]);
  });

  it('a Broken status fails at once with the resource named', async () => {
    const client = recordingClient({ 'GET /pipelines/p1/metrics': () => ({ data: { status: 'Broken' } }) });
    const clock = new FakeClock();
    const run = waitUntilActive(client, [pipeline], { timeoutMs: 60_000, intervalMs: 1, clock });
    await expect(run).rejects.toThrow(ApplyError);
    await expect(run).rejects.toThrow('pipeline/orders is Broken');
    expect(clock.sleeps).toEqual([]);
  });

  it('times out with the statuses last seen, the last pause cut to the deadline', async () => {
    const client = recordingClient({
      'GET /pipelines/p1/metrics': () => ({ data: { status: 'Starting' } }),
      'GET /pipelines/p1': () => ({ result: [{ id: 'p1' }] }),
    });
    const clock = new FakeClock();
    const started = clock.now();
    await expect(
      waitUntilActive(client, [pipeline], { timeoutMs: 30, intervalMs: 5, clock }),
    ).rejects.toThrow('pipeline/orders (Starting)');
    expect(clock.sleeps).toEqual([5, 10, 15]);
    expect(clock.now() - started).toBe(30);
    // One poll after each pause, and one before the first.
    expect(client.calls.filter((c) => c.path === '/pipelines/p1/metrics')).toHaveLength(4);
  });

  it('caps the pause between polls at 10 s (or the interval asked for, when longer)', async () => {
    const client = recordingClient({
      'GET /pipelines/p1/metrics': () => ({ data: { status: 'Starting' } }),
      'GET /pipelines/p1': () => ({ result: [{ id: 'p1' }] }),
    });
    const clock = new FakeClock();
    await expect(
      waitUntilActive(client, [pipeline], { timeoutMs: 42_000, intervalMs: 4000, clock }),
    ).rejects.toThrow(ApplyError);
    expect(clock.sleeps).toEqual([4000, 8000, 10_000, 10_000, 10_000]);

    const slow = new FakeClock();
    await expect(
      waitUntilActive(client, [pipeline], { timeoutMs: 60_000, intervalMs: 25_000, clock: slow }),
    ).rejects.toThrow(ApplyError);
    expect(slow.sleeps).toEqual([25_000, 25_000, 10_000]);
  });
});
