import { describe, expect, it } from 'vitest';
import type { LiveResource, PipelineResource, TransformResource } from '../../src/model/index.js';
import { loadLiveState } from '../../src/state/index.js';
import { fakeClient, oid } from './fake-client.js';
import {
  DEST_ID,
  PIPELINE_ID,
  SOURCE_ID,
  TAGS,
  TX_ID,
  clickhouseDestination,
  mapFilterTransform,
  pipeline,
  postgresSource,
} from './fixtures.js';

type LiveTransform = TransformResource & Pick<LiveResource, 'live'>;
type LivePipeline = PipelineResource & Pick<LiveResource, 'live'>;

const ALL = {
  sources: [postgresSource()],
  destinations: [clickhouseDestination()],
  transforms: [mapFilterTransform()],
  pipelines: [pipeline()],
  tags: TAGS,
};

function find<T>(resources: readonly LiveResource[], kind: string): T {
  const found = resources.find((r) => r.kind === kind);
  if (!found) throw new Error(`no ${kind}`);
  return found as T;
}

describe('transform normalisation', () => {
  it('reads name, type, typed config, implementation and wire details', async () => {
    const state = await loadLiveState(fakeClient({ transforms: [mapFilterTransform()], tags: TAGS }), [
      'transform',
    ]);
    const tx = find<LiveTransform>(state.resources, 'transform');
    expect(tx).toMatchObject({
      kind: 'transform',
      name: 'mask-emails',
      type: 'map_filter',
      tags: ['gitops:prod'],
      protected: false,
    });
    expect(tx.config).toEqual({
      transforms_language: 'JavaScript',
      transforms_input_job_parallelism: 5,
      transforms_input_topic_pattern: 'public\\.orders',
    });
    expect(tx.extraConfig).toEqual({}); // transforms.name is the name, not an extra key
    expect(tx.implementation).toEqual({
      value_transform: 'function f(x) { return x; }',
      language: 'JavaScript',
    });
    expect(tx.live.status).toBe('RUNNING');
    expect(tx.live.wire).toEqual({
      transform_type: 'map_filter',
      version: 3,
      topics: ['public.orders'],
      topic_ids: [`transform_${TX_ID}_3.public.orders`],
    });
  });

  it('takes the name from config and the type from `transform` when the top-level fields are missing', async () => {
    const raw = mapFilterTransform({ name: undefined, transform_type: undefined, transform: 'rollup' });
    const state = await loadLiveState(fakeClient({ transforms: [raw], tags: TAGS }), ['transform']);
    expect(find<LiveTransform>(state.resources, 'transform')).toMatchObject({
      name: 'mask-emails',
      type: 'rollup',
    });
  });

  it('groups unwound rows (one per topic) into one transform with parallel topics', async () => {
    const rows = ['public.a', 'public.b'].map((t) =>
      mapFilterTransform({ topics: [t], topic_ids: [`transform_${TX_ID}_3.${t}`] }),
    );
    const state = await loadLiveState(fakeClient({ transforms: rows, tags: TAGS }), ['transform']);
    expect(state.resources).toHaveLength(1);
    expect(state.duplicates).toEqual([]);
    expect(find<LiveTransform>(state.resources, 'transform').live.wire).toMatchObject({
      topics: ['public.a', 'public.b'],
      topic_ids: [`transform_${TX_ID}_3.public.a`, `transform_${TX_ID}_3.public.b`],
    });
  });

  it('accepts an implementation sent as a JSON string and reads null as unmanaged', async () => {
    const asString = mapFilterTransform({ implementation: JSON.stringify({ value_transform: 'x' }) });
    const none = mapFilterTransform({ id: oid(31), name: 'other', implementation: null });
    const state = await loadLiveState(fakeClient({ transforms: [asString, none], tags: TAGS }), [
      'transform',
    ]);
    const [a, b] = state.resources as LiveTransform[];
    expect(a?.implementation).toEqual({ value_transform: 'x' });
    expect(b?.implementation).toBeUndefined();
  });

  it('skips a transform type this version does not know, with no error', async () => {
    const state = await loadLiveState(
      fakeClient({ transforms: [mapFilterTransform({ transform_type: 'quantum' })], tags: TAGS }),
      ['transform'],
    );
    expect(state.resources).toEqual([]);
  });
});

describe('pipeline normalisation', () => {
  it('resolves references to names, strips the source topic prefix and regroups transforms', async () => {
    const state = await loadLiveState(fakeClient(ALL), ['source', 'destination', 'transform', 'pipeline']);
    const p = find<LivePipeline>(state.resources, 'pipeline');
    expect(p).toMatchObject({
      kind: 'pipeline',
      name: 'orders-to-warehouse',
      source: 'orders-db',
      destination: 'warehouse',
      topics: ['public.customers', 'public.orders'],
      transforms: [{ name: 'mask-emails', topics: ['public.customers', 'public.orders'] }],
      topicAutoDiscovery: [{ transform: 'mask-emails', regex: '^merged\\..*' }],
      snapshotNewTables: false,
      tags: ['gitops:prod'],
      protected: false,
    });
    expect(p.live.id).toBe(PIPELINE_ID);
    expect(p.live.wire).toEqual({
      source_id: SOURCE_ID,
      source_connector: 'postgresql',
      destination_id: DEST_ID,
      destination_connector: 'clickhouse',
      transform_ids: { 'mask-emails': TX_ID },
      transform_topic_ids: {
        [TX_ID]: {
          'public.orders': `source_${SOURCE_ID}.public.orders`,
          'public.customers': `source_${SOURCE_ID}.public.customers`,
        },
      },
    });
  });

  it('prefers the loaded names over the embedded ones (a rename seen through the lists)', async () => {
    const renamed = {
      ...ALL,
      sources: [postgresSource({})].map((s) => ({ ...s, name: 'orders-db-v2' })),
      transforms: [mapFilterTransform({ name: 'mask-v2' })],
    };
    const state = await loadLiveState(fakeClient(renamed), ['source', 'transform', 'pipeline']);
    const p = find<LivePipeline>(state.resources, 'pipeline');
    expect(p.source).toBe('orders-db-v2');
    expect(p.transforms.map((t) => t.name)).toEqual(['mask-v2']);
    expect(p.topicAutoDiscovery[0]?.transform).toBe('mask-v2');
  });

  it('falls back to the embedded names when the referenced kinds are not loaded', async () => {
    const client = fakeClient(ALL);
    const state = await loadLiveState(client, ['pipeline']);
    expect(state.loadedKinds).toEqual(['pipeline']);
    expect(state.resources.map((r) => r.kind)).toEqual(['pipeline']);
    expect(find<LivePipeline>(state.resources, 'pipeline')).toMatchObject({
      source: 'orders-db',
      destination: 'warehouse',
      transforms: [{ name: 'mask-emails' }],
    });
    expect(client.calls.map((c) => c.path).sort()).toEqual(['/pipelines', '/tags']);
  });

  it('drops only the exact source_<sourceId>. prefix from topics', async () => {
    const other = `source_${oid(42)}.public.x`;
    const raw = pipeline({
      source: {
        id: SOURCE_ID,
        name: 'orders-db',
        topics: [`source_${SOURCE_ID}.public.a`, other, 'public.b'],
      },
    });
    const state = await loadLiveState(fakeClient({ pipelines: [raw], tags: TAGS }), ['pipeline']);
    expect(find<LivePipeline>(state.resources, 'pipeline').topics).toEqual(
      ['public.a', 'public.b', other].sort(),
    );
  });

  it('reads an empty pipeline: no transforms, null tags, absent snapshot flag', async () => {
    const raw = pipeline({
      transforms: [],
      topic_auto_discovery_transforms: [],
      tags: null,
      snapshot_new_tables: undefined,
    });
    const state = await loadLiveState(fakeClient({ ...ALL, pipelines: [raw] }), ['pipeline']);
    expect(find<LivePipeline>(state.resources, 'pipeline')).toMatchObject({
      transforms: [],
      topicAutoDiscovery: [],
      tags: [],
      snapshotNewTables: true,
    });
  });

  it('never keeps the embedded source secrets', async () => {
    const state = await loadLiveState(fakeClient(ALL), ['pipeline']);
    expect(JSON.stringify(state)).not.toContain('pg-plaintext-secret-1');
  });

  it('uses the id as a transform name when nothing names it', async () => {
    const other = oid(99);
    const raw = pipeline({
      transforms: [{ id: other, topic: 'public.orders', topic_id: 'x' }],
      topic_auto_discovery_transforms: [],
    });
    const state = await loadLiveState(fakeClient({ pipelines: [raw], tags: TAGS }), ['pipeline']);
    expect(find<LivePipeline>(state.resources, 'pipeline').transforms).toEqual([
      { name: other, topics: ['public.orders'] },
    ]);
  });
});
