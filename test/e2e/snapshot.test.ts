/**
 * `snapshot` and `apply --snapshot-added-tables` end to end against the emulator: the exact request
 * bodies (the emulator keeps every snapshot call), each validation error with zero requests (or,
 * when the live include list is needed, reads only and no POST), the 409 and how to stop it, and
 * --wait on a virtual clock the emulator shares.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture-io.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { applyExamplesOk, byName, editFile, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ settleReads: 0, snapshotDurationMs: null });
  await h.copyExamples();
  await applyExamplesOk(h);
});

afterAll(async () => {
  await h.close();
});

beforeEach(() => {
  const store = h.server.emulator.store;
  store.snapshots.clear();
  store.snapshotCalls.length = 0;
  h.server.emulator.resetStats();
});

const idOf = (name: string): string => byName(h.server.emulator.dump().sources, name).id;
const calls = () => h.server.emulator.store.snapshotCalls.map((c) => ({ path: c.path, body: c.body }));
const writes = () =>
  Object.keys(h.server.emulator.stats().byRoute).filter((r) => r.startsWith('POST /sources'));

describe('snapshot: the exact request bodies', () => {
  it('every table: {source_id} only', async () => {
    const r = await h.cli(['snapshot', 'orders-db']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Started an incremental snapshot of orders-db, every table.');
    expect(calls()).toEqual([
      { path: '/sources/execute_incremental_snapshot', body: { source_id: idOf('orders-db') } },
    ]);
  });

  it('--tables and --where: topic_names in <database>.<schema>.<table> form, one condition per --where', async () => {
    const r = await h.cli([
      'snapshot',
      'orders-db',
      '--tables',
      'public.orders,public.refunds',
      '--where',
      "public.orders=created_at >= '2026-01-01' AND status = 'paid'",
      '--where',
      'public.refunds=amount > 100',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(calls()).toEqual([
      {
        path: '/sources/execute_incremental_snapshot',
        body: {
          source_id: idOf('orders-db'),
          topic_names: ['orders.public.orders', 'orders.public.refunds'],
          additional_conditions: [
            { data_collection: 'public.orders', filter: "created_at >= '2026-01-01' AND status = 'paid'" },
            { data_collection: 'public.refunds', filter: 'amount > 100' },
          ],
        },
      },
    ]);
  });

  it('a MySQL source: database.table sent as typed', async () => {
    const r = await h.cli(['snapshot', 'catalog-db', '--tables', 'catalog.prices']);
    expect(r.code, r.err).toBe(0);
    expect(calls()[0]?.body).toEqual({ source_id: idOf('catalog-db'), topic_names: ['catalog.prices'] });
  });

  it('--stop: {source_id} to the stop route', async () => {
    expect((await h.cli(['snapshot', 'orders-db'])).code).toBe(0);
    const r = await h.cli(['snapshot', 'orders-db', '--stop']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('Stopped the incremental snapshot of orders-db.\n');
    expect(calls()[1]).toEqual({
      path: '/sources/stop_incremental_snapshot',
      body: { source_id: idOf('orders-db') },
    });
  });
});

describe('snapshot: a running one (409)', () => {
  it('exit 1, says nothing new started and how to stop it', async () => {
    expect((await h.cli(['snapshot', 'orders-db'])).code).toBe(0);
    const r = await h.cli(['snapshot', 'orders-db', '--tables', 'public.orders']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('a snapshot of source orders-db is already running; nothing new was started');
    expect(r.err).toContain('HTTP 409');
    expect(r.err).toContain('stop it with `streamkap-gitops snapshot orders-db --stop`');
  });
});

describe('snapshot: validation errors send nothing', () => {
  const OFFLINE: [string, string[], string][] = [
    ['a --where without =', ['--where', 'public.orders'], 'is not TABLE=FILTER'],
    [
      'a --where table not snapshotted',
      ['--tables', 'public.orders', '--where', 'public.refunds=id>1'],
      'not one of the snapshotted tables',
    ],
    ['a table twice', ['--tables', 'public.orders,public.orders'], 'lists "public.orders" twice'],
    [
      'two filters for one table',
      ['--where', 'public.orders=a', '--where', 'public.orders=b'],
      'two filters for public.orders',
    ],
    ['--stop with --tables', ['--stop', '--tables', 'public.orders'], 'it takes no --tables'],
    [
      'a table not in the manifests',
      ['examples', '--tables', 'public.order'],
      'not in the table include list of source orders-db in the manifests; did you mean "public.orders"?',
    ],
  ];
  for (const [what, args, message] of OFFLINE) {
    it(`${what}: exit 4, zero requests`, async () => {
      const r = await h.cli(['snapshot', 'orders-db', ...args]);
      expect(r.code).toBe(4);
      expect(r.err).toContain(message);
      expect(h.server.emulator.stats().total).toBe(0);
    });
  }

  it('a source the manifests do not declare: exit 4, zero requests, did you mean', async () => {
    const r = await h.cli(['snapshot', 'order-db', 'examples']);
    expect(r.code).toBe(4);
    expect(r.err).toContain('source "order-db" is not declared in the manifests (namespace shop)');
    expect(r.err).toContain('did you mean "orders-db"?');
    expect(h.server.emulator.stats().total).toBe(0);
  });

  it('a table not in the live include list: exit 4 after reads only, no POST', async () => {
    const r = await h.cli([
      'snapshot',
      'orders-db',
      '--tables',
      'public.ordrs',
      '--where',
      'public.ordrs=x > 1',
    ]);
    expect(r.code).toBe(4);
    expect(r.err).toContain(
      '--tables public.ordrs: not in the live table include list of source orders-db; did you mean "public.orders"?',
    );
    expect(writes()).toEqual([]);
    expect(h.server.emulator.stats().byRoute['GET /sources']).toBe(1);
    expect(calls()).toEqual([]);
  });

  it('a --where table not in the live include list (every table snapshotted): no POST', async () => {
    const r = await h.cli(['snapshot', 'catalog-db', '--where', 'catalog.product=price > 0']);
    expect(r.code).toBe(4);
    expect(r.err).toContain('did you mean "catalog.products"?');
    expect(writes()).toEqual([]);
  });

  it('an unknown source: exit 4 with did you mean, no POST', async () => {
    const r = await h.cli(['snapshot', 'orders_db']);
    expect(r.code).toBe(4);
    expect(r.err).toContain('no source is named "orders_db" in the account; nothing was sent');
    expect(r.err).toContain('did you mean "orders-db"?');
    expect(writes()).toEqual([]);
  });

  it('a source the namespace of the manifests does not own: exit 3, no POST', async () => {
    const other = await h.write(
      'other.yaml',
      'namespace: other\nexternal:\n  sources: []\nsources:\n  - name: orders-db\n    connector: postgresql\n    config:\n      database_hostname: h\n      database_user: u\n      database_password: ${env:PW}\n      database_dbname: orders\n      schema_include_list: public\n      table_include_list: public.orders\n',
    );
    const r = await h.cli(['snapshot', 'orders-db', path.basename(other)]);
    expect(r.code, r.err).toBe(3);
    expect(r.err).toContain(
      'source orders-db is not owned by namespace other (no tag gitops:other); nothing was sent',
    );
    expect(writes()).toEqual([]);
  });
});

describe('snapshot --wait on a virtual clock', () => {
  it('shows the progress until the snapshot completes (the emulator runs on the same clock)', async () => {
    const clock = new FakeClock();
    const w = await startHarness({ settleReads: 0, now: clock.now, snapshotDurationMs: 90_000 });
    try {
      await w.copyExamples();
      await applyExamplesOk(w);
      const io = captureIo(w.env(), w.dir);
      const args = ['snapshot', 'orders-db', '--wait', '--poll-interval', '30s'];
      const code = await main(['node', 'streamkap-gitops', ...args], { ...io, clock });
      expect(code, io.err()).toBe(0);
      expect(io.err()).toBe(
        [
          '  orders-db: running, 0/3 tables completed (snapshotStatus Running)',
          '  orders-db: running, 1/3 tables completed (snapshotStatus Running)',
          '  orders-db: running, 2/3 tables completed (snapshotStatus Running)',
          '  orders-db: completed, 3/3 tables completed (snapshotStatus Completed)',
          '',
        ].join('\n'),
      );
      expect(io.out()).toContain('Snapshot of orders-db completed: completed, 3/3 tables completed');
      expect(clock.sleeps).toEqual([30_000, 30_000, 30_000]);
      // --wait-timeout: exit 1, and the snapshot goes on.
      const late = captureIo(w.env(), w.dir);
      const lateArgs = [
        'snapshot',
        'catalog-db',
        '--wait',
        '--poll-interval',
        '30s',
        '--wait-timeout',
        '45s',
      ];
      expect(await main(['node', 'streamkap-gitops', ...lateArgs], { ...late, clock })).toBe(1);
      expect(late.err()).toContain('the snapshot of catalog-db did not complete within --wait-timeout');
    } finally {
      await w.close();
    }
  });
});

describe('apply --snapshot-added-tables', () => {
  it('snapshots exactly the tables a source update added; nothing when none were added', async () => {
    const file = path.join(h.dir, 'examples', 'streamkap.yaml');
    await editFile(file, (t) =>
      t.replace('public.refunds]', 'public.refunds, public.payments, public.payouts]'),
    );
    const out = await applyExamplesOk(h, '--snapshot-added-tables');
    expect(out).toContain(
      'Started an incremental snapshot of orders-db, the added tables: orders.public.payments, orders.public.payouts.',
    );
    expect(calls()).toEqual([
      {
        path: '/sources/execute_incremental_snapshot',
        body: {
          source_id: idOf('orders-db'),
          topic_names: ['orders.public.payments', 'orders.public.payouts'],
        },
      },
    ]);
    await editFile(file, (t) => t.replace("heartbeat_enabled: 'true'", "heartbeat_enabled: 'false'"));
    const none = await applyExamplesOk(h, '--snapshot-added-tables');
    expect(none).toContain('no source update added tables; no snapshot started');
    expect(calls()).toHaveLength(1);
  });

  it('a snapshot already running: the apply is done, exit 1 says which snapshot did not start', async () => {
    expect((await h.cli(['snapshot', 'orders-db'])).code).toBe(0);
    const file = path.join(h.dir, 'examples', 'streamkap.yaml');
    await editFile(file, (t) => t.replace('public.payouts]', 'public.payouts, public.disputes]'));
    const r = await h.cli(['apply', 'examples', '--auto-approve', '--snapshot-added-tables']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Apply complete');
    expect(r.err).toContain('the apply succeeded, but 1 snapshot of added tables did not start');
    expect((await h.cli(['plan', 'examples', '--detailed-exitcode'])).code).toBe(0);
  });
});
