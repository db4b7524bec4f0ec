import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sourceBody, startHarness, type Harness } from './helpers.js';

describe('emulator api-notes §8.15: control endpoints under /__emulator/', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.control('POST', '/reset');
  });

  it('needs no auth and is neither counted nor faulted', async () => {
    await h.control('POST', '/faults', { errorRate: 1 });
    await h.control('DELETE', '/stats');
    expect((await h.control('GET', '/state')).status).toBe(200);
    expect((await h.control('GET', '/stats')).body.total).toBe(0);
  });

  it('seeds every kind by name references, as if made in the UI, and dumps the state', async () => {
    const seeded = await h.control('POST', '/seed', [
      {
        kind: 'pipeline',
        name: 'p',
        source: { name: 'pg', topics: ['public.orders'] },
        destination: { name: 'sf' },
        transforms: [{ name: 'tx', topic: 'public.orders' }],
      },
      { kind: 'tag', name: 'team-a' },
      {
        kind: 'source',
        name: 'pg',
        connector: 'postgresql',
        config: { 'database.password': 'x' },
        tags: ['team-a'],
      },
      { kind: 'destination', name: 'sf', connector: 'snowflake', config: {} },
      { kind: 'transform', name: 'tx', transform: 'map_filter', config: {} },
    ]);
    expect(seeded.status).toBe(200);
    expect(seeded.body.created.map((c: { kind: string }) => c.kind)).toEqual([
      'tag',
      'source',
      'destination',
      'transform',
      'pipeline',
    ]);
    const dump = (await h.control('GET', '/state')).body;
    expect(dump.version).toBe(1);
    expect(dump.sources[0]).toMatchObject({ name: 'pg', config: { 'database.password': 'x' } });
    expect(dump.sources[0].tags).toEqual([dump.tags.find((t: { name: string }) => t.name === 'team-a').id]);
    const p = (await h.call('GET', '/pipelines')).body.result[0];
    expect(p.transforms[0]).toMatchObject({
      name: 'tx',
      topic: 'public.orders',
      topic_id: `source_${dump.sources[0].id}.public.orders`,
    });
  });

  it('changes an existing record out of band when the seed item carries its id', async () => {
    const s = (await h.call('POST', '/sources', sourceBody('pg'))).body;
    await h.control('POST', '/seed', [
      { kind: 'source', id: s.id, config: { 'database.user': 'drifted', 'slot.name': null } },
    ]);
    const read = (await h.call('GET', `/sources/${s.id}`)).body.result[0];
    expect(read.config['database.user']).toBe('drifted');
  });

  it('lets seeds create duplicate names that the API would refuse', async () => {
    await h.control('POST', '/seed', {
      sources: [
        { name: 'twin', connector: 'mysql' },
        { name: 'twin', connector: 'mysql' },
      ],
    });
    expect((await h.call('GET', '/sources?partial_name=twin')).body.total).toBe(2);
  });

  it('reports bad seeds with 400 and a message', async () => {
    const r = await h.control('POST', '/seed', [
      { kind: 'pipeline', name: 'p', source: { name: 'missing' }, destination: { name: 'x' } },
    ]);
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain("source 'missing' does not exist");
  });

  it('replaces the whole state with PUT /state (a previous dump)', async () => {
    await h.call('POST', '/sources', sourceBody('keep-me'));
    const dump = (await h.control('GET', '/state')).body;
    await h.control('POST', '/reset');
    expect((await h.call('GET', '/sources')).body.total).toBe(0);
    expect((await h.control('PUT', '/state', dump)).status).toBe(200);
    expect((await h.call('GET', '/sources')).body.result[0].name).toBe('keep-me');
    expect((await h.control('PUT', '/state', { nope: true })).status).toBe(400);
    const handWritten = {
      version: 1,
      sources: [{ id: 'aaaaaaaaaaaaaaaaaaaaaaaa', name: 'by-hand', connector: 'mysql' }],
    };
    expect((await h.control('PUT', '/state', handWritten)).status).toBe(200);
    const read = (await h.call('GET', '/sources/aaaaaaaaaaaaaaaaaaaaaaaa')).body.result[0];
    expect(read).toMatchObject({ name: 'by-hand', connector_status: 'Active', tags: null });
  });

  it('counts requests per method and route, with a recent-request log', async () => {
    await h.control('DELETE', '/stats');
    const s = (await h.call('POST', '/sources', sourceBody('pg'))).body;
    await h.call('GET', `/sources/${s.id}`);
    await h.call('GET', `/sources/${s.id}`);
    await h.call('GET', '/sources?page=2');
    const stats = (await h.control('GET', '/stats')).body;
    expect(stats.total).toBe(4);
    expect(stats.byRoute).toMatchObject({ 'POST /sources': 1, 'GET /sources/{id}': 2, 'GET /sources': 1 });
    expect(stats.recent.at(-1)).toMatchObject({ method: 'GET', path: '/sources', status: 200 });
  });

  it('turns an exception inside a handler into a 500 with a string detail and a request id', async () => {
    const s = (await h.call('POST', '/sources', sourceBody('pg'))).body;
    const record = h.server.emulator.store.sources.get(s.id);
    // Corrupt the record behind the emulator's back, as a buggy out-of-band edit would.
    Object.assign(record as object, { config: undefined });
    const r = await h.call('GET', '/sources');
    expect(r.status).toBe(500);
    expect(r.body.detail).toContain('Emulator internal error in GET /sources');
    expect(r.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers an unknown control route with 404', async () => {
    expect((await h.control('GET', '/nothing')).status).toBe(404);
  });
});

describe('emulator persistence (--data)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emulator-data-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('saves atomically on close and loads the file at the next start', async () => {
    const file = join(dir, 'state.json');
    const first = await startHarness({ dataFile: file });
    const s = (await first.call('POST', '/sources', sourceBody('persisted'))).body;
    await first.close();
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.sources.map((x: { id: string }) => x.id)).toEqual([s.id]);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const second = await startHarness({ dataFile: file });
    try {
      const read = await second.call('GET', `/sources/${s.id}?secret_returned=true`);
      expect(read.body.result[0]).toMatchObject({
        name: 'persisted',
        config: { 'database.password': 'pg-s3cret' },
      });
      const dup = await second.call('POST', '/sources', sourceBody('persisted'));
      expect(dup.status).toBe(422);
    } finally {
      await second.close();
    }
  });

  it('starts empty when the file does not exist and refuses a corrupt file with a clear message', async () => {
    const fresh = await startHarness({ dataFile: join(dir, 'new.json') });
    expect((await fresh.call('GET', '/sources')).body.total).toBe(0);
    await fresh.close();
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{not json');
    await expect(startHarness({ dataFile: bad })).rejects.toThrow(/bad\.json is not valid JSON/);
  });
});

describe('emulator at scale', () => {
  it('lists 10,000 stored sources page by page with stable, complete paging', async () => {
    const h = await startHarness();
    try {
      const sources = Array.from({ length: 10_000 }, (_, i) => ({
        name: `src-${i}`,
        connector: 'postgresql',
        config: {},
      }));
      expect((await h.control('POST', '/seed', { sources })).status).toBe(200);
      const pages = await Promise.all(
        Array.from({ length: 100 }, (_, i) => h.call('GET', `/sources?page=${i + 1}&page_size=100`)),
      );
      const ids = pages.flatMap((p) => p.body.result.map((s: { id: string }) => s.id));
      expect(ids).toHaveLength(10_000);
      expect(new Set(ids).size).toBe(10_000);
      expect(pages[99]?.body.has_next).toBe(false);
      expect(pages[0]?.body.total).toBe(10_000);
    } finally {
      await h.close();
    }
  });

  it('answers hundreds of concurrent requests over keep-alive', async () => {
    const h = await startHarness();
    try {
      const results = await Promise.all(
        Array.from({ length: 300 }, (_, i) => h.call('GET', i % 2 ? '/tags' : '/sources')),
      );
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(new Set(results.map((r) => r.headers.get('x-request-id'))).size).toBe(300);
    } finally {
      await h.close();
    }
  });
});
