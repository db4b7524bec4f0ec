import { describe, expect, it } from 'vitest';
import { PROTECTED_TAG, type Plan, type PlanAction } from '../../src/model/index.js';
import { buildPlan, type PlanOptions } from '../../src/planner/index.js';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../src/render/index.js';
import {
  desiredState,
  HMAC_KEY,
  liveState,
  ordersPipeline,
  pgSource,
  pipeline,
  serverEcho,
  snowflakeDest,
  source,
  tag,
  transform,
} from './fixtures.js';

/** The effective tags an action's payload writes. */
const tagsOf = (a: PlanAction): unknown => (a.desired && 'tags' in a.desired ? a.desired.tags : undefined);

const opts = (extra: Partial<PlanOptions> = {}): PlanOptions => ({ hmacKey: HMAC_KEY, ...extra });

function action(plan: Plan, id: string): PlanAction {
  const a = plan.actions.find((x) => x.id === id);
  if (!a) throw new Error(`no action ${id} in ${plan.actions.map((x) => x.id).join(', ')}`);
  return a;
}

function changed(plan: Plan): string[] {
  return plan.actions.filter((a) => a.type !== 'noop').map((a) => `${a.type} ${a.id}`);
}

const account = () => [
  serverEcho(pgSource(), { id: 1 }),
  serverEcho(snowflakeDest(), { id: 2 }),
  serverEcho(ordersPipeline(), { id: 3 }),
];

describe('buildPlan', () => {
  it('creates everything in dependency order on an empty account', () => {
    const plan = buildPlan(
      desiredState([ordersPipeline(), snowflakeDest(), pgSource()]),
      liveState([], [], { tags: [] }),
      opts(),
    );
    expect(plan.actions.map((a) => a.id)).toEqual([
      'tag/gitops:shop',
      'source/orders-db',
      'destination/warehouse',
      'pipeline/orders-to-warehouse',
    ]);
    expect(action(plan, 'pipeline/orders-to-warehouse').dependsOn).toEqual([
      'destination/warehouse',
      'source/orders-db',
      'tag/gitops:shop',
    ]);
    expect(plan.summary).toEqual({ create: 4, update: 0, replace: 0, delete: 0, noop: 0 });
    expect(plan.errors).toEqual([]);
  });

  it('is empty against what the server holds after creating the manifests', () => {
    const plan = buildPlan(
      desiredState([pgSource(), snowflakeDest(), ordersPipeline()]),
      liveState(account()),
      opts(),
    );
    expect(changed(plan)).toEqual([]);
    expect(action(plan, 'source/orders-db')).toMatchObject({
      liveId: '000000000000000000000001',
      liveFingerprint: 'fp-1',
    });
  });

  it('renames through previous_names as an in-place update', () => {
    const live = [
      serverEcho({ ...pgSource(), name: 'legacy-db' }, { id: 1 }),
      serverEcho({ ...ordersPipeline(), source: 'legacy-db' }, { id: 3 }),
      serverEcho(snowflakeDest(), { id: 2 }),
    ];
    const plan = buildPlan(
      desiredState([pgSource({ previousNames: ['legacy-db'] }), snowflakeDest(), ordersPipeline()]),
      liveState(live),
      opts(),
    );
    expect(changed(plan)).toEqual(['update source/orders-db']);
    const a = action(plan, 'source/orders-db');
    expect(a.renamedFrom).toBe('legacy-db');
    expect(a.changes).toEqual([{ path: 'name', before: 'legacy-db', after: 'orders-db' }]);
    expect(a.liveId).toBe('000000000000000000000001');
  });

  it('replaces on a connector change and marks a source replace destructive', () => {
    const live = [serverEcho(source('orders-db', 'mysql', { database_hostname: 'h' }), { id: 1 })];
    const plan = buildPlan(desiredState([pgSource()]), liveState(live), opts());
    const a = action(plan, 'source/orders-db');
    expect(a.type).toBe('replace');
    expect(a.destructive).toBe(true);
    expect(a.changes[0]).toEqual({
      path: 'connector',
      before: 'mysql',
      after: 'postgresql',
      forcesReplace: true,
    });
    expect(a.reason).toMatch(/re-snapshots/);
    expect(plan.destructive).toEqual(['source/orders-db']);
  });

  it('replaces on a set-once key change, destructive like every replace (issue 8.7)', () => {
    const d = snowflakeDest({}, { ingestion_mode: 'append' });
    const live = [serverEcho(snowflakeDest({}, { ingestion_mode: 'upsert' }), { id: 2 })];
    const a = action(buildPlan(desiredState([d]), liveState(live), opts()), 'destination/warehouse');
    expect(a.type).toBe('replace');
    expect(a.destructive).toBe(true);
    expect(a.changes).toContainEqual({
      path: 'config.ingestion_mode',
      before: 'upsert',
      after: 'append',
      forcesReplace: true,
    });
  });

  it('deletes owned objects absent from the manifests, pipelines before what they use', () => {
    const plan = buildPlan(desiredState([]), liveState(account()), opts());
    expect(changed(plan)).toEqual([
      'delete pipeline/orders-to-warehouse',
      'delete destination/warehouse',
      'delete source/orders-db',
    ]);
    expect(action(plan, 'source/orders-db').dependsOn).toEqual(['pipeline/orders-to-warehouse']);
    // every delete but a tag's is destructive (issue 8.7: a destination delete needed no flag)
    expect(plan.destructive).toEqual([
      'pipeline/orders-to-warehouse',
      'destination/warehouse',
      'source/orders-db',
    ]);
  });

  it('marks the delete of a transform destructive, and of no tag', () => {
    const t = transform('enrich', 'map_filter', {}, { implementation: { value_transform: 'x' } });
    const plan = buildPlan(desiredState([]), liveState([serverEcho(t, { id: 4 })]), opts());
    expect(changed(plan)).toEqual(['delete transform/enrich']);
    expect(plan.destructive).toEqual(['transform/enrich']);
  });

  it('leaves live code a manifest without implementation_file does not manage: no diff, no payload key', () => {
    const code = { implementation: { value_transform: 'function f(r) { return r; }' } };
    const unmanaged = transform('enrich', 'map_filter', {});
    const live = liveState([serverEcho(transform('enrich', 'map_filter', {}, code), { id: 4 })]);
    expect(changed(buildPlan(desiredState([unmanaged]), live, opts()))).toEqual([]);
    // A config change updates the config only: the payload carries no implementation to write.
    const edited = transform('enrich', 'map_filter', { transforms_input_job_parallelism: 7 });
    const update = action(buildPlan(desiredState([edited]), live, opts()), 'transform/enrich');
    expect(update.type).toBe('update');
    expect(update.changes.map((c) => c.path)).toEqual(['config.transforms_input_job_parallelism']);
    expect(update.desired).not.toHaveProperty('implementation');
  });

  it('never deletes objects without the ownership tag, nor tags, nor unmanaged kinds', () => {
    const live = [serverEcho(pgSource(), { id: 1, owned: false }), serverEcho(snowflakeDest(), { id: 2 })];
    const plan = buildPlan(desiredState([], ['source']), liveState(live, ['Production']), opts());
    expect(changed(plan)).toEqual([]);
  });

  it('refuses an unowned namesake without --adopt, with a hint', () => {
    const live = [serverEcho(pgSource(), { id: 1, owned: false })];
    const plan = buildPlan(desiredState([pgSource()]), liveState(live), opts());
    expect(plan.errors).toEqual([
      expect.objectContaining({
        code: 'unowned-namesake',
        id: 'source/orders-db',
        hint: expect.stringContaining('--adopt, or rename'),
      }),
    ]);
    expect(plan.actions.find((a) => a.id === 'source/orders-db')).toBeUndefined();
  });

  it('names the namespace that owns a namesake instead of calling it unowned', () => {
    const live = [serverEcho(pgSource(), { id: 1, owned: false, tags: ['gitops:billing'] })];
    const plan = buildPlan(desiredState([pgSource()]), liveState(live), opts());
    expect(plan.errors).toEqual([
      expect.objectContaining({
        code: 'unowned-namesake',
        message: expect.stringContaining('owned by namespace "billing"'),
        hint: expect.stringContaining('--adopt-from billing'),
      }),
    ]);
  });

  it('--adopt never takes an object another namespace owns (issue 12.3)', () => {
    const live = [serverEcho(pgSource(), { id: 1, owned: false, tags: ['gitops:billing', PROTECTED_TAG] })];
    const plan = buildPlan(desiredState([pgSource()]), liveState(live), opts({ adopt: true }));
    expect(plan.errors).toEqual([
      expect.objectContaining({
        code: 'unowned-namesake',
        hint: expect.stringContaining('--adopt-from billing'),
      }),
    ]);
    expect(plan.actions.find((a) => a.id === 'source/orders-db')).toBeUndefined();
  });

  it('--adopt-from takes it: the owner tag is replaced by ours, gitops:protected stays, the action is protected', () => {
    const live = [
      serverEcho(pgSource(), { id: 1, owned: false, tags: ['gitops:billing', PROTECTED_TAG, 'Production'] }),
    ];
    const desired = source('orders-db', 'postgresql', pgSource().config, { tags: ['pii'], protected: true });
    const plan = buildPlan(
      desiredState([desired]),
      liveState(live, ['pii']),
      opts({ adoptFrom: ['billing'] }),
    );
    const a = action(plan, 'source/orders-db');
    expect(a).toMatchObject({ type: 'update', adopt: true, protected: true });
    expect(a.reason).toContain('adopt from namespace "billing"');
    expect(a.reason).toContain('stays protected');
    expect(tagsOf(a)).toEqual(['gitops:protected', 'gitops:shop', 'pii']);
  });

  it('--adopt-from one namespace does not take an object another one owns, nor an unowned one', () => {
    const live = [
      serverEcho(pgSource(), { id: 1, owned: false, tags: ['gitops:billing', 'gitops:ops'] }),
      serverEcho(snowflakeDest(), { id: 2, owned: false, tags: [] }),
    ];
    const plan = buildPlan(
      desiredState([pgSource(), snowflakeDest()]),
      liveState(live),
      opts({ adoptFrom: ['billing'] }),
    );
    expect(plan.errors.map((e) => `${e.code} ${e.id}`).sort()).toEqual([
      'unowned-namesake destination/warehouse',
      'unowned-namesake source/orders-db',
    ]);
  });

  it('adopting a protected object needs protected: true in the manifest (adopting never unprotects)', () => {
    const live = [serverEcho(pgSource(), { id: 1, owned: false, tags: [PROTECTED_TAG] })];
    const refused = buildPlan(desiredState([pgSource()]), liveState(live), opts({ adopt: true }));
    expect(refused.errors).toEqual([
      expect.objectContaining({ code: 'adopt-protected', id: 'source/orders-db' }),
    ]);
    const kept = source('orders-db', 'postgresql', pgSource().config, { protected: true });
    const plan = buildPlan(desiredState([kept]), liveState(live), opts({ adopt: true }));
    expect(plan.errors).toEqual([]);
    expect(action(plan, 'source/orders-db')).toMatchObject({ type: 'update', adopt: true, protected: true });
    expect(tagsOf(action(plan, 'source/orders-db'))).toEqual(['gitops:protected', 'gitops:shop']);
  });

  it('adopts an unowned namesake with --adopt by adding the ownership tag', () => {
    const live = [serverEcho(pgSource(), { id: 1, owned: false, tags: ['Production'] })];
    const plan = buildPlan(desiredState([pgSource()]), liveState(live), opts({ adopt: true }));
    const a = action(plan, 'source/orders-db');
    expect(a).toMatchObject({ type: 'update', adopt: true });
    expect(a.changes).toEqual([
      { path: 'tags', before: ['Production'], after: ['Production', 'gitops:shop'] },
    ]);
    expect(tagsOf(a)).toEqual(['Production', 'gitops:shop']);
  });

  it('refuses to adopt an object that would have to be replaced', () => {
    const live = [serverEcho(source('orders-db', 'mysql', {}), { id: 1, owned: false })];
    const plan = buildPlan(desiredState([pgSource()]), liveState(live), opts({ adopt: true }));
    expect(plan.errors.map((e) => e.code)).toEqual(['adopt-replace']);
  });

  it('warns that a delete is unchecked against pipelines when pipelines were not read', () => {
    const live = [serverEcho(pgSource(), { id: 1 })];
    const plan = buildPlan(
      desiredState([], ['source']),
      liveState(live, [], { loadedKinds: ['tag', 'source'] }),
      opts(),
    );
    expect(changed(plan)).toEqual(['delete source/orders-db']);
    expect(plan.warnings).toEqual([
      expect.objectContaining({ code: 'pipelines-not-read', id: 'source/orders-db' }),
    ]);
  });

  it("refuses (delete-in-use) to delete a source another namespace's pipeline uses (issue 12.6)", () => {
    const live = [
      serverEcho(pgSource(), { id: 1 }),
      serverEcho(ordersPipeline(), { id: 3, owned: false, tags: ['gitops:billing'] }),
    ];
    const plan = buildPlan(desiredState([], ['source']), liveState(live), opts());
    expect(plan.errors).toEqual([
      expect.objectContaining({
        code: 'delete-in-use',
        id: 'source/orders-db',
        message: expect.stringContaining('pipeline "orders-to-warehouse" (owned by namespace "billing")'),
      }),
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('refuses (delete-in-use) to delete a source our own protected pipeline uses; warns for one of an unmanaged kind', () => {
    const protectedPipe = serverEcho(ordersPipeline(), { id: 3, tags: ['gitops:shop', PROTECTED_TAG] });
    const refused = buildPlan(
      desiredState([], ['source']),
      liveState([serverEcho(pgSource(), { id: 1 }), protectedPipe]),
      opts(),
    );
    expect(refused.errors).toEqual([
      expect.objectContaining({ code: 'delete-in-use', message: expect.stringContaining('(protected)') }),
    ]);
    const plain = serverEcho(ordersPipeline(), { id: 3 });
    const warned = buildPlan(
      desiredState([], ['source']),
      liveState([serverEcho(pgSource(), { id: 1 }), plain]),
      opts(),
    );
    expect(warned.errors).toEqual([]);
    expect(warned.warnings.map((w) => w.code)).toEqual(['unmanaged-kind', 'referenced-by-unmanaged']);
  });

  it('a delete whose pipeline is deleted or moved away first is not refused', () => {
    const live = [
      serverEcho(pgSource(), { id: 1 }),
      serverEcho(snowflakeDest(), { id: 2 }),
      serverEcho(ordersPipeline(), { id: 3 }),
    ];
    const plan = buildPlan(
      desiredState([snowflakeDest()], ['source', 'destination', 'pipeline']),
      liveState(live),
      opts(),
    );
    expect(plan.errors).toEqual([]);
    expect(changed(plan).sort()).toEqual(['delete pipeline/orders-to-warehouse', 'delete source/orders-db']);
  });

  it("refuses (foreign-write) a replace that would repoint another namespace's pipeline, and lists every write of a replace (issue 12.4)", () => {
    const mysql = source('orders-db', 'mysql', {});
    const foreign = [
      serverEcho(pgSource(), { id: 1 }),
      serverEcho(ordersPipeline(), { id: 3, owned: false, tags: ['gitops:billing'] }),
    ];
    const refused = buildPlan(desiredState([mysql], ['source']), liveState(foreign), opts());
    expect(refused.errors).toEqual([
      expect.objectContaining({
        code: 'foreign-write',
        id: 'source/orders-db',
        message: expect.stringContaining(
          'would repoint pipeline "orders-to-warehouse" (owned by namespace "billing")',
        ),
      }),
    ]);
    const ours = [
      serverEcho(pgSource(), { id: 1 }),
      serverEcho(snowflakeDest(), { id: 2 }),
      serverEcho(ordersPipeline(), { id: 3 }),
    ];
    const plan = buildPlan(desiredState([mysql, snowflakeDest(), ordersPipeline()]), liveState(ours), opts());
    expect(plan.errors).toEqual([]);
    expect(action(plan, 'source/orders-db').writes).toEqual([
      {
        type: 'create',
        id: 'source/orders-db-gitops-replacing',
        what: 'the replacement, under a temporary name',
      },
      {
        type: 'update',
        id: 'pipeline/orders-to-warehouse',
        what: 'repointed from the old source to the replacement',
      },
      { type: 'delete', id: 'source/orders-db', what: expect.stringContaining('the old source (id ') },
      { type: 'update', id: 'source/orders-db-gitops-replacing', what: 'renamed to "orders-db"' },
    ]);
  });

  it('refuses live duplicates of a managed name', () => {
    const live = [serverEcho(pgSource(), { id: 1 }), serverEcho(pgSource(), { id: 9 })];
    const plan = buildPlan(
      desiredState([pgSource()]),
      liveState(live, [], { duplicates: [{ kind: 'source', name: 'orders-db', ids: ['1', '9'] }] }),
      opts(),
    );
    expect(plan.errors.map((e) => e.code)).toEqual(['duplicate-live']);
  });

  it('rejects tag names that exist neither in the manifests nor in the account', () => {
    const plan = buildPlan(
      desiredState([pgSource({ tags: ['Production', 'nope'] })]),
      liveState([], ['Production']),
      opts(),
    );
    expect(plan.errors).toEqual([
      expect.objectContaining({ code: 'unknown-tag', message: expect.stringContaining('"nope"') }),
    ]);
  });

  it('creates manifest tags and the protected tag, and makes resources depend on them', () => {
    const d = desiredState([
      tag('team-data', 'Data team'),
      pgSource({ tags: ['team-data'], protected: true }),
    ]);
    const plan = buildPlan(d, liveState([], [], { tags: [] }), opts());
    expect(plan.actions.slice(0, 3).map((a) => `${a.type} ${a.id}`)).toEqual([
      'create tag/gitops:protected',
      'create tag/gitops:shop',
      'create tag/team-data',
    ]);
    expect(action(plan, 'source/orders-db').dependsOn).toEqual([
      'tag/gitops:protected',
      'tag/gitops:shop',
      'tag/team-data',
    ]);
    expect(tagsOf(action(plan, 'source/orders-db'))).toEqual([
      'gitops:protected',
      'gitops:shop',
      'team-data',
    ]);
  });

  it('updates a manifest tag description and types (as a set), never deletes tags', () => {
    const d = desiredState([tag('team-data', 'Data team', ['sources', 'pipelines'])]);
    const live = liveState([], [], {
      tags: [
        {
          id: 't1',
          name: 'team-data',
          description: 'old',
          types: ['pipelines', 'sources'],
          system: false,
          custom: true,
        },
        { id: 't2', name: 'gitops:shop', description: null, types: [], system: false, custom: true },
      ],
    });
    const plan = buildPlan(d, live, opts());
    expect(action(plan, 'tag/team-data').changes).toEqual([
      { path: 'description', before: 'old', after: 'Data team' },
    ]);
    expect(buildPlan(desiredState([]), live, opts()).actions.filter((a) => a.type === 'delete')).toEqual([]);
  });

  it('keeps protection after removal from the manifests: the delete is marked protected', () => {
    const live = [serverEcho(pgSource({ protected: true }), { id: 1 })];
    const a = action(buildPlan(desiredState([]), liveState(live), opts()), 'source/orders-db');
    expect(a).toMatchObject({ type: 'delete', protected: true, destructive: true });
    expect(a.reason).toMatch(/protected: false/);
  });

  it('un-protecting is an update that removes the protected tag', () => {
    const live = [serverEcho(pgSource({ protected: true }), { id: 1 })];
    const a = action(buildPlan(desiredState([pgSource()]), liveState(live), opts()), 'source/orders-db');
    expect(a.type).toBe('update');
    expect(a.changes).toEqual([
      { path: 'tags', before: [PROTECTED_TAG, 'gitops:shop'], after: ['gitops:shop'] },
    ]);
  });

  it('marks the replace of a protected destination destructive and protected', () => {
    const live = [serverEcho(snowflakeDest({ protected: true }, { ingestion_mode: 'upsert' }), { id: 2 })];
    const a = action(
      buildPlan(
        desiredState([snowflakeDest({ protected: true }, { ingestion_mode: 'append' })]),
        liveState(live),
        opts(),
      ),
      'destination/warehouse',
    );
    expect(a).toMatchObject({ type: 'replace', protected: true, destructive: true });
  });

  it('repoints a kept pipeline when its destination is replaced', () => {
    const live = [
      serverEcho(pgSource(), { id: 1 }),
      serverEcho({ ...snowflakeDest(), connector: 'clickhouse' }, { id: 2 }),
      serverEcho(ordersPipeline(), { id: 3 }),
    ];
    const plan = buildPlan(
      desiredState([pgSource(), snowflakeDest(), ordersPipeline()]),
      liveState(live),
      opts(),
    );
    const p = action(plan, 'pipeline/orders-to-warehouse');
    expect(p.type).toBe('update');
    expect(p.changes).toEqual([
      { path: 'destination.id', before: '000000000000000000000002', after: '(known after apply)' },
    ]);
    expect(p.dependsOn).toContain('destination/warehouse');
    const ids = plan.actions.map((a) => a.id);
    expect(ids.indexOf('destination/warehouse')).toBeLessThan(ids.indexOf('pipeline/orders-to-warehouse'));
  });

  it('deletes an old destination only after the pipeline moved away from it', () => {
    const other = { ...snowflakeDest(), name: 'old-warehouse' };
    const live = [
      serverEcho(pgSource(), { id: 1 }),
      serverEcho(other, { id: 2 }),
      serverEcho({ ...ordersPipeline(), destination: 'old-warehouse' }, { id: 3 }),
    ];
    const plan = buildPlan(
      desiredState([pgSource(), snowflakeDest(), ordersPipeline()]),
      liveState(live),
      opts(),
    );
    expect(changed(plan)).toEqual([
      'create destination/warehouse',
      'update pipeline/orders-to-warehouse',
      'delete destination/old-warehouse',
    ]);
    expect(action(plan, 'destination/old-warehouse').dependsOn).toEqual(['pipeline/orders-to-warehouse']);
  });

  it('--target pulls in dependencies; --exclude drops actions and warns about dependants', () => {
    const d = desiredState([
      pgSource(),
      snowflakeDest(),
      ordersPipeline(),
      source('other', 'postgresql', {}),
    ]);
    const targeted = buildPlan(
      d,
      liveState([], [], { tags: [] }),
      opts({ targets: ['pipeline/orders-to-warehouse'] }),
    );
    expect(targeted.actions.map((a) => a.id).sort()).toEqual([
      'destination/warehouse',
      'pipeline/orders-to-warehouse',
      'source/orders-db',
      'tag/gitops:shop',
    ]);
    const excluded = buildPlan(d, liveState([], [], { tags: [] }), opts({ excludes: ['source/orders-db'] }));
    expect(excluded.actions.map((a) => a.id)).not.toContain('source/orders-db');
    expect(excluded.warnings).toContainEqual(
      expect.objectContaining({ code: 'excluded-dependency', id: 'pipeline/orders-to-warehouse' }),
    );
    expect(action(excluded, 'pipeline/orders-to-warehouse').dependsOn).not.toContain('source/orders-db');
  });

  it('--exclude of a resource with nothing to do warns about nobody (issue 8.13)', () => {
    const d = desiredState([pgSource(), snowflakeDest(), ordersPipeline()]);
    const live = [serverEcho(pgSource(), { id: 1 }), serverEcho(snowflakeDest(), { id: 2 })];
    const plan = buildPlan(d, liveState(live), opts({ excludes: ['source/orders-db'] }));
    expect(changed(plan)).toEqual(['create pipeline/orders-to-warehouse']);
    expect(plan.warnings).toEqual([]);
  });

  it('a create and a delete with the same configuration suggest previous_names (issue 8.11)', () => {
    const live = [serverEcho(pgSource(), { id: 1 })];
    const renamed = { ...pgSource(), name: 'orders-db-v2' };
    const plan = buildPlan(desiredState([renamed], ['source']), liveState(live), opts());
    expect(changed(plan)).toEqual(['create source/orders-db-v2', 'delete source/orders-db']);
    expect(plan.warnings).toContainEqual({
      code: 'possible-rename',
      id: 'source/orders-db-v2',
      message:
        'source/orders-db-v2 is created and source/orders-db deleted, with the same configuration: a rename?',
      hint: 'to rename the live object instead (no delete, no re-snapshot), add "previous_names: [orders-db]" to source orders-db-v2',
    });
    const other = { ...pgSource({}, { database_port: 6543 }), name: 'orders-db-v2' };
    const differs = buildPlan(desiredState([other], ['source']), liveState(live), opts());
    expect(differs.warnings.map((w) => w.code)).not.toContain('possible-rename');
  });

  it('a --target or --exclude that names nothing is a plan error with the closest id (issue 8.8)', () => {
    const d = desiredState([pgSource(), snowflakeDest(), ordersPipeline()]);
    const plan = buildPlan(
      d,
      liveState([], [], { tags: [] }),
      opts({ targets: ['source/orders-bd'], excludes: ['pipeline/nothing-like-it'] }),
    );
    expect(plan.errors).toEqual([
      {
        code: 'unknown-exclude',
        id: 'pipeline/nothing-like-it',
        message:
          '--exclude pipeline/nothing-like-it matches no resource in the manifests or owned by the namespace',
        hint: expect.stringContaining('kind/name'),
      },
      {
        code: 'unknown-target',
        id: 'source/orders-bd',
        message: '--target source/orders-bd matches no resource in the manifests or owned by the namespace',
        hint: 'did you mean "source/orders-db"?',
      },
    ]);
  });

  it('says what the namespace owns of kinds the manifests do not mention, instead of "matches" (issue 8.8)', () => {
    const live = [
      ...account(),
      serverEcho(pipeline('p2', 'orders-db', 'warehouse'), { id: 4 }),
      serverEcho(pipeline('p3', 'orders-db', 'warehouse'), { id: 5 }),
      serverEcho(pipeline('theirs', 'orders-db', 'warehouse'), { id: 6, tags: ['gitops:billing'] }),
    ];
    const plan = buildPlan(
      desiredState([pgSource(), snowflakeDest()], ['tag', 'source', 'destination']),
      liveState(live),
      opts(),
    );
    expect(changed(plan)).toEqual([]);
    expect(plan.warnings).toEqual([
      {
        code: 'unmanaged-kind',
        message:
          '3 pipelines owned by namespace shop are not managed by these manifests; add "pipelines: []" to delete them',
      },
    ]);
    const text = renderPlanText(plan, { color: false });
    expect(text).not.toContain('The account matches the manifests');
    expect(text).toContain('add "pipelines: []" to delete them');
    expect(renderPlanMarkdown(plan)).toContain('add "pipelines: []" to delete them');
    expect(renderPlanJson(plan)).toContain('"code": "unmanaged-kind"');
  });

  it('records maxDeletes (default 5) and the live fingerprint of each touched object', () => {
    expect(buildPlan(desiredState([]), liveState([]), opts()).maxDeletes).toBe(5);
    expect(buildPlan(desiredState([]), liveState([]), opts({ maxDeletes: 2 })).maxDeletes).toBe(2);
  });

  it('diffs pipeline topics, transforms and auto-discovery as sets through renames', () => {
    const tx = transform('enrich-orders', 'map_filter', {});
    const p = pipeline('p', 'orders-db', 'warehouse', {
      topics: ['public.orders'],
      transforms: [{ name: 'enrich-orders', topics: ['public.orders'] }],
    });
    const liveP = serverEcho(
      {
        ...p,
        topics: ['source_000000000000000000000001.public.orders'],
        transforms: [{ name: 'old-enrich', topics: ['public.orders'] }],
      },
      { id: 3 },
    );
    const live = [
      serverEcho(pgSource(), { id: 1 }),
      serverEcho(snowflakeDest(), { id: 2 }),
      serverEcho({ ...tx, name: 'old-enrich' }, { id: 4 }),
      liveP,
    ];
    const d = desiredState([pgSource(), snowflakeDest(), { ...tx, previousNames: ['old-enrich'] }, p]);
    expect(changed(buildPlan(d, liveState(live), opts()))).toEqual(['update transform/enrich-orders']);
    const moreTopics = desiredState([
      pgSource(),
      snowflakeDest(),
      { ...tx, previousNames: ['old-enrich'] },
      { ...p, topics: ['public.orders', 'public.customers'] },
    ]);
    expect(action(buildPlan(moreTopics, liveState(live), opts()), 'pipeline/p').changes).toEqual([
      { path: 'topics', before: ['public.orders'], after: ['public.customers', 'public.orders'] },
    ]);
  });

  it('does not delete an owned object the manifests list as external', () => {
    const d = { ...desiredState([]), external: { source: ['orders-db'] } };
    const plan = buildPlan(d, liveState([serverEcho(pgSource(), { id: 1 })]), opts());
    expect(changed(plan)).toEqual([]);
    expect(plan.warnings.map((w) => w.code)).toEqual(['external-owned']);
  });

  it('refuses a pipeline whose external destination does not exist in the account', () => {
    const d = {
      ...desiredState([pgSource(), ordersPipeline()]),
      external: { destination: ['warehouse'] },
    };
    const missing = buildPlan(d, liveState([]), opts());
    expect(missing.errors.map((e) => [e.code, e.id, e.message])).toEqual([
      [
        'missing-external',
        'pipeline/orders-to-warehouse',
        'uses destination "warehouse", which is neither in the manifests nor in the account',
      ],
    ]);
    const present = buildPlan(
      d,
      liveState([serverEcho(snowflakeDest(), { id: 2, tags: ['other-team'] })]),
      opts(),
    );
    expect(present.errors).toEqual([]);
    // Not loaded: nothing to check against (apply, which loads every kind, reports it).
    const unloaded = buildPlan(d, liveState([], [], { loadedKinds: ['tag', 'source', 'pipeline'] }), opts());
    expect(unloaded.errors).toEqual([]);
  });

  it('never diffs volatile live fields (status, wire details, read-only config, fingerprint)', () => {
    const echo = serverEcho(pgSource(), { id: 1 });
    const noisy = {
      ...echo,
      live: {
        ...echo.live,
        status: 'Broken',
        wire: { version: 7, topic_ids: ['x'] },
        readOnlyConfig: { ssh_public_key: 'ssh-ed25519 X' },
        fingerprint: 'other',
      },
    };
    expect(changed(buildPlan(desiredState([pgSource()]), liveState([noisy]), opts()))).toEqual([]);
  });

  it('a live secret read back as null is unknown, unless --resend-secrets', () => {
    const live = [serverEcho(pgSource(), { id: 1, liveConfig: { database_password: null } })];
    expect(changed(buildPlan(desiredState([pgSource()]), liveState(live), opts()))).toEqual([]);
    const resent = action(
      buildPlan(desiredState([pgSource()]), liveState(live), opts({ resendSecrets: true })),
      'source/orders-db',
    );
    expect(resent.changes).toEqual([{ path: 'config.database_password', sensitive: true }]);
    expect(JSON.stringify(resent.desired)).not.toContain('pg-secret-1');
  });

  it('plans nothing against objects made the quickstart way (short keys, "1"/"0", numbers as text); a real change still shows', () => {
    const withBools = pgSource({}, { heartbeat_enabled: true, ssh_enabled: false, snapshot_read_only: 'No' });
    const live = liveState([
      serverEcho(withBools, { id: 1, spelling: 'quickstart' }),
      serverEcho(snowflakeDest(), { id: 2, spelling: 'quickstart' }),
    ]);
    expect(live.resources[0]?.live.shortKeys).toHaveProperty(['database.hostname'], 'db.internal');
    expect(changed(buildPlan(desiredState([withBools, snowflakeDest()]), live, opts()))).toEqual([]);
    const edited = pgSource({}, { heartbeat_enabled: false, ssh_enabled: false, database_port: 5433 });
    const plan = buildPlan(desiredState([edited, snowflakeDest()]), live, opts());
    expect(action(plan, 'source/orders-db').changes).toEqual([
      { path: 'config.database_port', before: 5432, after: 5433 },
      { path: 'config.heartbeat_enabled', before: true, after: false },
      { path: 'config.snapshot_read_only', before: 'No', after: 'Yes' },
    ]);
  });

  describe('a table list that stops capturing tables is destructive', () => {
    const TABLES = 'public.orders,public.customers';
    const withTables = (tables: string) => pgSource({}, { table_include_list: tables });
    const plan = (tables: string, live: ReturnType<typeof serverEcho>) =>
      buildPlan(desiredState([withTables(tables)]), liveState([live]), opts());

    it('adding a table is a plain update', () => {
      const p = plan(`${TABLES},public.refunds`, serverEcho(withTables(TABLES), { id: 1 }));
      expect(action(p, 'source/orders-db')).toMatchObject({ type: 'update', destructive: false });
      expect(p.destructive).toEqual([]);
    });

    it('dropping one, under the provider reading, names it and needs --allow-destructive', () => {
      const p = plan('public.orders', serverEcho(withTables(TABLES), { id: 1 }));
      expect(action(p, 'source/orders-db')).toMatchObject({
        type: 'update',
        destructive: true,
        reason: expect.stringContaining('stops capturing public.customers'),
      });
      expect(p.destructive).toEqual(['source/orders-db']);
    });

    it('under the quickstart reading: the short table.include.list the source holds counts too', () => {
      // .user.defined lists orders; the short list next to it (the quickstart's "existing" list) has customers too.
      const live = serverEcho(withTables('public.orders'), {
        id: 1,
        wireConfig: { 'table.include.list': TABLES },
      });
      const p = plan('public.orders,public.refunds', live);
      expect(action(p, 'source/orders-db').reason).toContain('stops capturing public.customers');
      const quickstart = serverEcho(withTables(TABLES), { id: 1, spelling: 'quickstart' });
      expect(action(plan('public.customers', quickstart), 'source/orders-db').reason).toContain(
        'stops capturing public.orders',
      );
    });

    it('an update that leaves the table list alone is not destructive', () => {
      const live = serverEcho(withTables('public.orders'), {
        id: 1,
        wireConfig: { 'table.include.list': TABLES },
      });
      const p = buildPlan(
        desiredState([pgSource({}, { table_include_list: 'public.orders', database_port: 5433 })]),
        liveState([live]),
        opts(),
      );
      expect(action(p, 'source/orders-db')).toMatchObject({ type: 'update', destructive: false });
    });
  });

  it('is deterministic', () => {
    const d = desiredState([pgSource(), snowflakeDest(), ordersPipeline()]);
    expect(JSON.stringify(buildPlan(d, liveState([]), opts()))).toBe(
      JSON.stringify(buildPlan(d, liveState([]), opts())),
    );
  });
});
