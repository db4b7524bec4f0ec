import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildExport, type ExportOptions } from '../../src/export/build-export.js';
import type { LiveState } from '../../src/model/index.js';
import {
  chConfig,
  liveDestination,
  livePipeline,
  liveSource,
  liveTagResource,
  liveTransform,
  pgConfig,
  state,
} from './live.js';

const OPTS: ExportOptions = { namespace: 'shop', selection: 'owned', command: 'streamkap-gitops export' };

function files(live: LiveState, opts: Partial<ExportOptions> = {}): Record<string, string> {
  return Object.fromEntries(buildExport(live, { ...OPTS, ...opts }).files.map((f) => [f.path, f.text]));
}

function doc(text: string | undefined): Record<string, unknown> {
  return parse(text ?? '') as Record<string, unknown>;
}

function account(): LiveState {
  return state([
    liveSource('orders-db', pgConfig('pw-orders', { database_port: 5432, snapshot_read_only: 'No' }), [
      'gitops:shop',
      'pii',
    ]),
    liveSource('legacy-db', pgConfig('pw-legacy'), []),
    liveSource('billing-db', pgConfig('pw-billing'), ['gitops:billing']),
    liveDestination('warehouse', chConfig('pw-ch'), ['gitops:shop']),
    liveTransform('mask', 'function f(r) { return r; }\n', ['gitops:shop']),
    livePipeline(
      'orders',
      'orders-db',
      'warehouse',
      ['gitops:shop'],
      [{ name: 'mask', topics: ['public.orders'] }],
    ),
    livePipeline('legacy', 'legacy-db', 'warehouse', []),
    liveTagResource('pii', 'personal data'),
    liveTagResource('gitops:shop', 'Managed by streamkap-gitops'),
    liveTagResource('unused', null),
  ]);
}

describe('buildExport: which objects', () => {
  it('owned: what the namespace owns, and the custom tags those carry', () => {
    const out = files(account());
    expect(Object.keys(out).sort()).toEqual([
      '.env.example',
      'destinations.yaml',
      'pipelines.yaml',
      'sources.yaml',
      'tags.yaml',
      'transforms.yaml',
      'transforms/mask.js',
    ]);
    expect(doc(out['sources.yaml'])['sources']).toEqual([
      {
        name: 'orders-db',
        connector: 'postgresql',
        config: {
          database_hostname: 'db.internal',
          database_user: 'streamkap',
          database_password: '${env:ORDERS_DB_DATABASE_PASSWORD}',
          database_dbname: 'shop',
          snapshot_read_only: 'No',
          schema_include_list: 'public',
          table_include_list: 'public.orders',
        },
        tags: ['pii'],
      },
    ]);
    expect(doc(out['tags.yaml'])['tags']).toEqual([{ name: 'pii', description: 'personal data' }]);
    expect(doc(out['transforms.yaml'])['transforms']).toEqual([
      {
        name: 'mask',
        type: 'map_filter',
        implementation_file: 'transforms/mask.js',
        config: { transforms_input_topic_pattern: 'public\\.orders', transforms_output_topic_pattern: 'out' },
      },
    ]);
    expect(out['transforms/mask.js']).toBe('function f(r) { return r; }\n');
  });

  it('unowned: objects without an ownership tag; what they use and is not exported goes under external', () => {
    const bundle = buildExport(account(), { ...OPTS, selection: 'unowned' });
    const out = Object.fromEntries(bundle.files.map((f) => [f.path, f.text]));
    expect(doc(out['sources.yaml'])['sources']).toMatchObject([{ name: 'legacy-db' }]);
    expect(doc(out['pipelines.yaml'])).toMatchObject({
      namespace: 'shop',
      pipelines: [{ name: 'legacy', source: 'legacy-db', destination: 'warehouse' }],
      external: { destinations: ['warehouse'] },
    });
    expect(out['destinations.yaml']).toBeUndefined();
    expect(bundle.notes.join('\n')).toContain(
      'namespace "shop" already owns 4 object(s) this export does not hold',
    );
  });

  it('all: everything, the tool’s own tags left out of tag lists and sections', () => {
    const out = files(account(), { selection: 'all' });
    expect(
      (doc(out['sources.yaml'])['sources'] as { name: string; tags?: string[] }[]).map((s) => [
        s.name,
        s.tags,
      ]),
    ).toEqual([
      ['billing-db', undefined],
      ['legacy-db', undefined],
      ['orders-db', ['pii']],
    ]);
    expect(doc(out['tags.yaml'])['tags']).toEqual([
      { name: 'pii', description: 'personal data' },
      { name: 'unused' },
    ]);
  });

  it('leaves out duplicate names and names with control characters, saying why', () => {
    const live = state(
      [
        liveSource('twice', pgConfig('a')),
        liveSource('twice', pgConfig('b')),
        liveSource('esc\u001b[2J', pgConfig('c')),
        livePipeline('uses-esc', 'esc\u001b[2J', 'warehouse'),
        liveSource('fine', pgConfig('d')),
      ],
      [{ kind: 'source', name: 'twice', ids: ['1', '2'] }],
    );
    const bundle = buildExport(live, { ...OPTS, selection: 'all' });
    expect(doc(bundle.files.find((f) => f.path === 'sources.yaml')?.text)['sources']).toMatchObject([
      { name: 'fine' },
    ]);
    expect(bundle.notes).toEqual([
      'source "esc\\u001b[2J": its name holds control characters: not exported',
      'source "twice": its name is held by more than one live source: not exported',
      'source "twice": its name is held by more than one live source: not exported',
      'pipeline "uses-esc": refers to a source whose name holds control characters: not exported',
    ]);
  });
});

describe('buildExport: values', () => {
  it('leaves out defaults, writes protected, escapes ${ and never writes a secret value', () => {
    const live = state([
      liveSource(
        'p',
        pgConfig('pw-Zqplanted', {
          database_port: 5432,
          database_hostname: '${env:AWS_SECRET_ACCESS_KEY}',
          snapshot_read_only: 'Yes',
        }),
        ['gitops:shop', 'gitops:protected'],
      ),
    ]);
    const bundle = buildExport(live, OPTS);
    const all = bundle.files.map((f) => f.text).join('\n');
    expect(all).not.toContain('Zqplanted');
    const source = (doc(bundle.files[0]?.text)['sources'] as Record<string, unknown>[])[0];
    expect(source).toMatchObject({
      protected: true,
      config: { database_hostname: '$${env:AWS_SECRET_ACCESS_KEY}' },
    });
    expect(Object.keys(source?.['config'] as object)).not.toContain('database_port');
    expect(Object.keys(source?.['config'] as object)).not.toContain('snapshot_read_only');
    expect(bundle.secrets).toEqual([
      { name: 'P_DATABASE_PASSWORD', kind: 'source', resource: 'p', field: 'database_password' },
    ]);
    expect(bundle.files.find((f) => f.path === '.env.example')?.text).toContain(
      '# source "p" database_password\nP_DATABASE_PASSWORD=\n',
    );
  });

  it('names a variable for a required secret that reads back null, and leaves out an unset optional one', () => {
    const config = pgConfig('x');
    const { database_password: _, ...withoutPassword } = config;
    const bundle = buildExport(state([liveSource('n', withoutPassword, ['gitops:shop'])]), OPTS);
    expect(bundle.secrets.map((s) => s.field)).toEqual(['database_password']);
  });
});

describe('buildExport: layout', () => {
  it('--split pipelines: one file per pipeline with what only it uses; code paths from that file', () => {
    const live = state([
      liveSource('Orders DB', pgConfig('a'), ['gitops:shop']),
      liveSource('orders-db', pgConfig('b'), ['gitops:shop']),
      liveDestination('shared', chConfig('c'), ['gitops:shop']),
      liveTransform('../mask', 'code\n', ['gitops:shop']),
      livePipeline(
        'p/1',
        'Orders DB',
        'shared',
        ['gitops:shop'],
        [{ name: '../mask', topics: ['public.orders'] }],
      ),
      livePipeline('p 2', 'orders-db', 'shared', ['gitops:shop']),
    ]);
    const split = buildExport(live, { ...OPTS, split: 'pipeline' });
    const out = Object.fromEntries(split.files.map((f) => [f.path, f.text]));
    expect(Object.keys(out).sort()).toEqual([
      '.env.example',
      'destinations.yaml',
      'pipelines/p-1.yaml',
      'pipelines/p-2.yaml',
      'transforms/mask.js',
    ]);
    expect(doc(out['pipelines/p-1.yaml'])).toMatchObject({
      sources: [{ name: 'Orders DB' }],
      transforms: [{ name: '../mask', implementation_file: '../transforms/mask.js' }],
      pipelines: [{ name: 'p/1' }],
    });
    expect(doc(out['pipelines/p-2.yaml'])).toMatchObject({ sources: [{ name: 'orders-db' }] });
    // Variable names do not depend on the layout.
    expect(split.secrets).toEqual(buildExport(live, OPTS).secrets);
  });

  it('is deterministic', () => {
    expect(buildExport(account(), OPTS)).toEqual(buildExport(account(), OPTS));
  });
});
