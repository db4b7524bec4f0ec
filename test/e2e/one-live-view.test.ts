/**
 * `plan` and `apply` read the same kinds of live state (issue 8.9), so the same manifests give the
 * same warnings, errors and actions. Manifests that mention only sources meet an account where the
 * namespace also owns a transform and a pipeline: both commands read every kind, and both say so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const MANIFEST = `namespace: shop
sources:
  - name: orders-db
    connector: postgresql
    config:
      database_hostname: db.internal
      database_port: 5432
      database_user: streamkap
      database_password: \${env:PG_PASSWORD}
      database_dbname: shop
      schema_include_list: public
      table_include_list: public.orders
`;
const ENV = { PG_PASSWORD: 'pg-one-view-3e1a' };

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await h.write('m.yaml', MANIFEST);
  const created = await h.cli(['apply', 'm.yaml', '--auto-approve'], ENV);
  expect(created.code, created.err).toBe(0);
  h.server.emulator.seed([
    { kind: 'destination', name: 'warehouse', connector: 'postgresql', config: {}, owner: 'shop' },
    { kind: 'transform', name: 'mask', transform: 'map_filter', config: {}, owner: 'shop' },
    {
      kind: 'pipeline',
      name: 'orders-to-warehouse',
      source: { name: 'orders-db' },
      destination: { name: 'warehouse' },
      owner: 'shop',
    },
  ]);
});
afterAll(async () => h.close());

/** The plan part of a command's JSON document, and the list routes the command read. */
async function planOf(args: string[]): Promise<{ plan: Record<string, unknown>; lists: string[] }> {
  h.server.emulator.resetStats();
  const r = await h.cli(args, ENV);
  expect(r.code, r.err).toBe(0);
  const doc = JSON.parse(r.out) as Record<string, unknown>;
  const plan = (args[0] === 'apply' ? doc['plan'] : doc) as Record<string, unknown>;
  const lists = Object.keys(h.server.emulator.stats().byRoute)
    .filter((route) => /^GET \/(tags|sources|destinations|transforms|pipelines)$/.test(route))
    .sort();
  return { plan, lists };
}

describe('one live view', () => {
  it('plan and apply read the same kinds and give the same warnings, errors and actions', async () => {
    const planned = await planOf(['plan', 'm.yaml', '--format', 'json']);
    const applied = await planOf(['apply', 'm.yaml', '--auto-approve', '--format', 'json']);
    expect(planned.lists).toEqual(applied.lists);
    expect(planned.lists).toEqual([
      'GET /destinations',
      'GET /pipelines',
      'GET /sources',
      'GET /tags',
      'GET /transforms',
    ]);
    for (const key of ['warnings', 'errors', 'actions', 'summary'])
      expect(planned.plan[key], key).toEqual(applied.plan[key]);
    expect(planned.plan['warnings']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'unmanaged-kind',
          message:
            '1 transform owned by namespace shop is not managed by these manifests; add "transforms: []" to delete it',
        }),
        expect.objectContaining({
          code: 'unmanaged-kind',
          message: expect.stringContaining('1 destination'),
        }),
      ]),
    );
  });
});
