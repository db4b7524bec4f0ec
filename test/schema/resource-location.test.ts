/**
 * Every resource remembers where a manifest declares it, for the plan's `file:line`: the file as
 * messages name it (relative to the working directory), relative to its manifest root when it lies
 * outside the working directory, never an absolute path.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/planner/index.js';
import { loadDesiredState, validateManifests } from '../../src/schema/index.js';
import { PG_SOURCE, manifestDir } from './helpers.js';

const files = manifestDir({
  'streamkap/shop.yaml': `namespace: shop\n\ntags:\n  - name: pii\nsources:\n${PG_SOURCE}`,
  'streamkap/teams/pipelines.yaml': [
    'namespace: shop',
    'destinations:',
    '  - name: warehouse',
    '    connector: clickhouse',
    '    config: {hostname: ch, connection_username: u, connection_password: "${env:CH_PASSWORD}", database: d}',
    'pipelines:',
    '  - name: orders',
    '    source: orders-db',
    '    destination: warehouse',
    '    topics: [public.orders]',
    '',
  ].join('\n'),
});
afterAll(() => files.cleanup());
const env = { PG_PASSWORD: 'pw', CH_PASSWORD: 'ch' };

async function locations(paths: string[], cwd: string): Promise<Record<string, unknown>> {
  expect((await validateManifests(paths, { cwd, env })).problems).toEqual([]);
  const { state } = await loadDesiredState(paths, { cwd, env });
  return Object.fromEntries(state.resources.map((r) => [`${r.kind}/${r.name}`, r.location]));
}

describe('resource locations', () => {
  it('name the file relative to the working directory, and the line of the item', async () => {
    expect(await locations(['streamkap'], files.dir)).toEqual({
      'tag/pii': { file: 'streamkap/shop.yaml', line: 4, col: 5 },
      'source/orders-db': { file: 'streamkap/shop.yaml', line: 6, col: 5 },
      'destination/warehouse': { file: 'streamkap/teams/pipelines.yaml', line: 3, col: 5 },
      'pipeline/orders': { file: 'streamkap/teams/pipelines.yaml', line: 7, col: 5 },
    });
  });

  it('are relative to the manifest root for manifests outside the working directory', async () => {
    const elsewhere = join(files.dir, 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });
    const got = await locations([join(files.dir, 'streamkap')], elsewhere);
    expect(got['source/orders-db']).toEqual({ file: 'shop.yaml', line: 6, col: 5 });
    expect(got['pipeline/orders']).toMatchObject({ file: 'teams/pipelines.yaml' });
  });

  it('reach the plan as file and line, on what the manifests declare only', async () => {
    const { state } = await loadDesiredState(['streamkap'], { cwd: files.dir, env });
    const plan = buildPlan(
      state,
      { resources: [], tags: [], duplicates: [], loadedKinds: state.managedKinds },
      { hmacKey: 'k' },
    );
    const at = Object.fromEntries(plan.actions.map((a) => [a.id, a.location]));
    expect(at['source/orders-db']).toEqual({ file: 'streamkap/shop.yaml', line: 6 });
    expect(at['tag/pii']).toEqual({ file: 'streamkap/shop.yaml', line: 4 });
    expect(at['tag/gitops:shop']).toBeUndefined(); // the tool's own tag
  });
});
