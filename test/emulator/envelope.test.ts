import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sourceBody, startHarness, type Harness } from './helpers.js';

describe('emulator api-notes §8.2, §8.6, §8.9: envelopes, paging, partial_name', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.control('POST', '/reset');
    await h.control('POST', '/seed', {
      sources: Array.from({ length: 25 }, (_, i) => ({
        name: `orders-${String(i).padStart(2, '0')}${i % 5 === 0 ? '-eu' : ''}`,
        connector: 'postgresql',
        config: {},
      })),
    });
  });

  it('lists with page 1 and page_size 10 by default, total and has_next computed', async () => {
    const r = await h.call('GET', '/sources');
    expect(r.body).toMatchObject({ page: 1, page_size: 10, total: 25, has_next: true });
    expect(r.body.result).toHaveLength(10);
  });

  it('pages by slicing in insertion order; the last page is short and has_next false', async () => {
    const names: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const r = await h.call('GET', `/sources?page=${page}&page_size=10`);
      names.push(...r.body.result.map((s: { name: string }) => s.name));
      if (page === 3) expect(r.body).toMatchObject({ has_next: false, total: 25 });
    }
    expect(names).toHaveLength(25);
    expect(names[0]).toBe('orders-00-eu');
    expect(new Set(names).size).toBe(25);
  });

  it('wraps GET by id in the envelope with exactly one item', async () => {
    const first = (await h.call('GET', '/sources?page_size=1')).body.result[0];
    const r = await h.call('GET', `/sources/${first.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ total: 1, has_next: false });
    expect(r.body.result).toHaveLength(1);
    expect(r.body.result[0].id).toBe(first.id);
  });

  it('answers an unknown or deleted id with 200 and an empty result', async () => {
    const unknown = await h.call('GET', '/sources/ffffffffffffffffffffffff');
    expect(unknown.status).toBe(200);
    expect(unknown.body.result).toEqual([]);
    const first = (await h.call('GET', '/sources?page_size=1')).body.result[0];
    expect((await h.call('DELETE', `/sources/${first.id}`)).status).toBe(200);
    const gone = await h.call('GET', `/sources/${first.id}`);
    expect(gone.body).toMatchObject({ result: [], total: 0 });
  });

  it('answers 404 instead when the missing-by-id switch says so', async () => {
    await h.control('POST', '/faults', { missingById: '404' });
    const r = await h.call('GET', '/pipelines/ffffffffffffffffffffffff');
    expect(r.status).toBe(404);
    expect(typeof r.body.detail).toBe('string');
  });

  it('filters by partial_name substring (no exact-name filter) and ignores unknown parameters', async () => {
    const r = await h.call('GET', '/sources?partial_name=-eu&page_size=100&name=orders-01&bogus=1');
    expect(r.body.total).toBe(5);
    expect(r.body.result.every((s: { name: string }) => s.name.endsWith('-eu'))).toBe(true);
    const exactish = await h.call('GET', '/sources?partial_name=orders-1&page_size=100');
    expect(exactish.body.result.map((s: { name: string }) => s.name)).toContain('orders-10-eu');
    expect(exactish.body.total).toBe(10);
  });

  it('rejects page_size above 100 with a Pydantic 422 by default', async () => {
    const r = await h.call('GET', '/sources?page_size=101');
    expect(r.status).toBe(422);
    expect(r.body.detail[0]).toMatchObject({ type: 'less_than_equal', loc: ['query', 'page_size'] });
    expect(r.body.detail[0]).toHaveProperty('ctx');
    expect(r.body.detail[0]).toHaveProperty('input');
  });

  it('clamps page_size to 100 when the switch says clamp', async () => {
    await h.control('POST', '/faults', { pageSizeOver100: 'clamp' });
    const r = await h.call('GET', '/sources?page_size=500');
    expect(r.status).toBe(200);
    expect(r.body.page_size).toBe(100);
  });

  it('applies paging to every list kind', async () => {
    await h.call('POST', '/sources', sourceBody('pg-main'));
    for (const path of ['/destinations', '/pipelines', '/transforms']) {
      const r = await h.call('GET', path);
      expect(r.body).toMatchObject({ result: [], page: 1, page_size: 10, total: 0, has_next: false });
    }
  });
});
