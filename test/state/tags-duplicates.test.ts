import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import type { LiveResource, TagResource } from '../../src/model/index.js';
import { indexLiveState, loadLiveState } from '../../src/state/index.js';
import { fakeClient, oid } from './fake-client.js';
import { SOURCE_ID, TAGS, TAG_IDS, postgresSource } from './fixtures.js';

function captureLogger(): { logger: ReturnType<typeof createLogger>; text: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), text: () => chunks.join('') };
}

describe('tags', () => {
  it('lists every tag as LiveTag and only custom tags as tag resources, types as a sorted set', async () => {
    const state = await loadLiveState(fakeClient({ tags: TAGS }), ['tag']);
    expect(state.tags.map((t) => t.name)).toEqual([
      'Development',
      'team-data',
      'gitops:prod',
      'gitops:protected',
    ]);
    expect(state.tags[0]).toEqual({
      id: TAG_IDS.development,
      name: 'Development',
      description: null,
      types: ['environment'],
      system: true,
      custom: false,
    });
    const resources = state.resources as (TagResource & Pick<LiveResource, 'live'>)[];
    expect(resources.map((r) => r.name)).toEqual(['team-data', 'gitops:prod', 'gitops:protected']);
    expect(resources[1]).toMatchObject({
      kind: 'tag',
      description: null,
      types: ['destinations', 'pipelines', 'sources', 'transforms'],
    });
    expect(resources[0]?.live.id).toBe(TAG_IDS.team);
  });

  it('loads tags even when the tag kind is not requested, without listing them as resources', async () => {
    const client = fakeClient({ tags: TAGS });
    const state = await loadLiveState(client, ['source']);
    expect(state.tags).toHaveLength(4);
    expect(state.resources).toEqual([]);
    expect(client.calls.map((c) => c.path).sort()).toEqual(['/sources', '/tags']);
  });

  it('keeps an unknown tag id as the name, with a warning', async () => {
    const unknown = oid(0xdead);
    const { logger, text } = captureLogger();
    const state = await loadLiveState(
      fakeClient({
        sources: [postgresSource(), { ...postgresSource(), id: oid(9), name: 'b' }].map((s) => ({
          ...s,
          tags: [unknown],
        })),
        tags: TAGS,
      }),
      ['source'],
      { logger },
    );
    expect(state.resources[0]?.kind === 'source' && state.resources[0].tags).toEqual([unknown]);
    expect(text()).toContain(`tag id ${unknown}`);
    expect(text().split(`tag id ${unknown}`)).toHaveLength(2); // once, not once per resource
  });

  it('takes the name of an embedded tag object when its id is not listed', async () => {
    const unknown = oid(0xbeef);
    const sources = [{ ...postgresSource(), tags: [{ id: unknown, name: 'legacy' }, TAG_IDS.team] }];
    const state = await loadLiveState(fakeClient({ sources, tags: TAGS }), ['source']);
    const src = state.resources[0];
    expect(src?.kind === 'source' && src.tags).toEqual(['legacy', 'team-data']);
    expect(src?.live.tagIds).toEqual([unknown, TAG_IDS.team]);
  });

  it('rejects a tag without a name', async () => {
    await expect(loadLiveState(fakeClient({ tags: [{ id: oid(1), type: [] }] }), [])).rejects.toThrow(
      `tag ${oid(1)}: "name" must be a non-empty string`,
    );
  });

  it('a tag type order change does not change the fingerprint', async () => {
    const a = await loadLiveState(fakeClient({ tags: TAGS }), ['tag']);
    const shuffled = TAGS.map((t) => ({ ...t, type: [...t.type].reverse() }));
    const b = await loadLiveState(fakeClient({ tags: shuffled }), ['tag']);
    expect(b.resources.map((r) => r.live.fingerprint)).toEqual(a.resources.map((r) => r.live.fingerprint));
  });
});

describe('duplicates', () => {
  it('keeps every namesake in resources and lists the name as a duplicate', async () => {
    const twin = { ...postgresSource(), id: oid(77) };
    const state = await loadLiveState(fakeClient({ sources: [postgresSource(), twin], tags: TAGS }), [
      'source',
    ]);
    expect(state.resources).toHaveLength(2);
    expect(state.duplicates).toEqual([{ kind: 'source', name: 'orders-db', ids: [SOURCE_ID, oid(77)] }]);
    expect(
      indexLiveState(state)
        .get('source/orders-db')
        ?.map((r) => r.live.id),
    ).toEqual([SOURCE_ID, oid(77)]);
  });

  it('does not count the same name in two kinds as a duplicate', async () => {
    const dest = { ...postgresSource(), connector: 'postgresql', id: oid(78) };
    const state = await loadLiveState(
      fakeClient({ sources: [postgresSource()], destinations: [dest], tags: TAGS }),
      ['source', 'destination'],
    );
    expect(state.duplicates).toEqual([]);
  });

  it('lists a tag name held twice', async () => {
    const state = await loadLiveState(fakeClient({ tags: [...TAGS, { ...TAGS[1], id: oid(0xb1) }] }), [
      'tag',
    ]);
    expect(state.duplicates).toEqual([{ kind: 'tag', name: 'team-data', ids: [TAG_IDS.team, oid(0xb1)] }]);
  });
});

describe('malformed API objects', () => {
  it('fail the load with one error naming kind, id and every problem', async () => {
    const bad = [{ id: oid(5), connector: 'postgresql', config: 'nope' }, 'not-an-object'];
    const err = await loadLiveState(fakeClient({ sources: [postgresSource(), ...bad], tags: TAGS }), [
      'source',
    ]).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ApiError', method: 'GET', path: '/sources' });
    const message = (err as Error).message;
    expect(message).toContain(
      `source ${oid(5)}: "name" must be a non-empty string, got nothing; "config" must be an object or null, got a string`,
    );
    expect(message).toContain('source (no id): not an object');
    expect(message).toContain('2 objects');
  });

  it('fail on a tags response in another envelope', async () => {
    const client = fakeClient({});
    const request = client.request.bind(client);
    client.request = async (method, path, options) =>
      path === '/tags' ? { result: [] } : request(method, path, options);
    await expect(loadLiveState(client, ['source'])).rejects.toThrow(
      'GET /tags answered in an unexpected shape',
    );
  });
});

describe('logging', () => {
  it('logs a summary per kind and never a config value or secret', async () => {
    const { logger, text } = captureLogger();
    await loadLiveState(fakeClient({ sources: [postgresSource()], tags: TAGS }), ['source', 'pipeline'], {
      logger,
    });
    const lines = text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ list: 'source', count: 1 }));
    expect(lines).toContainEqual(expect.objectContaining({ list: 'pipeline', count: 0 }));
    expect(lines).toContainEqual(expect.objectContaining({ list: 'tags', count: 4 }));
    expect(text()).not.toContain('pg-plaintext-secret-1');
    expect(text()).not.toContain('db.internal');
  });
});
