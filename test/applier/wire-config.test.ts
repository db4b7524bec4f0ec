import { describe, expect, it } from 'vitest';
import { fieldByName } from '../../src/catalogue/index.js';
import type { ConnectorKind, FieldSpec } from '../../src/catalogue/index.js';
import { createConfig, encodeValue } from '../../src/applier/wire-config.js';
import { SecretValue } from '../../src/model/index.js';

function field(kind: ConnectorKind, code: string, name: string): FieldSpec {
  const f = fieldByName(kind, code, name);
  if (!f) throw new Error(`${code}.${name} not in the catalogue`);
  return f;
}

describe('encodeValue: native JSON types on write (api-notes §5.3, §5.7)', () => {
  const cases: [string, FieldSpec, unknown, unknown][] = [
    ['int from a number', field('source', 'postgresql', 'database_port'), 5432, 5432],
    ['int from a numeric string', field('source', 'postgresql', 'database_port'), '5433', 5433],
    ['bool from a string', field('source', 'postgresql', 'heartbeat_enabled'), 'false', false],
    ['string stays a string, never coerced', field('source', 'postgresql', 'snapshot_read_only'), 'No', 'No'],
    [
      'a list for a comma-separated string field',
      field('source', 'postgresql', 'table_include_list'),
      ['a.b', 'c.d'],
      'a.b,c.d',
    ],
    [
      'list<string> from an array',
      field('destination', 's3', 'format_output_fields'),
      ['x', 'y'],
      ['x', 'y'],
    ],
    [
      'list<string> from a comma string',
      field('destination', 's3', 'format_output_fields'),
      'x, y',
      ['x', 'y'],
    ],
    [
      'string map as an object',
      field('destination', 'snowflake', 'auto_qa_dedupe_table_mapping'),
      { raw: 'dedupe' },
      { raw: 'dedupe' },
    ],
    [
      'ClickHouse topics.config.map: a JSON string of JSON strings',
      field('destination', 'clickhouse', 'topics_config_map'),
      { orders: { delete_sql_execute: 'DELETE 1' } },
      JSON.stringify({ orders: JSON.stringify({ delete_sql_execute: 'DELETE 1' }) }),
    ],
    [
      'json-string secret revealed as one string',
      field('destination', 'bigquery', 'keyfile'),
      new SecretValue('{"type":"sa"}'),
      '{"type":"sa"}',
    ],
    [
      'a placeholder is never sent',
      field('source', 'postgresql', 'database_hostname'),
      '<SSH.PUBLIC.KEY>',
      undefined,
    ],
    ['null is not sent', field('source', 'postgresql', 'database_hostname'), null, undefined],
  ];
  for (const [name, f, input, wire] of cases) {
    it(name, () => {
      expect(encodeValue(f, input)).toEqual(wire);
    });
  }
});

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
