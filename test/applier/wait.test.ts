import { describe, expect, it } from 'vitest';
import { waitUntilActive } from '../../src/applier/wait.js';
import { ApplyError } from '../../src/errors/index.js';
import { recordingClient } from './fake-client.js';

const pipeline = { kind: 'pipeline' as const, name: 'orders', id: 'p1' };
const source = { kind: 'source' as const, name: 'db', id: 's1' };

describe('waitUntilActive', () => {
  it('polls until every target is Active', async () => {
    let polls = 0;
    const client = recordingClient({
      'GET /pipelines/p1/metrics': () => ({ data: { status: ++polls < 3 ? 'Starting' : 'Active' } }),
      'GET /pipelines/p1': () => ({ result: [{ id: 'p1' }] }),
      'GET /sources/metrics': () => ({ connector_metrics: { s1: { status: 'Active' } } }),
    });
    const seen: string[] = [];
    await waitUntilActive(client, [pipeline, source], {
      timeoutMs: 5000,
      intervalMs: 1,
      onStatus: (t, s) => seen.push(`${t.name}:${s}`),
    });
    expect(polls).toBe(3);
    expect([...seen].sort()).toEqual(['db:Active', 'orders:Active', 'orders:Starting']);
    expect(seen.indexOf('orders:Starting')).toBeLessThan(seen.indexOf('orders:Active'));
  });

  it('falls back to the object status while metrics lag behind', async () => {
    const client = recordingClient({
      'GET /sources/metrics': () => ({ connector_metrics: { s1: { status: 'Pending' } } }),
      'GET /sources/s1': () => ({ result: [{ id: 's1', connector_status: 'Active' }] }),
    });
    await expect(
      waitUntilActive(client, [source], { timeoutMs: 1000, intervalMs: 1 }),
    ).resolves.toBeDefined();
  });

  it('a Broken status fails at once with the resource named', async () => {
    const client = recordingClient({ 'GET /pipelines/p1/metrics': () => ({ data: { status: 'Broken' } }) });
    const run = waitUntilActive(client, [pipeline], { timeoutMs: 60_000, intervalMs: 1 });
    await expect(run).rejects.toThrow(ApplyError);
    await expect(run).rejects.toThrow('pipeline/orders is Broken');
  });

  it('times out with the statuses last seen', async () => {
    const client = recordingClient({
      'GET /pipelines/p1/metrics': () => ({ data: { status: 'Starting' } }),
      'GET /pipelines/p1': () => ({ result: [{ id: 'p1' }] }),
    });
    await expect(waitUntilActive(client, [pipeline], { timeoutMs: 30, intervalMs: 5 })).rejects.toThrow(
      'pipeline/orders (Starting)',
    );
  });
});
