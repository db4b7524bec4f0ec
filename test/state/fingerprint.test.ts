import { describe, expect, it } from 'vitest';
import type { LiveResource } from '../../src/model/index.js';
import { canonicalJson, fingerprintOf, loadLiveState } from '../../src/state/index.js';
import { fakeClient } from './fake-client.js';
import {
  TAGS,
  TAG_IDS,
  clickhouseDestination,
  mapFilterTransform,
  pipeline,
  postgresSource,
} from './fixtures.js';

async function fingerprints(data: Parameters<typeof fakeClient>[0]): Promise<string[]> {
  const state = await loadLiveState(fakeClient({ tags: TAGS, ...data }), [
    'source',
    'destination',
    'transform',
    'pipeline',
  ]);
  return state.resources.map((r: LiveResource) => r.live.fingerprint);
}

const base = {
  sources: [postgresSource()],
  destinations: [clickhouseDestination()],
  transforms: [mapFilterTransform()],
  pipelines: [pipeline()],
};

describe('live fingerprint', () => {
  it('is stable when only status and volatile fields change', async () => {
    const before = await fingerprints(base);
    const volatile = {
      connector_status: 'Broken',
      desired_state: 'Paused',
      tasks: [],
      task_statuses: {},
      topic_ids: ['x'],
      topics: ['y'],
      created_timestamp: 'later',
      status: 'FAILED',
      start_time: 1,
      version: 9,
    };
    const after = await fingerprints({
      sources: [{ ...postgresSource(), ...volatile }],
      destinations: [{ ...clickhouseDestination(), ...volatile }],
      transforms: [{ ...mapFilterTransform(), ...volatile }],
      pipelines: [
        {
          ...pipeline(),
          ...volatile,
          source: {
            ...postgresSource(),
            connector_status: 'Broken',
            topics: [...(pipeline().source as { topics: string[] }).topics].reverse(),
          },
        },
      ],
    });
    expect(after).toEqual(before);
  });

  it('is stable when tag ids come back in another order or null instead of []', async () => {
    const reordered = await fingerprints({
      ...base,
      sources: [{ ...postgresSource(), tags: [TAG_IDS.team, TAG_IDS.protected, TAG_IDS.owner] }],
    });
    expect(reordered).toEqual(await fingerprints(base));
    const a = fingerprintOf({ id: '1', tags: null });
    expect(fingerprintOf({ id: '1', tags: [] })).toBe(a);
  });

  it('changes when a managed field changes', async () => {
    const [src, dest, tx, pipe] = await fingerprints(base);
    const changed = await fingerprints({
      sources: [postgresSource({ 'database.port.user.defined': '5433' })],
      destinations: [clickhouseDestination({ 'connection.password': 'now-set' })],
      transforms: [mapFilterTransform({ implementation: { value_transform: 'other' } })],
      pipelines: [pipeline({ snapshot_new_tables: true })],
    });
    expect(changed[0]).not.toBe(src);
    expect(changed[1]).not.toBe(dest);
    expect(changed[2]).not.toBe(tx);
    expect(changed[3]).not.toBe(pipe);
  });

  it('changes when a secret changes, without holding it in plaintext', () => {
    const a = fingerprintOf({ config: { 'database.password': 'one' } }, (k) => k === 'database.password');
    const b = fingerprintOf({ config: { 'database.password': 'two' } }, (k) => k === 'database.password');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not change when the embedded source of a pipeline changes its config', async () => {
    const [, , , pipe] = await fingerprints(base);
    const embedded = {
      ...(pipeline().source as Record<string, unknown>),
      config: { 'database.password': 'rotated' },
    };
    const [, , , after] = await fingerprints({ ...base, pipelines: [pipeline({ source: embedded })] });
    expect(after).toBe(pipe);
  });

  it('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });
});
