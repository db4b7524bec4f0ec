import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { destinationBody, sourceBody, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ deployPolls: 2 });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control('POST', '/reset');
});

const MAP_FILTER_CONFIG = {
  'transforms.name': 'mask-pii',
  'transforms.input.topic.pattern': '^source_.*\\.public\\.orders$',
  'transforms.output.topic.pattern': 'masked.orders',
};

async function createTransform(name = 'mask-pii', implementation: unknown = { value_transform: 'x => x' }) {
  const r = await h.call('POST', '/transforms?secret_returned=true', {
    transform: 'map_filter',
    config: { ...MAP_FILTER_CONFIG, 'transforms.name': name },
    implementation,
    tags: [],
    created_from: 'api',
  });
  expect(r.status).toBe(200);
  return r.body;
}

describe('emulator api-notes §8.10: pipelines', () => {
  async function fixture() {
    const s = (await h.call('POST', '/sources', sourceBody('pg'))).body;
    const d = (await h.call('POST', '/destinations', destinationBody('sf'))).body;
    const t = await createTransform();
    return { s, d, t };
  }

  it('keeps transforms flat, derives topic from topic_id, embeds source and destination in full', async () => {
    const { s, d, t } = await fixture();
    const body = {
      name: 'orders-to-sf',
      snapshot_new_tables: false,
      tags: null,
      created_from: 'api',
      source: {
        id: s.id,
        name: s.name,
        connector: 'postgresql',
        topics: ['public.orders', 'public.customers'],
      },
      destination: { id: d.id, name: d.name, connector: 'snowflake' },
      transforms: [
        {
          id: t.id,
          name: 'mask-pii',
          start_time: null,
          topic: 'ignored',
          topic_id: `source_${s.id}.public.orders`,
        },
        {
          id: t.id,
          name: 'mask-pii',
          start_time: null,
          topic: 'public.customers',
          topic_id: `source_${s.id}.public.customers`,
        },
      ],
      topic_auto_discovery_transforms: [{ transform_id: t.id, regex: '^merged\\..*' }],
    };
    const created = await h.call('POST', '/pipelines?secret_returned=true&wait=false', body);
    expect(created.status).toBe(200);
    const p = created.body;
    expect(p.id).toMatch(/^[0-9a-f]{24}$/);
    expect(p.transforms).toHaveLength(2);
    expect(p.transforms[0]).toMatchObject({
      id: t.id,
      topic: 'public.orders',
      topic_id: `source_${s.id}.public.orders`,
    });
    expect(p.source).toMatchObject({
      id: s.id,
      name: 'pg',
      connector: 'postgresql',
      topics: ['public.orders', 'public.customers'],
    });
    expect(p.source.config['database.password']).toBe('pg-s3cret');
    expect(p.destination.config['snowflake.url.name']).toBe('acme.snowflakecomputing.com');
    expect(p.periodic_audit).toEqual(expect.objectContaining({ interval_minutes: expect.any(Number) }));
    expect(p.topic_auto_discovery_transforms).toEqual(body.topic_auto_discovery_transforms);
    expect(p.snapshot_new_tables).toBe(false);
    expect(p.tags).toBeNull();
    expect(p.status).toBe('Pending');
    const read = (await h.call('GET', `/pipelines/${p.id}`)).body;
    expect(read.result[0].source.config['database.password']).toBe('********');
  });

  it('strips the first segment of a pretty name sent as topic_id (the silent topic change)', async () => {
    const { s, d, t } = await fixture();
    const p = (
      await h.call('POST', '/pipelines', {
        name: 'p',
        source: { id: s.id, topics: ['public.orders'] },
        destination: { id: d.id },
        transforms: [{ id: t.id, topic: 'public.orders', topic_id: 'public.orders' }],
      })
    ).body;
    expect(p.transforms[0].topic).toBe('orders');
  });

  it('answers a duplicate pipeline name with 409 and "already exists"', async () => {
    const { s, d } = await fixture();
    const body = { name: 'p', source: { id: s.id, topics: [] }, destination: { id: d.id }, transforms: [] };
    expect((await h.call('POST', '/pipelines', body)).status).toBe(200);
    const dup = await h.call('POST', '/pipelines', body);
    expect(dup.status).toBe(409);
    expect(dup.body.detail).toContain('already exists');
    await h.control('POST', '/faults', { allowDuplicateNames: true });
    expect((await h.call('POST', '/pipelines', body)).status).toBe(200);
    expect((await h.call('GET', '/pipelines?partial_name=p')).body.total).toBe(2);
  });

  it('validates references and body shape', async () => {
    const { d } = await fixture();
    const missing = await h.call('POST', '/pipelines', {
      name: 'p',
      source: { id: 'ffffffffffffffffffffffff', topics: [] },
      destination: { id: d.id },
    });
    expect(missing.status).toBe(400);
    const bad = await h.call('POST', '/pipelines', {
      name: 'p',
      source: { topics: [] },
      destination: { id: d.id },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0].loc).toEqual(['body', 'source', 'id']);
  });

  it('updates with PUT, clears tags with [] (reads back null), and deletes with a JSON body', async () => {
    const { s, d } = await fixture();
    const tag = (
      await h.call('POST', '/tags', {
        name: 'team-a',
        description: null,
        type: ['pipelines'],
        created_from: 'api',
      })
    ).body;
    const p = (
      await h.call('POST', '/pipelines', {
        name: 'p',
        source: { id: s.id, topics: [] },
        destination: { id: d.id },
        tags: [tag.id],
      })
    ).body;
    expect(p.tags).toEqual([tag.id]);
    const kept = (
      await h.call('PUT', `/pipelines/${p.id}`, {
        name: 'p2',
        source: { id: s.id, topics: ['public.orders'] },
        destination: { id: d.id },
        tags: null,
      })
    ).body;
    expect(kept).toMatchObject({ name: 'p2', tags: [tag.id], topics: ['public.orders'] });
    const cleared = (
      await h.call('PUT', `/pipelines/${p.id}`, {
        name: 'p2',
        source: { id: s.id, topics: [] },
        destination: { id: d.id },
        tags: [],
      })
    ).body;
    expect(cleared.tags).toBeNull();
    const del = await h.call('DELETE', `/pipelines/${p.id}?wait=false`);
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ deleted: true });
  });
});

describe('emulator api-notes §8.11: transforms', () => {
  it('takes the name from config["transforms.name"] and answers duplicates with 422', async () => {
    const t = await createTransform('router');
    expect(t).toMatchObject({ name: 'router', transform_type: 'map_filter', topics: [], topic_ids: [] });
    const dup = await h.call('POST', '/transforms', {
      transform: 'map_filter',
      config: { 'transforms.name': 'router' },
    });
    expect(dup.status).toBe(422);
    expect(dup.body.detail).toContain('already exists');
    const noName = await h.call('POST', '/transforms', { transform: 'map_filter', config: {} });
    expect(noName.status).toBe(422);
    expect(noName.body.detail[0].loc).toEqual(['body', 'config', 'transforms.name']);
    await h.control('POST', '/faults', { allowDuplicateNames: true });
    const twin = await h.call('POST', '/transforms', {
      transform: 'map_filter',
      config: { 'transforms.name': 'router' },
    });
    expect(twin.status).toBe(200);
    expect(twin.body.id).not.toBe(t.id);
  });

  it('updates with PUT /transforms (id in the body); a PUT without implementation erases it', async () => {
    const t = await createTransform();
    const kept = await h.call('PUT', '/transforms', {
      id: t.id,
      transform: 'map_filter',
      config: { ...MAP_FILTER_CONFIG, 'transforms.name': 'renamed' },
      implementation: { value_transform: 'y' },
      tags: null,
    });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ name: 'renamed', implementation: { value_transform: 'y' } });
    const erased = await h.call('PUT', '/transforms', {
      id: t.id,
      transform: 'map_filter',
      config: { ...MAP_FILTER_CONFIG, 'transforms.name': 'renamed' },
    });
    expect(erased.body.implementation).toBeNull();
    expect((await h.call('PUT', `/transforms/${t.id}`, {})).status).toBe(405);
  });

  it('deletes with DELETE /transforms?id= and returns JSON', async () => {
    const t = await createTransform();
    const del = await h.call('DELETE', `/transforms?id=${t.id}`);
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ id: t.id });
    expect((await h.call('GET', `/transforms/${t.id}?unwind_topics=false`)).body.result).toEqual([]);
    expect((await h.call('DELETE', '/transforms')).status).toBe(422);
  });

  it('answers job_status 400 "Job not found" until deployed, then DEPLOYING → RUNNING', async () => {
    const t = await createTransform();
    const before = await h.call('GET', `/transforms/${t.id}/job_status`);
    expect(before.status).toBe(400);
    expect(before.body.detail).toBe('Job not found');
    const live = await h.call('PUT', `/transforms/${t.id}/deploy-job-live/no-version`);
    expect(live.status).toBe(400);
    const preview = await h.call(
      'PUT',
      `/transforms/${t.id}/deploy-job-preview/no-version?replay_window=30m`,
    );
    expect(preview.status).toBe(200);
    expect((await h.call('PUT', `/transforms/${t.id}/deploy-job-live/no-version`)).status).toBe(200);
    const polls: string[] = [];
    for (let i = 0; i < 3; i++)
      polls.push((await h.call('GET', `/transforms/${t.id}/job_status`)).body.status);
    expect(polls).toEqual(['DEPLOYING', 'DEPLOYING', 'RUNNING']);
    const after = (await h.call('GET', `/transforms/${t.id}?unwind_topics=false`)).body.result[0];
    expect(after.topics).toEqual(['masked.orders']);
    expect(after.topic_ids).toEqual([`transform_${t.id}_1.masked.orders`]);
    expect(after.status).toBe('RUNNING');
  });

  it('checks replay_window against ^\\d+[smhd]$ (a bare 0 gets 400)', async () => {
    const t = await createTransform();
    for (const bad of ['0', '10x', 'm5']) {
      const r = await h.call('PUT', `/transforms/${t.id}/deploy-job-preview/no-version?replay_window=${bad}`);
      expect(r.status).toBe(400);
    }
    expect((await h.call('PUT', `/transforms/${t.id}/deploy-job-preview/1?replay_window=2h`)).status).toBe(
      200,
    );
    expect((await h.call('PUT', `/transforms/${t.id}/deploy-job-preview/9`)).status).toBe(400);
  });

  it('keeps implementation versions and serves implementation_details', async () => {
    const t = await createTransform();
    const put = await h.call('PUT', `/transforms/${t.id}/implementation_details`, {
      transform_id: t.id,
      implementation: { value_transform: 'v2' },
      description: 'second',
    });
    expect(put.status).toBe(200);
    expect(Object.keys(put.body.impl_versions)).toEqual(['1', '2']);
    const got = await h.call('GET', `/transforms/${t.id}/implementation_details`);
    expect(got.body).toMatchObject({ transform_id: t.id, impl_versions: { '2': { description: 'second' } } });
    expect(
      (await h.call('GET', `/transforms/${t.id}?unwind_topics=false`)).body.result[0].implementation,
    ).toEqual({ value_transform: 'v2' });
  });

  it('unwinds a multi-topic transform into one row per topic unless unwind_topics=false', async () => {
    const r = await h.call('POST', '/transforms', {
      transform: 'fan_out',
      config: { 'transforms.name': 'fan', 'transforms.output.topic.pattern': 'a.x,b.y' },
      implementation: { f: 1 },
    });
    const id = r.body.id;
    await h.call('PUT', `/transforms/${id}/deploy-job-preview/no-version`);
    expect((await h.call('GET', `/transforms/${id}`)).body.result).toHaveLength(2);
    const one = (await h.call('GET', `/transforms/${id}?unwind_topics=false`)).body.result;
    expect(one).toHaveLength(1);
    expect(one[0].topics).toEqual(['a.x', 'b.y']);
    expect(one[0].topic_ids).toHaveLength(2);
  });
});
