import { describe, expect, it } from 'vitest';
import { createConfig, updateConfig } from '../../src/applier/wire-config.js';
import type { SourceResource } from '../../src/model/index.js';
import { pgSource, serverEcho } from '../planner/fixtures.js';

describe('createConfig', () => {
  it('sends manifest values plus static defaults, never read-only keys', () => {
    const config = createConfig(
      'source',
      'postgresql',
      { database_hostname: 'h', database_port: 1 },
      { 'x.extra': true },
    );
    expect(config).toMatchObject({
      'database.hostname.user.defined': 'h',
      'database.port.user.defined': 1,
      'slot.name': 'streamkap_pgoutput_slot',
      'x.extra': true,
    });
    expect(config).not.toHaveProperty('ssh.public.key.user.displayed');
    expect(Object.values(config)).not.toContain(expect.stringMatching(/^<.*>$/));
  });

  it('an unknown connector code is a user error', () => {
    expect(() => createConfig('source', 'nope', {}, {})).toThrow('not in this version');
  });
});

describe('updateConfig: a whole-config PUT keeps what the live config holds (api-notes §5.2, §5.5)', () => {
  const TABLES = 'public.orders,public.customers';
  const desiredOf = (r: SourceResource) => Object.fromEntries(Object.entries(r.config));

  it('echoes keys it does not manage: unknown keys and short keys, as read', () => {
    const live = serverEcho(pgSource({}, { table_include_list: TABLES }), {
      id: 1,
      wireConfig: { 'brand.new.key': 'kept', 'database.hostname': 'tunnel.internal' },
    });
    const desired = pgSource({}, { table_include_list: TABLES, database_port: 5433 });
    const body = updateConfig('source', 'postgresql', desiredOf(desired), {}, live);
    expect(body).toMatchObject({
      'database.port.user.defined': 5433,
      'brand.new.key': 'kept',
      'database.hostname': 'tunnel.internal',
      'table.include.list': TABLES,
    });
  });

  it('says a changed field under its short key too, so the change holds whichever key the server reads', () => {
    const live = serverEcho(pgSource({}, { table_include_list: TABLES }), { id: 1, spelling: 'quickstart' });
    const desired = pgSource({}, { table_include_list: `${TABLES},public.refunds` });
    const body = updateConfig('source', 'postgresql', desiredOf(desired), {}, live);
    expect(body['table.include.list.user.defined']).toBe(`${TABLES},public.refunds`);
    expect(body['table.include.list']).toBe(`${TABLES},public.refunds`);
    expect(body['database.hostname']).toBe('db.internal');
  });
});
