import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { destinationBody, sourceBody, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 42 });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control('POST', '/reset');
});

const ALL_TYPES = ['sources', 'destinations', 'pipelines', 'transforms', 'topics', 'services'];

async function createTag(name: string, type: string[] = ALL_TYPES) {
  return h.call('POST', '/tags', { name, description: `${name} tag`, type, created_from: 'api' });
}

describe('emulator api-notes §8.12: tags', () => {
  it('lists in the {"tags": [...]} envelope, system tags included (Development 670e5ca40afe1d3983ce0c22)', async () => {
    const r = await h.call('GET', '/tags');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['tags']);
    const dev = r.body.tags.find((t: { name: string }) => t.name === 'Development');
    expect(dev).toMatchObject({ id: '670e5ca40afe1d3983ce0c22', system: true, custom: false });
    expect(r.body.tags.some((t: { name: string }) => t.name === 'Production')).toBe(true);
  });

  it('filters by repeated tag_ids, tag_name and tag_type, and by POST /tags/search', async () => {
    const a = (await createTag('team-a')).body;
    const b = (await createTag('team-b', ['pipelines'])).body;
    await createTag('other');
    const byIds = await h.call('GET', `/tags?tag_ids=${a.id}&tag_ids=${b.id}`);
    expect(byIds.body.tags.map((t: { id: string }) => t.id).sort()).toEqual([a.id, b.id].sort());
    expect((await h.call('GET', '/tags?tag_ids=ffffffffffffffffffffffff')).body.tags).toEqual([]);
    expect((await h.call('GET', '/tags?tag_name=team-')).body.tags).toHaveLength(2);
    expect((await h.call('GET', '/tags?tag_type=pipelines&tag_name=team')).body.tags).toHaveLength(2);
    expect((await h.call('GET', '/tags?tag_type=sources&tag_name=team')).body.tags).toHaveLength(1);
    const search = await h.call('POST', '/tags/search', { tag_ids: [b.id] });
    expect(search.body.tags.map((t: { name: string }) => t.name)).toEqual(['team-b']);
  });

  it('returns type in shuffled order (a set, not a list)', async () => {
    const t = (await createTag('shuffled')).body;
    const orders = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const got = (await h.call('GET', `/tags?tag_ids=${t.id}`)).body.tags[0].type as string[];
      expect([...got].sort()).toEqual([...ALL_TYPES].sort());
      orders.add(got.join(','));
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it('answers a duplicate with 400 "A tag with identical properties already exists."', async () => {
    await createTag('dup');
    const r = await createTag('dup');
    expect(r.status).toBe(400);
    expect(r.body.detail).toBe('A tag with identical properties already exists.');
  });

  it('refuses the reserved types environment and general on custom tags, and unknown types with 422', async () => {
    expect((await createTag('env', ['environment'])).status).toBe(400);
    expect((await createTag('gen', ['general', 'sources'])).status).toBe(400);
    const unknown = await createTag('bad', ['widgets']);
    expect(unknown.status).toBe(422);
    expect(unknown.body.detail[0].loc).toEqual(['body', 'type', 0]);
  });

  it('refuses deleting a tag while an entity uses it ("Tag is used by N entities"), then deletes it', async () => {
    const tag = (await createTag('in-use')).body;
    const s = (await h.call('POST', '/sources', sourceBody('pg', { tags: [tag.id] }))).body;
    await h.call('POST', '/destinations', destinationBody('sf', { tags: [tag.id] }));
    const refused = await h.call('DELETE', `/tags/${tag.id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toBe('Tag is used by 2 entities');
    await h.call('PUT', `/sources/${s.id}`, sourceBody('pg', { tags: [] }));
    await h.call('DELETE', `/destinations/${(await h.call('GET', '/destinations')).body.result[0].id}`);
    const del = await h.call('DELETE', `/tags/${tag.id}`);
    expect(del.status).toBe(200);
    expect((await h.call('GET', `/tags?tag_ids=${tag.id}`)).body.tags).toEqual([]);
  });

  it('updates custom tags with PUT and refuses to touch system tags', async () => {
    const tag = (await createTag('rename-me')).body;
    const put = await h.call('PUT', `/tags/${tag.id}`, {
      name: 'renamed',
      description: null,
      type: ['sources'],
    });
    expect(put.body).toMatchObject({ name: 'renamed', description: null, type: ['sources'], custom: true });
    expect((await h.call('DELETE', '/tags/670e5ca40afe1d3983ce0c22')).status).toBe(400);
  });

  it('rejects unknown tag ids on entities with 400', async () => {
    const r = await h.call('POST', '/sources', sourceBody('pg', { tags: ['ffffffffffffffffffffffff'] }));
    expect(r.status).toBe(400);
  });
});

describe('emulator api-notes §8.13: X-Request-Id on every response', () => {
  it('sets a distinct request id on successes, 401s, 404s, 422s and control calls', async () => {
    const responses = [
      await h.call('GET', '/sources'),
      await h.raw('GET', '/sources'),
      await h.call('GET', '/nowhere'),
      await h.call('POST', '/sources', {}),
      await h.control('GET', '/stats'),
    ];
    const ids = responses.map((r) => r.headers.get('x-request-id'));
    expect(ids.every((id) => typeof id === 'string' && id.length > 8)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('emulator api-notes §8.14: snapshots, metrics, consumer groups, connector catalogue', () => {
  it('starts a snapshot on both spellings, answers 409 while one runs, and stops/cancels it', async () => {
    const s = (await h.call('POST', '/sources', sourceBody('pg'))).body;
    const start = await h.call('POST', '/sources/snapshot', {
      source_id: s.id,
      topic_names: ['public.orders'],
    });
    expect(start.status).toBe(200);
    const again = await h.call('POST', '/sources/execute_incremental_snapshot', { source_id: s.id });
    expect(again.status).toBe(409);
    expect(typeof again.body.detail).toBe('string');
    expect((await h.call('POST', '/sources/stop_blocking_snapshot', { source_id: s.id })).status).toBe(400);
    expect((await h.call('POST', '/sources/stop_incremental_snapshot', { source_id: s.id })).status).toBe(
      200,
    );
    expect((await h.call('POST', '/sources/execute_incremental_snapshot', { source_id: s.id })).status).toBe(
      200,
    );
    expect((await h.call('POST', '/sources/cancel_snapshot', { source_id: s.id })).status).toBe(200);
    expect(
      (await h.call('POST', '/sources/snapshot', { source_id: 'ffffffffffffffffffffffff' })).status,
    ).toBe(404);
  });

  it('serves pipeline metrics whose data.status follows the pipeline status', async () => {
    const s = (await h.call('POST', '/sources', sourceBody('pg'))).body;
    const d = (await h.call('POST', '/destinations', destinationBody('sf'))).body;
    const p = (
      await h.call('POST', '/pipelines?wait=false', {
        name: 'p',
        source: { id: s.id, topics: [] },
        destination: { id: d.id },
      })
    ).body;
    const pending = await h.call('GET', `/pipelines/${p.id}/metrics?time_interval=5&time_unit=minute`);
    expect(pending.status).toBe(200);
    expect(pending.body.data).toMatchObject({
      status: 'Pending',
      latency: expect.any(Number),
      recordsLag: expect.any(Number),
    });
    expect(pending.body.metadata).toMatchObject({ pipeline_id: p.id, time_unit: 'minute' });
    expect((await h.call('GET', `/pipelines/${p.id}/metrics?time_unit=fortnight`)).status).toBe(400);
    expect((await h.call('GET', '/pipelines/ffffffffffffffffffffffff/metrics')).status).toBe(404);
    const many = await h.call('POST', '/pipelines/metrics', { ids: [p.id] });
    expect(Object.keys(many.body.data)).toEqual([p.id]);
  });

  it('serves source and destination metrics with every section', async () => {
    const s = (await h.call('POST', '/sources', sourceBody('pg'))).body;
    const r = await h.call('GET', `/sources/metrics?ids=${s.id}&level=connector&time_type=latest`);
    expect(Object.keys(r.body).sort()).toEqual([
      'account_metrics',
      'connector_metrics',
      'inline_metrics',
      'task_metrics',
      'topic_metrics',
    ]);
    expect(r.body.connector_metrics[s.id]).toMatchObject({ status: 'Active' });
    expect(r.body.topic_metrics[s.id]).toHaveProperty('public.orders');
    expect((await h.call('POST', '/destinations/metrics', { ids: [] })).status).toBe(200);
    expect((await h.call('GET', '/sources/metrics?level=galaxy')).status).toBe(400);
  });

  it('answers a consumer-group reset with {}', async () => {
    const r = await h.call('POST', '/consumer-groups/cg-1/reset-offsets', {
      topics: ['t'],
      strategy: 'earliest',
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({});
    expect(
      (await h.call('POST', '/consumer-groups/cg-1/reset-offsets', { topics: ['t'], strategy: 'sideways' }))
        .status,
    ).toBe(422);
  });

  it('serves the connector catalogue from the bundled connector JSON', async () => {
    const all = await h.call('GET', '/sources/connectors');
    expect(all.body.result.map((c: { connector: string }) => c.connector)).toContain('postgresql');
    const pg = await h.call('GET', '/sources/connectors?connector_code=postgresql');
    expect(pg.body.result).toHaveLength(1);
    const port = pg.body.result[0].config.find(
      (f: { name: string }) => f.name === 'database.port.user.defined',
    );
    expect(port).toMatchObject({ required: false, user_defined: true, value: { default: 5432 } });
    const dest = await h.call('GET', '/destinations/connectors?connector_code=snowflake');
    expect(
      dest.body.result[0].config.find((f: { name: string }) => f.name === 'snowflake.private.key').encrypt,
    ).toBe(true);
  });
});
