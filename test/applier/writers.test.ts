import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/applier/index.js';
import { SafetyError, UserError } from '../../src/errors/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import { SecretValue } from '../../src/model/index.js';
import type { LiveOf, LiveResource, PlanAction, ResourceKey } from '../../src/model/index.js';
import { hmacSecret } from '../../src/planner/secret-hmac.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { liveMeta, liveState, planOf, recordingClient, tag, type Call } from './fake-client.js';

const KEY = 'plan-key';
const OWN = tag('aaaaaaaaaaaaaaaaaaaaaa01', 'gitops:team');
const ENV = { PG_PASSWORD: 'hunter2-unique-secret' };
const secretRef = (name: string, value: string) => ({
  $secret: { ref: `env:${name}`, hmac: hmacSecret(KEY, value) },
});

function act(
  id: ResourceKey,
  type: PlanAction['type'],
  desired?: Record<string, unknown>,
  extra: Partial<PlanAction> = {},
): PlanAction {
  const [kind, name] = id.split('/') as [PlanAction['kind'], string];
  return {
    id,
    kind,
    name,
    type,
    changes: [],
    dependsOn: [],
    destructive: false,
    protected: false,
    ...(desired ? { desired: desired as unknown as NonNullable<PlanAction['desired']> } : {}),
    ...extra,
  } as PlanAction;
}

const pgDesired = {
  name: 'orders-db',
  connector: 'postgresql',
  config: {
    database_hostname: 'db.internal',
    database_port: 5433,
    database_user: 'streamkap',
    database_password: secretRef('PG_PASSWORD', ENV.PG_PASSWORD),
    database_dbname: 'shop',
    schema_include_list: 'public',
    table_include_list: ['public.orders', 'public.customers'],
    heartbeat_enabled: false,
  },
  extraConfig: { 'some.future.key': 'x' },
  tags: ['gitops:team'],
};

async function run(
  actions: PlanAction[],
  opts: {
    live?: LiveResource[];
    responders?: Parameters<typeof recordingClient>[0];
    env?: Record<string, string>;
  } = {},
) {
  const client = recordingClient(opts.responders);
  const clock = new FakeClock();
  const report = await applyPlan(planOf(actions), {
    client,
    live: liveState(opts.live ?? [], [OWN, tag('aaaaaaaaaaaaaaaaaaaaaa02', 'Production')]),
    env: opts.env ?? ENV,
    logger: silentLogger(),
    parallelism: 4,
    failFast: false,
    planKey: KEY,
    jobPollIntervalMs: 1,
    jobTimeoutMs: 2000,
    clock,
  });
  return { client, report, calls: client.calls, clock };
}

const find = (calls: Call[], method: string, path: string): Call => {
  const c = calls.find((x) => x.method === method && x.path === path);
  if (!c) throw new Error(`no ${method} ${path} in ${calls.map((x) => `${x.method} ${x.path}`).join(', ')}`);
  return c;
};

describe('source and destination bodies', () => {
  it('create: wire keys, native types, defaults, revealed secret, no read-only keys, created_from', async () => {
    const { calls, report } = await run([act('source/orders-db', 'create', pgDesired)]);
    expect(report.summary.succeeded).toBe(1);
    const post = find(calls, 'POST', '/sources');
    expect(post.query).toEqual({ secret_returned: true, wait: false });
    const body = post.body as { config: Record<string, unknown> } & Record<string, unknown>;
    expect(body).toMatchObject({
      name: 'orders-db',
      connector: 'postgresql',
      created_from: 'api',
      tags: [OWN.id],
    });
    expect(body.config).toMatchObject({
      'database.hostname.user.defined': 'db.internal',
      'database.port.user.defined': 5433,
      'database.password': ENV.PG_PASSWORD,
      'table.include.list.user.defined': 'public.orders,public.customers',
      'heartbeat.enabled': false,
      'slot.name': 'streamkap_pgoutput_slot',
      'ssh.port': 22,
      'some.future.key': 'x',
    });
    expect(Object.keys(body.config)).not.toContain('ssh.public.key.user.displayed');
    expect(Object.keys(body.config)).not.toContain('database_hostname');
    expect(typeof post.options.lookupAfterFailure).toBe('function');
  });

  it('update: the whole config, manifest else default else live, live extra keys kept, no created_from', async () => {
    const live: LiveResource = {
      kind: 'source',
      name: 'orders-db',
      connector: 'postgresql',
      config: {
        database_hostname: 'old.internal',
        database_password: new SecretValue('old-secret'),
        column_include_list: 'server.filled',
        slot_name: 'custom_slot',
      },
      extraConfig: {},
      tags: ['gitops:team'],
      protected: false,
      previousNames: [],
      live: liveMeta('bbbbbbbbbbbbbbbbbbbbbb01', { extraConfig: { 'live.only.key': 7 }, tagIds: [OWN.id] }),
    };
    const desired = { ...pgDesired, config: { database_hostname: 'new.internal' }, extraConfig: {} };
    const { calls } = await run([act('source/orders-db', 'update', desired, { liveId: live.live.id })], {
      live: [live],
    });
    const put = find(calls, 'PUT', `/sources/${live.live.id}`);
    const body = put.body as { config: Record<string, unknown> } & Record<string, unknown>;
    expect(body).not.toHaveProperty('created_from');
    expect(body.config).toMatchObject({
      'database.hostname.user.defined': 'new.internal',
      'database.password': 'old-secret',
      'column.include.list.user.defined': 'server.filled',
      // A key with a static default goes back to it (the planner resets removed keys, rule 3).
      'slot.name': 'streamkap_pgoutput_slot',
      'live.only.key': 7,
    });
  });

  it('refuses (SafetyError) before any write when a secret changed since planning', async () => {
    const client = recordingClient();
    const run = applyPlan(planOf([act('source/orders-db', 'create', pgDesired)]), {
      client,
      live: liveState([], [OWN]),
      env: { PG_PASSWORD: 'a-different-value' },
      logger: silentLogger(),
      parallelism: 1,
      failFast: false,
      planKey: KEY,
    });
    await expect(run).rejects.toThrow(SafetyError);
    await expect(run).rejects.not.toThrow('a-different-value');
    expect(client.calls).toEqual([]);
  });

  it('a missing secret variable is a user error naming the variable, not the value', async () => {
    const run2 = run([act('source/orders-db', 'create', pgDesired)], { env: {} });
    await expect(run2).rejects.toThrow(UserError);
    await expect(run2).rejects.toThrow('PG_PASSWORD');
  });

  it('the lookup after a lost create takes only our own namesake', async () => {
    const owned = { id: 'cccccccccccccccccccccc01', name: 'orders-db', tags: [OWN.id] };
    const foreign = { id: 'cccccccccccccccccccccc02', name: 'orders-db', tags: [] };
    const { calls } = await run([act('source/orders-db', 'create', pgDesired)], {
      responders: { 'GET /sources': () => [foreign, { ...owned, name: 'orders-db-2' }] },
    });
    const lookup = find(calls, 'POST', '/sources').options.lookupAfterFailure as () => Promise<unknown>;
    expect(await lookup()).toBeUndefined();
    const { calls: calls2 } = await run([act('source/orders-db', 'create', pgDesired)], {
      responders: { 'GET /sources': () => [foreign, owned] },
    });
    const lookup2 = find(calls2, 'POST', '/sources').options.lookupAfterFailure as () => Promise<unknown>;
    expect(await lookup2()).toEqual(owned);
  });
});

describe('pipelines', () => {
  const srcId = 'dddddddddddddddddddddd01';
  const liveTx: LiveResource = {
    kind: 'transform',
    name: 'mask',
    type: 'map_filter',
    config: {},
    extraConfig: {},
    tags: [],
    protected: false,
    previousNames: [],
    live: liveMeta('eeeeeeeeeeeeeeeeeeeeee01'),
  };

  it('resolves ids from earlier creates, flattens transforms with topic ids, always sends the lists', async () => {
    const actions = [
      act('source/orders-db', 'create', pgDesired),
      act('destination/wh', 'create', {
        name: 'wh',
        connector: 'snowflake',
        config: {},
        extraConfig: {},
        tags: ['gitops:team'],
      }),
      act(
        'pipeline/orders',
        'create',
        {
          name: 'orders',
          source: 'orders-db',
          destination: 'wh',
          topics: ['public.orders', 'public.customers'],
          transforms: [{ name: 'mask', topics: ['public.orders', 'public.customers'] }],
          topicAutoDiscovery: [],
          snapshotNewTables: false,
          tags: ['gitops:team', 'Production'],
        },
        { dependsOn: ['source/orders-db', 'destination/wh'] },
      ),
    ];
    const { calls, report } = await run(actions, {
      live: [liveTx],
      responders: {
        'POST /sources': () => ({ id: srcId }),
        'POST /destinations': () => ({ id: 'dddddddddddddddddddddd02' }),
        [`GET /transforms/${liveTx.live.id}`]: (c) => {
          expect(c.query).toMatchObject({ unwind_topics: false });
          return {
            result: [
              { id: liveTx.live.id, topics: ['public.orders'], topic_ids: ['transform_x_1.public.orders'] },
            ],
          };
        },
      },
    });
    expect(report.summary.failed).toBe(0);
    const body = find(calls, 'POST', '/pipelines').body as Record<string, unknown>;
    expect(body).toEqual({
      name: 'orders',
      snapshot_new_tables: false,
      tags: [OWN.id, 'aaaaaaaaaaaaaaaaaaaaaa02'],
      created_from: 'api',
      source: {
        id: srcId,
        name: 'orders-db',
        connector: 'postgresql',
        topics: ['public.orders', 'public.customers'],
      },
      destination: { id: 'dddddddddddddddddddddd02', name: 'wh', connector: 'snowflake' },
      transforms: [
        {
          id: liveTx.live.id,
          name: 'mask',
          start_time: null,
          topic: 'public.orders',
          topic_id: 'transform_x_1.public.orders',
        },
        {
          id: liveTx.live.id,
          name: 'mask',
          start_time: null,
          topic: 'public.customers',
          topic_id: `source_${srcId}.public.customers`,
        },
      ],
      topic_auto_discovery_transforms: [],
    });
  });

  it('a reference to an unknown source fails the pipeline with a hint, and nothing is posted', async () => {
    const { calls, report } = await run([
      act('pipeline/p', 'create', {
        name: 'p',
        source: 'nope',
        destination: 'nope2',
        transforms: [],
        topicAutoDiscovery: [],
        snapshotNewTables: true,
        tags: [],
      }),
    ]);
    expect(report.results[0]).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('source "nope"') },
    });
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });
});

describe('replace', () => {
  it('replace of a destination used by a pipeline: never deletes what a pipeline still uses', async () => {
    const oldDest: LiveResource = {
      kind: 'destination',
      name: 'wh',
      connector: 'snowflake',
      config: {},
      extraConfig: {},
      tags: ['gitops:team'],
      protected: false,
      previousNames: [],
      live: liveMeta('ffffffffffffffffffffff01'),
    };
    const src: LiveResource = {
      ...oldDest,
      kind: 'source',
      name: 's',
      connector: 'postgresql',
      live: liveMeta('ffffffffffffffffffffff02'),
    } as LiveResource;
    const pipe: LiveResource = {
      kind: 'pipeline',
      name: 'p',
      source: 's',
      destination: 'wh',
      topics: ['public.a'],
      transforms: [],
      topicAutoDiscovery: [],
      snapshotNewTables: true,
      // The namespace's own pipeline: a replace never repoints another's.
      tags: ['gitops:team'],
      protected: false,
      previousNames: [],
      live: liveMeta('ffffffffffffffffffffff03'),
    };
    const actions = [
      act(
        'destination/wh',
        'replace',
        { name: 'wh', connector: 'clickhouse', config: {}, extraConfig: {}, tags: ['gitops:team'] },
        { liveId: oldDest.live.id },
      ),
      act(
        'pipeline/p',
        'update',
        {
          name: 'p',
          source: 's',
          destination: 'wh',
          transforms: [],
          topicAutoDiscovery: [],
          snapshotNewTables: true,
          tags: ['gitops:team'],
        },
        { liveId: pipe.live.id, dependsOn: ['destination/wh'] },
      ),
    ];
    const { calls } = await run(actions, {
      live: [oldDest, src, pipe],
      responders: { 'POST /destinations': () => ({ id: 'ffffffffffffffffffffff09' }) },
    });
    const writes = calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`);
    const newId = 'ffffffffffffffffffffff09';
    // The old destination is deleted only once no pipeline uses it: new one under a temporary
    // name, pipeline repointed, old deleted, new renamed, then the pipeline's own planned update.
    expect(writes).toEqual([
      'POST /destinations',
      `PUT /pipelines/${pipe.live.id}`,
      `DELETE /destinations/${oldDest.live.id}`,
      `PUT /destinations/${newId}`,
      `PUT /pipelines/${pipe.live.id}`,
    ]);
    const writeCalls = calls.filter((c) => c.method !== 'GET');
    expect(writeCalls[0]?.body).toMatchObject({ name: 'wh-gitops-replacing', connector: 'clickhouse' });
    expect(writeCalls[1]?.body).toMatchObject({
      name: 'p',
      destination: { id: newId, name: 'wh', connector: 'clickhouse' },
      source: { id: src.live.id, topics: ['public.a'] },
    });
    expect(writeCalls[3]?.body).toMatchObject({ name: 'wh', connector: 'clickhouse' });
    const body = writeCalls[4]?.body as { destination: unknown; source: { topics: unknown } };
    expect(body.destination).toEqual({ id: newId, name: 'wh', connector: 'clickhouse' });
    expect(body.source.topics).toEqual(['public.a']);
  });

  it('replace of an object no pipeline uses: delete, then create under the same name', async () => {
    const old: LiveResource = {
      kind: 'destination',
      name: 'lone',
      connector: 'snowflake',
      config: {},
      extraConfig: {},
      tags: ['gitops:team'],
      protected: false,
      previousNames: [],
      live: liveMeta('ffffffffffffffffffffff11'),
    };
    const { calls } = await run(
      [
        act(
          'destination/lone',
          'replace',
          { name: 'lone', connector: 'clickhouse', config: {}, extraConfig: {}, tags: ['gitops:team'] },
          { liveId: old.live.id },
        ),
      ],
      { live: [old] },
    );
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `DELETE /destinations/${old.live.id}`,
      'POST /destinations',
    ]);
    expect(calls[1]?.body).toMatchObject({ name: 'lone' });
  });
});

describe('transforms', () => {
  const txDesired = {
    name: 'mask',
    type: 'map_filter',
    config: {},
    extraConfig: {},
    implementation: { value_transform: 'function f(x) { return x }' },
    tags: ['gitops:team'],
  };

  it('create: POST, upload the code, deploy preview then live, wait for RUNNING', async () => {
    let polls = 0;
    const { calls, report, clock } = await run([act('transform/mask', 'create', txDesired)], {
      responders: {
        'POST /transforms': () => ({ id: 'abababababababababab0001' }),
        'GET /transforms/abababababababababab0001/job_status': () => ({
          status: ++polls < 3 ? 'DEPLOYING' : 'RUNNING',
        }),
      },
    });
    expect(report.summary.succeeded).toBe(1);
    const seq = calls.map((c) => `${c.method} ${c.path}`);
    expect(seq).toEqual([
      'POST /transforms',
      'PUT /transforms/abababababababababab0001/implementation_details',
      'PUT /transforms/abababababababababab0001/deploy-job-preview/no-version',
      'PUT /transforms/abababababababababab0001/deploy-job-live/no-version',
      'GET /transforms/abababababababababab0001/job_status',
      'GET /transforms/abababababababababab0001/job_status',
      'GET /transforms/abababababababababab0001/job_status',
    ]);
    expect(clock.sleeps).toEqual([1, 2]);
    expect(calls[0]?.body).toMatchObject({
      transform: 'map_filter',
      created_from: 'api',
      config: { 'transforms.name': 'mask' },
    });
    // The code object in the documented shape, with the config's language (api-notes §3.3).
    expect(calls[1]?.body).toEqual({
      transform_id: 'abababababababababab0001',
      implementation: { language: 'JAVASCRIPT', ...txDesired.implementation },
    });
  });

  it('a FAILED job fails the action', async () => {
    const { report } = await run([act('transform/mask', 'create', txDesired)], {
      responders: {
        'POST /transforms': () => ({ id: 'abababababababababab0001' }),
        'GET /transforms/abababababababababab0001/job_status': () => ({ status: 'FAILED' }),
      },
    });
    expect(report.results[0]).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('FAILED') },
    });
  });

  it('a job that never reaches RUNNING fails the action at the timeout with its last status', async () => {
    const { report, clock } = await run([act('transform/mask', 'create', txDesired)], {
      responders: {
        'POST /transforms': () => ({ id: 'abababababababababab0001' }),
        'GET /transforms/abababababababababab0001/job_status': () => ({ status: 'DEPLOYING' }),
      },
    });
    expect(report.results[0]).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('not RUNNING after 2 s (last status DEPLOYING)') },
    });
    // Polls back off from 1 ms, doubling, until the 2 s deadline has passed.
    expect(clock.sleeps).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]);
  });

  const liveTx = (implementation?: Record<string, string>): LiveOf<'transform'> => ({
    kind: 'transform',
    name: 'mask',
    type: 'map_filter',
    config: {},
    extraConfig: {},
    implementation,
    tags: [],
    protected: false,
    previousNames: [],
    live: liveMeta('abababababababababab0002'),
  });
  const byIdPath = '/transforms/abababababababababab0002';
  /** GET by id answers the envelope of one row holding `implementation` (api-notes §2.2). */
  const byId = (implementation: unknown) => ({
    [`GET ${byIdPath}`]: () => ({ result: [{ id: 'abababababababababab0002', implementation }] }),
    [`GET ${byIdPath}/job_status`]: () => ({ status: 'RUNNING' }),
  });
  const seqOf = (calls: readonly Call[]) => calls.map((c) => `${c.method} ${c.path}`);

  it('update without managed code: GET by id, then PUT echoing the code it read (not the list row)', async () => {
    const code = { language: 'JAVASCRIPT', value_transform: 'live code' };
    // The list row carried no implementation (live.implementation undefined): the GET by id has it.
    const live = liveTx(undefined);
    const { calls, report } = await run(
      [
        act(
          'transform/mask',
          'update',
          { ...txDesired, implementation: undefined },
          { liveId: live.live.id, changes: [{ path: 'tags', after: ['gitops:team'] }] },
        ),
      ],
      { live: [live], responders: byId(code) },
    );
    expect(report.summary.succeeded).toBe(1);
    expect(seqOf(calls)).toEqual([`GET ${byIdPath}`, 'PUT /transforms']);
    expect(calls[0]?.query).toEqual({ secret_returned: true, unwind_topics: false });
    expect(calls[1]?.body).toMatchObject({ id: live.live.id, transform: 'map_filter', implementation: code });
  });

  it('update with managed code: the code keys the manifest does not manage are kept, upload included', async () => {
    const live = liveTx({ value_transform: 'old' });
    const current = { language: 'JAVASCRIPT', value_transform: 'old', topic_transform: 'route()' };
    const { calls } = await run(
      [
        act('transform/mask', 'update', txDesired, {
          liveId: live.live.id,
          changes: [{ path: 'implementation.value_transform', before: 'old', after: 'new' }],
        }),
      ],
      { live: [live], responders: byId(current) },
    );
    const sent = { ...current, value_transform: txDesired.implementation.value_transform };
    expect(seqOf(calls).slice(0, 3)).toEqual([
      `GET ${byIdPath}`,
      'PUT /transforms',
      `PUT ${byIdPath}/implementation_details`,
    ]);
    expect((calls[1]?.body as { implementation: unknown }).implementation).toEqual(sent);
    expect(calls[2]?.body).toEqual({ transform_id: live.live.id, implementation: sent });
  });

  it("code without a language gets the config's (Python; a SQL type's SQL); a live language stays", async () => {
    // Code written before the language was sent: the config says Python.
    const python = liveTx({ value_transform: 'old' });
    const { calls } = await run(
      [
        act(
          'transform/mask',
          'update',
          { ...txDesired, config: { transforms_language: 'Python' } },
          { liveId: python.live.id, changes: [{ path: 'config.transforms_language', after: 'Python' }] },
        ),
        act('transform/daily', 'create', { ...txDesired, name: 'daily', type: 'rollup' }),
      ],
      {
        live: [python],
        responders: {
          ...byId(python.implementation),
          'POST /transforms': () => ({ id: 'abababababababababab0003' }),
          'GET /transforms/abababababababababab0003/job_status': () => ({ status: 'RUNNING' }),
        },
      },
    );
    const put = calls.find((c) => c.method === 'PUT' && c.path === '/transforms');
    expect((put?.body as { implementation: unknown }).implementation).toEqual({
      language: 'PYTHON',
      value_transform: txDesired.implementation.value_transform,
    });
    const upload = calls.find(
      (c) => c.path === '/transforms/abababababababababab0003/implementation_details',
    );
    expect(upload?.body).toMatchObject({ implementation: { language: 'SQL' } });
  });

  it('a language the live code holds is echoed as it is', async () => {
    const live = liveTx({ language: 'PYTHON', value_transform: 'old' });
    const { calls } = await run(
      [
        act('transform/mask', 'update', txDesired, {
          liveId: live.live.id,
          changes: [{ path: 'implementation.value_transform', before: 'old', after: 'new' }],
        }),
      ],
      { live: [live], responders: byId(live.implementation) },
    );
    expect((calls[1]?.body as { implementation: unknown }).implementation).toEqual({
      language: 'PYTHON',
      value_transform: txDesired.implementation.value_transform,
    });
  });

  it('a transform gone since the plan (GET by id empty) fails its action, and nothing is written', async () => {
    const live = liveTx({ value_transform: 'old' });
    const { calls, report } = await run(
      [
        act('transform/mask', 'update', txDesired, {
          liveId: live.live.id,
          changes: [{ path: 'tags', after: ['gitops:team'] }],
        }),
      ],
      { live: [live], responders: { [`GET ${byIdPath}`]: () => ({ result: [] }) } },
    );
    expect(seqOf(calls)).toEqual([`GET ${byIdPath}`]);
    expect(report.results[0]).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('no longer exists; it was not updated') },
    });
  });

  it('topic_router has no code and no job', async () => {
    const { calls } = await run([
      act('transform/route', 'create', {
        ...txDesired,
        name: 'route',
        type: 'topic_router',
        implementation: undefined,
      }),
    ]);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /transforms']);
  });
});
