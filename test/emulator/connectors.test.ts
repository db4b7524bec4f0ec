import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../helpers/fake-clock.js';
import { PG_CONFIG, destinationBody, sourceBody, startHarness, type Harness } from './helpers.js';

let h: Harness;
// Settling by time runs on a virtual clock, moved forward by the test.
const clock = new FakeClock();
beforeAll(async () => {
  h = await startHarness({ settleReads: 2, now: clock.now });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control('POST', '/reset');
});

describe('emulator api-notes §8.3: writes return the bare object with server fields', () => {
  it('fills ids, timestamps, account ids, display name, topics and status; ignores a body id', async () => {
    const r = await h.call('POST', '/sources', sourceBody('pg-main', { id: 'client-chosen', tags: [] }));
    expect(r.status).toBe(200);
    const s = r.body;
    expect(s).not.toHaveProperty('result');
    expect(s.id).toMatch(/^[0-9a-f]{24}$/);
    expect(s.id).not.toBe('client-chosen');
    for (const key of ['created_timestamp', 'sub_id', 'tenant_id', 'service_id', 'tasks', 'task_statuses']) {
      expect(s).toHaveProperty(key);
    }
    expect(s.connector_display_name).toBe('PostgreSQL');
    expect(s.topics).toEqual(['public.orders', 'public.customers']);
    expect(s.topic_ids).toEqual([`source_${s.id}.public.orders`, `source_${s.id}.public.customers`]);
    expect(s.topic_map[`source_${s.id}.public.orders`]).toBe('public.orders');
    expect(s.connector_status).toBe('Active');
    expect(s.tags).toBeNull();
  });

  it('derives topic names per connector family (schema prefix, DynamoDB default.)', async () => {
    const pg = await h.call(
      'POST',
      '/sources',
      sourceBody('pg-bare', {
        config: { ...PG_CONFIG, 'schema.include.list': 'sales', 'table.include.list.user.defined': 'orders' },
      }),
    );
    expect(pg.body.topics).toEqual(['sales.orders']);
    const ddb = await h.call('POST', '/sources', {
      name: 'ddb',
      connector: 'dynamodb',
      config: {
        'aws.region': 'eu-west-1',
        'aws.access.key.id': 'AK',
        'aws.secret.key': 'SK',
        's3.export.bucket.name': 'b',
        'table.include.list.user.defined': 'Orders',
      },
    });
    expect(ddb.body.topics).toEqual(['default.Orders']);
  });

  it('answers PUT with the object and DELETE with a JSON body', async () => {
    const s = (await h.call('POST', '/sources', sourceBody('pg-main'))).body;
    const put = await h.call('PUT', `/sources/${s.id}`, { ...sourceBody('pg-renamed'), id: '' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: s.id, name: 'pg-renamed' });
    const del = await h.call(
      'DELETE',
      `/destinations/${(await h.call('POST', '/destinations', destinationBody('sf'))).body.id}`,
    );
    expect(del.status).toBe(200);
    expect(del.headers.get('content-type')).toContain('application/json');
    expect(del.body).toMatchObject({ deleted: true });
  });

  it('replaces config on PUT by default and merges it in merge mode', async () => {
    const s = (await h.call('POST', '/sources?secret_returned=true', sourceBody('pg-main'))).body;
    await h.call('PUT', `/sources/${s.id}`, sourceBody('pg-main', { config: { 'database.user': 'only' } }));
    let read = (await h.call('GET', `/sources/${s.id}?secret_returned=true`)).body.result[0];
    expect(read.config['database.user']).toBe('only');
    expect(read.config['database.password']).toBeNull();
    await h.control('POST', '/faults', { putConfig: 'merge' });
    await h.call('PUT', `/sources/${s.id}`, sourceBody('pg-main', { config: { 'database.password': 'x2' } }));
    read = (await h.call('GET', `/sources/${s.id}?secret_returned=true`)).body.result[0];
    expect(read.config).toMatchObject({ 'database.user': 'only', 'database.password': 'x2' });
  });

  it('echoes the new config on PUT even right after a read of the old one', async () => {
    const s = (await h.call('POST', '/sources', sourceBody('pg-main'))).body;
    await h.call('GET', `/sources/${s.id}`);
    const put = await h.call(
      'PUT',
      `/sources/${s.id}`,
      sourceBody('pg-main', { config: { ...PG_CONFIG, 'database.user': 'new-user' } }),
    );
    expect(put.body.config['database.user']).toBe('new-user');
  });

  it('refuses to change the connector type of a source on PUT', async () => {
    const s = (await h.call('POST', '/sources', sourceBody('pg-main'))).body;
    const r = await h.call('PUT', `/sources/${s.id}`, { ...sourceBody('pg-main'), connector: 'mysql' });
    expect(r.status).toBe(400);
  });
});

describe('emulator api-notes §8.4: secret_returned', () => {
  it('returns plaintext with secret_returned=true and never-set secrets as null', async () => {
    const d = (await h.call('POST', '/destinations?secret_returned=true', destinationBody('sf'))).body;
    expect(d.config['snowflake.private.key']).toBe('sf-private-key');
    expect(d.config['snowflake.private.key.passphrase']).toBeNull();
    const read = (await h.call('GET', `/destinations/${d.id}?secret_returned=true`)).body.result[0];
    expect(read.config['snowflake.private.key']).toBe('sf-private-key');
  });

  it.each([
    ['mask', '********'],
    ['null', null],
  ])('withholds secrets without the flag (mode %s)', async (mode, expected) => {
    await h.control('POST', '/faults', { secretMask: mode });
    const s = (await h.call('POST', '/sources', sourceBody('pg-main'))).body;
    expect(s.config['database.password']).toBe(expected);
    const list = await h.call('GET', '/sources');
    expect(list.text).not.toContain('pg-s3cret');
  });

  it('omits secrets entirely in omit mode', async () => {
    await h.control('POST', '/faults', { secretMask: 'omit' });
    const s = (
      await h.call('GET', `/sources/${(await h.call('POST', '/sources', sourceBody('pg'))).body.id}`)
    ).body.result[0];
    expect(s.config).not.toHaveProperty('database.password');
  });
});

describe('emulator api-notes §8.5: wait=false settles from Pending to Active', () => {
  it('shows Pending on the echo and the next reads, then Active', async () => {
    const s = (await h.call('POST', '/sources?wait=false', sourceBody('pg-main'))).body;
    expect(s.connector_status).toBe('Pending');
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await h.call('GET', `/sources/${s.id}`)).body.result[0].connector_status);
    expect(statuses).toEqual(['Pending', 'Pending', 'Active']);
  });

  it('shows Pending Update after a wait=false PUT, and Active at once without wait=false', async () => {
    const s = (await h.call('POST', '/sources', sourceBody('pg-main'))).body;
    expect(s.connector_status).toBe('Active');
    const put = (await h.call('PUT', `/sources/${s.id}?wait=false`, sourceBody('pg-main'))).body;
    expect(put.connector_status).toBe('Pending Update');
    expect(put.desired_state).toBe('Pending Update');
  });

  it('settles after a delay when configured with settleDelayMs', async () => {
    await h.control('POST', '/faults', { settleReads: 1000, settleDelayMs: 1000 });
    const s = (await h.call('POST', '/sources?wait=false', sourceBody('pg-main'))).body;
    const status = async (): Promise<string> =>
      (await h.call('GET', `/sources/${s.id}`)).body.result[0].connector_status;
    clock.advance(999);
    expect(await status()).toBe('Pending');
    clock.advance(1);
    expect(await status()).toBe('Active');
  });
});

describe('emulator api-notes §8.7: duplicate names', () => {
  it('answers a duplicate source or destination with 422 and a string detail', async () => {
    await h.call('POST', '/sources', sourceBody('pg-main'));
    const r = await h.call('POST', '/sources', sourceBody('pg-main'));
    expect(r.status).toBe(422);
    expect(r.body.detail).toEqual(expect.stringContaining('already exists'));
    await h.call('POST', '/destinations', destinationBody('sf'));
    expect((await h.call('POST', '/destinations', destinationBody('sf'))).body.detail).toContain(
      'already exists',
    );
  });

  it('refuses renaming onto another name with 422', async () => {
    await h.call('POST', '/sources', sourceBody('a'));
    const b = (await h.call('POST', '/sources', sourceBody('b'))).body;
    const r = await h.call('PUT', `/sources/${b.id}`, sourceBody('a'));
    expect(r.status).toBe(422);
    expect(r.body.detail).toContain('already exists');
  });

  it('collides with a hidden sibling-service namesake that never lists', async () => {
    await h.control('POST', '/faults', { hiddenNames: { source: ['ghost'] } });
    const r = await h.call('POST', '/sources', sourceBody('ghost'));
    expect(r.status).toBe(422);
    expect(r.body.detail).toContain('already exists');
    expect((await h.call('GET', '/sources?partial_name=ghost')).body.total).toBe(0);
  });

  it('allowDuplicateNames: a second source or destination with a taken name is created', async () => {
    await h.control('POST', '/faults', { allowDuplicateNames: true });
    for (const [path, body] of [
      ['/sources', sourceBody('pg-main')],
      ['/destinations', destinationBody('sf')],
    ] as const) {
      const ids = [(await h.call('POST', path, body)).body.id, (await h.call('POST', path, body)).body.id];
      expect(new Set(ids).size).toBe(2);
    }
    expect((await h.call('GET', '/sources?partial_name=pg-main')).body.total).toBe(2);
  });
});

describe('emulator api-notes §8.8: read-side normalisation', () => {
  it('fills missing keys with catalogue defaults, string-encoded, and ports as strings', async () => {
    const s = (await h.call('POST', '/sources', sourceBody('pg-main'))).body;
    expect(s.config['slot.name']).toBe('streamkap_pgoutput_slot');
    expect(s.config['heartbeat.enabled']).toBe('true');
    expect(s.config['streamkap.snapshot.parallelism']).toBe('1');
    expect(s.config['database.port.user.defined']).toBe('5432');
  });

  it('keeps user numbers native in defaults mode, stringifies every scalar in all mode, none in none mode', async () => {
    const body = sourceBody('pg', { config: { ...PG_CONFIG, 'streamkap.snapshot.parallelism': 4 } });
    let s = (await h.call('POST', '/sources', body)).body;
    expect(s.config['streamkap.snapshot.parallelism']).toBe(4);
    await h.control('POST', '/faults', { stringEncoding: 'all' });
    s = (await h.call('GET', `/sources/${s.id}`)).body.result[0];
    expect(s.config['streamkap.snapshot.parallelism']).toBe('4');
    await h.control('POST', '/faults', { stringEncoding: 'none' });
    s = (await h.call('GET', `/sources/${s.id}`)).body.result[0];
    expect(s.config['heartbeat.enabled']).toBe(true);
    expect(s.config['database.port.user.defined']).toBe(5432);
  });

  it('resolves <SSH.PUBLIC.KEY> to a fake ssh-ed25519 key and fills the read-only displayed key', async () => {
    const s = (
      await h.call(
        'POST',
        '/sources',
        sourceBody('pg', { config: { ...PG_CONFIG, 'ssh.host': '<SSH.PUBLIC.KEY>' } }),
      )
    ).body;
    expect(s.config['ssh.public.key.user.displayed']).toMatch(/^ssh-ed25519 AAAA\S+ /);
    expect(s.config['ssh.host']).toMatch(/^ssh-ed25519 /);
  });

  it('adds derived non-user keys next to their .user.defined twins', async () => {
    const s = (await h.call('POST', '/sources', sourceBody('pg'))).body;
    expect(s.config['database.hostname']).toBe('db.internal');
    expect(s.config['database.hostname.user.defined']).toBe('db.internal');
  });

  it('quickstartKeys: stores the short keys as sent, fills no .user.defined default next to them, and derives topics from them', async () => {
    await h.control('POST', '/faults', { quickstartKeys: true, stringEncoding: 'all', booleanText: '1-0' });
    const config = {
      'database.hostname': 'db.internal',
      'database.port': '5433',
      'database.user': 'streamkap',
      'database.password': 'pg-s3cret',
      'database.dbname': 'shop',
      'schema.include.list': 'public',
      'table.include.list': 'public.orders',
      'heartbeat.enabled': 'yes',
    };
    const s = (await h.call('POST', '/sources', sourceBody('pg', { config }))).body;
    expect(s.config).toMatchObject({
      'database.port': '5433',
      'heartbeat.enabled': 'yes',
      'ssh.enabled': '0',
    });
    expect(s.config).not.toHaveProperty('database.port.user.defined');
    expect(s.config).not.toHaveProperty('table.include.list.user.defined');
    expect(s.topics).toEqual(['public.orders']);
    // The quickstart's reading of table.include.list.user.defined: tables added to the existing list.
    const put = {
      ...sourceBody('pg'),
      config: { ...config, 'table.include.list.user.defined': 'public.refunds' },
    };
    const updated = (await h.call('PUT', `/sources/${s.id}`, put)).body;
    expect(updated.topics).toEqual(['public.refunds', 'public.orders']);
  });

  it('quickstartKeys: a short key that is not of its field type is a 422, like its .user.defined twin', async () => {
    await h.control('POST', '/faults', { quickstartKeys: true });
    const config = { ...PG_CONFIG, 'database.port.user.defined': undefined, 'database.port': 'five' };
    const r = await h.call('POST', '/sources', sourceBody('pg', { config }));
    expect(r.status).toBe(422);
    expect(r.body.detail[0].loc).toEqual(['body', 'config', 'database.port']);
  });

  it('derives mongodb.connection.hostname from the connection string', async () => {
    const s = (
      await h.call('POST', '/sources', {
        name: 'mongo',
        connector: 'mongodb',
        config: {
          'mongodb.connection.string.user.defined':
            'mongodb+srv://u:p@cluster0.example.net/?retryWrites=true',
          'database.include.list': 'shop',
          'collection.include.list.user.defined': 'shop.orders',
        },
      })
    ).body;
    expect(s.config['mongodb.connection.hostname']).toBe('cluster0.example.net');
    expect(s.config['mongodb.connection.string.user.defined']).toBe('********');
  });

  it('backfills MarkColumnsAsOptional on destinations fed by MongoDB/DynamoDB/DocumentDB, except s3-like ones', async () => {
    const mongo = (
      await h.call('POST', '/sources', {
        name: 'mongo',
        connector: 'mongodb',
        config: {
          'mongodb.connection.string.user.defined': 'mongodb://h/',
          'database.include.list': 'shop',
          'collection.include.list.user.defined': 'shop.orders',
        },
      })
    ).body;
    const pgSrc = (await h.call('POST', '/sources', sourceBody('pg'))).body;
    const sf = (await h.call('POST', '/destinations', destinationBody('sf'))).body;
    const sfPg = (await h.call('POST', '/destinations', destinationBody('sf-pg'))).body;
    const s3 = (
      await h.call('POST', '/destinations', {
        name: 's3',
        connector: 's3',
        config: {
          'aws.access.key.id': 'a',
          'aws.secret.access.key': 'b',
          'aws.s3.region': 'us-east-1',
          'aws.s3.bucket.name': 'x',
        },
      })
    ).body;
    const key = 'transforms.MarkColumnsAsOptional.fields.include.list';
    expect(sf.config[key]).toBeUndefined();
    for (const [name, src, dest] of [
      ['p1', mongo, sf],
      ['p2', mongo, s3],
      ['p3', pgSrc, sfPg],
    ] as const) {
      const r = await h.call('POST', '/pipelines', {
        name,
        source: { id: src.id, topics: [] },
        destination: { id: dest.id },
        transforms: [],
        topic_auto_discovery_transforms: [],
        snapshot_new_tables: true,
      });
      expect(r.status).toBe(200);
    }
    const read = async (id: string) =>
      (await h.call('GET', `/destinations/${id}`)).body.result[0].config[key];
    expect(await read(sf.id)).toBe('*');
    expect(await read(s3.id)).toBeUndefined();
    expect(await read(sfPg.id)).toBeUndefined();
  });
});

describe('emulator api-notes §8.9: Pydantic-array 422s', () => {
  it.each([
    ['a missing name', { connector: 'postgresql', config: {} }, { type: 'missing', loc: ['body', 'name'] }],
    [
      'an unknown connector code',
      { name: 'x', connector: 'postgres-ish', config: {} },
      { type: 'enum', loc: ['body', 'connector'] },
    ],
    [
      'a wrong JSON type',
      { name: 42, connector: 'postgresql', config: {} },
      { type: 'string_type', loc: ['body', 'name'] },
    ],
    [
      'config not an object',
      { name: 'x', connector: 'postgresql', config: 'a=b' },
      { type: 'dict_type', loc: ['body', 'config'] },
    ],
    [
      'a non-integer port',
      { name: 'x', connector: 'postgresql', config: { 'database.port.user.defined': 'abc' } },
      { type: 'int_parsing', loc: ['body', 'config', 'database.port.user.defined'] },
    ],
  ])('for %s', async (_label, body, expected) => {
    const r = await h.call('POST', '/sources', body);
    expect(r.status).toBe(422);
    expect(Array.isArray(r.body.detail)).toBe(true);
    const item = r.body.detail[0];
    expect(item).toMatchObject(expected);
    expect(Object.keys(item).sort()).toEqual(['ctx', 'input', 'loc', 'msg', 'type']);
  });

  it('answers invalid JSON with a json_invalid 422', async () => {
    const r = await h.call('POST', '/sources', '{"name": ');
    expect(r.status).toBe(422);
    expect(r.body.detail[0].type).toBe('json_invalid');
  });

  it('checks required config keys on create when asked', async () => {
    await h.control('POST', '/faults', { requireConfigKeys: true });
    const r = await h.call('POST', '/sources', { name: 'x', connector: 'postgresql', config: {} });
    expect(r.status).toBe(422);
    expect(r.body.detail.map((d: { loc: string[] }) => d.loc.join('.'))).toContain(
      'body.config.database.password',
    );
  });
});

describe('emulator: deleting what a pipeline uses', () => {
  async function pipelineFixture() {
    const s = (await h.call('POST', '/sources', sourceBody('pg'))).body;
    const d = (await h.call('POST', '/destinations', destinationBody('sf'))).body;
    const p = (
      await h.call('POST', '/pipelines', {
        name: 'p',
        source: { id: s.id, topics: ['public.orders'] },
        destination: { id: d.id },
        transforms: [],
      })
    ).body;
    return { s, d, p };
  }

  it('refuses with 409 by default and names the pipeline', async () => {
    const { s } = await pipelineFixture();
    const r = await h.call('DELETE', `/sources/${s.id}`);
    expect(r.status).toBe(409);
    expect(r.body.detail).toContain("'p'");
  });

  it('cascades to the pipelines in cascade mode', async () => {
    await h.control('POST', '/faults', { referencedDelete: 'cascade' });
    const { d, p } = await pipelineFixture();
    expect((await h.call('DELETE', `/destinations/${d.id}`)).status).toBe(200);
    expect((await h.call('GET', `/pipelines/${p.id}`)).body.result).toEqual([]);
  });

  it('orphans the pipelines in orphan mode: the embedded source is reduced to its id', async () => {
    await h.control('POST', '/faults', { referencedDelete: 'orphan' });
    const { s, p } = await pipelineFixture();
    expect((await h.call('DELETE', `/sources/${s.id}`)).status).toBe(200);
    const read = (await h.call('GET', `/pipelines/${p.id}`)).body.result[0];
    expect(read.source).toEqual({ id: s.id, topics: ['public.orders'] });
  });
});
