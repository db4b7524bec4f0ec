/**
 * Settings that play the contract's other readings of an ASSUMED behaviour (doctor is tested
 * against each): a paged `GET /tags`, transform list rows without `implementation`, an ignored
 * `secret_returned`, one spelling of the start-snapshot route, a server clock ahead of ours.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sourceBody, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 5 });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control('POST', '/reset');
});

const configure = (patch: Record<string, unknown>) => h.control('POST', '/faults', patch);

describe('emulator settings for alternative behaviours', () => {
  it('tagsPageSize pages GET /tags (tags envelope plus page, page_size, total, has_next); null keeps it unpaged', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e'])
      await h.call('POST', '/tags', { name, type: ['sources'], created_from: 'api' });
    expect(Object.keys((await h.call('GET', '/tags')).body)).toEqual(['tags']);
    expect((await configure({ tagsPageSize: 3 })).status).toBe(200);
    const first = (await h.call('GET', '/tags')).body;
    // Three system tags and five custom ones.
    expect(first).toMatchObject({ page: 1, page_size: 3, total: 8, has_next: true });
    expect(first.tags).toHaveLength(3);
    const last = (await h.call('GET', '/tags?page=3')).body;
    expect(last).toMatchObject({ page: 3, total: 8, has_next: false });
    expect(last.tags).toHaveLength(2);
    expect((await h.call('GET', '/tags?page_size=100')).body.tags).toHaveLength(8);
    expect((await configure({ tagsPageSize: 0 })).status).toBe(400);
  });

  it('listImplementation: false leaves implementation out of transform list rows, not of GET by id', async () => {
    const created = await h.call('POST', '/transforms', {
      transform: 'map_filter',
      config: {
        'transforms.name': 'mask',
        'transforms.input.topic.pattern': 'x',
        'transforms.output.topic.pattern': 'y',
      },
      implementation: { value_transform: 'v => v' },
      created_from: 'api',
    });
    expect(created.status).toBe(200);
    expect((await h.call('GET', '/transforms')).body.result[0]).toHaveProperty('implementation');
    await configure({ listImplementation: false });
    expect((await h.call('GET', '/transforms')).body.result[0]).not.toHaveProperty('implementation');
    const byId = (await h.call('GET', `/transforms/${created.body.id}?unwind_topics=false`)).body;
    expect(byId.result[0].implementation).toEqual({ value_transform: 'v => v' });
  });

  it('secretReturnedHonoured: false withholds secrets even with secret_returned=true', async () => {
    await h.call('POST', '/sources', sourceBody('pg'));
    const read = async () =>
      (await h.call('GET', '/sources?secret_returned=true')).body.result[0].config['database.password'];
    expect(await read()).toBe('pg-s3cret');
    await configure({ secretReturnedHonoured: false, secretMask: 'null' });
    expect(await read()).toBeNull();
  });

  it('snapshotRoutes keeps one spelling of the start route; the other answers 404', async () => {
    const body = { source_id: 'ffffffffffffffffffffffff', snapshot_type: 'not-a-type' };
    expect((await h.call('POST', '/sources/execute_incremental_snapshot', body)).status).toBe(422);
    await configure({ snapshotRoutes: 'snapshot' });
    expect((await h.call('POST', '/sources/execute_incremental_snapshot', body)).status).toBe(404);
    expect((await h.call('POST', '/sources/snapshot', body)).status).toBe(422);
    await configure({ snapshotRoutes: 'execute' });
    expect((await h.call('POST', '/sources/snapshot', body)).status).toBe(404);
  });

  it('clockSkewSeconds moves the Date header of every answer', async () => {
    const skewOf = async (): Promise<number> => {
      const r = await h.call('GET', '/tags');
      return (Date.parse(r.headers.get('date') ?? '') - Date.now()) / 1000;
    };
    expect(Math.abs(await skewOf())).toBeLessThan(120);
    await configure({ clockSkewSeconds: 3600 });
    expect(await skewOf()).toBeGreaterThan(3000);
    await configure({ clockSkewSeconds: -3600 });
    expect(await skewOf()).toBeLessThan(-3000);
  });
});
