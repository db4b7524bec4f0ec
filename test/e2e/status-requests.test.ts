/**
 * How many requests `status` sends for N pipelines (counted by the emulator, no timing): at most
 * three per pipeline (its metrics, its source's metrics, its destination's consumer group) plus a
 * constant (token, tags, pipeline pages, consumer-group pages), and fewer when pipelines share a
 * source or a destination. Nothing per table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/status/types.js';
import { startHarness, type Harness } from './harness.js';

const PG = {
  'database.hostname.user.defined': 'db.internal',
  'database.user': 'streamkap',
  'database.password': 'pw',
  'database.dbname': 'app',
  'schema.include.list': 'public',
  'table.include.list.user.defined': 'public.a,public.b,public.c,public.d,public.e',
};
const SF = {
  'snowflake.url.name': 'acme.snowflakecomputing.com',
  'snowflake.user.name': 'LOADER',
  'snowflake.private.key': 'key',
  'snowflake.database.name': 'RAW',
  'snowflake.schema.name': 'CDC',
};

/** N owned pipelines over `sources` sources and `destinations` destinations, plus 5 of another namespace. */
function account(n: number, sources: number, destinations: number): unknown {
  const range = (k: number): number[] => Array.from({ length: k }, (_, i) => i);
  return {
    tags: [
      { name: 'gitops:bulk', type: ['pipelines'] },
      { name: 'gitops:other', type: ['pipelines'] },
    ],
    sources: range(sources).map((i) => ({ name: `src-${i}`, connector: 'postgresql', config: PG })),
    destinations: range(destinations).map((i) => ({ name: `dst-${i}`, connector: 'snowflake', config: SF })),
    pipelines: range(n + 5).map((i) => ({
      name: `p-${i}`,
      source: {
        name: `src-${i % sources}`,
        topics: ['public.a', 'public.b', 'public.c', 'public.d', 'public.e'],
      },
      destination: { name: `dst-${i % destinations}` },
      tags: [i < n ? 'gitops:bulk' : 'gitops:other'],
    })),
  };
}

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

async function countStatus(n: number, sources: number, destinations: number) {
  h.server.emulator.reset();
  h.server.emulator.seed(account(n, sources, destinations));
  h.server.emulator.resetStats();
  const r = await h.cli(['status', '--namespace', 'bulk', '--format', 'json']);
  expect([0, 2], r.err).toContain(r.code);
  expect((JSON.parse(r.out) as StatusReport).summary.total).toBe(n);
  return h.server.emulator.stats();
}

describe('status request count', () => {
  it('100 pipelines with their own source and destination: 3 per pipeline plus 6', async () => {
    const stats = await countStatus(100, 100, 100);
    expect(stats.byRoute).toEqual({
      'POST /auth/access-token': 1,
      'GET /tags': 1,
      // 105 pipelines: a full page of 100, then a short one.
      'GET /pipelines': 2,
      'GET /consumer-groups': 2,
      'GET /pipelines/{pipeline_id}/metrics': 100,
      'GET /sources/{source_id}/metrics': 100,
      'GET /consumer-groups/{group_id}': 100,
    });
    expect(stats.total).toBe(306);
  });

  it('pipelines sharing sources and destinations: one read per source and per destination', async () => {
    const stats = await countStatus(40, 4, 2);
    expect(stats.byRoute['GET /pipelines/{pipeline_id}/metrics']).toBe(40);
    expect(stats.byRoute['GET /sources/{source_id}/metrics']).toBe(4);
    expect(stats.byRoute['GET /consumer-groups/{group_id}']).toBe(2);
    expect(stats.total).toBeLessThanOrEqual(3 * 40 + 6);
  });
});
