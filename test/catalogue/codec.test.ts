/**
 * The catalogue codec (api-notes §5.3–§5.7, §7.2, §7.3, §7.4, §7.9, §7.10): the one place that knows how
 * the API and a manifest spell a value. Schema and state decode through it, the applier encodes.
 */
import { describe, expect, it } from 'vitest';
import {
  decode,
  defaultOf,
  encode,
  fieldByName,
  isMaskedSecret,
  isPlaceholder,
  isReadOnly,
  looksSecret,
  parseBool,
  sameUntypedValue,
  type ConnectorKind,
  type FieldSpec,
  type FieldType,
} from '../../src/catalogue/index.js';
import { isSecret, SecretValue } from '../../src/model/index.js';

function field(type: FieldType, extra: Partial<FieldSpec> = {}): FieldSpec {
  return { name: 'f', apiKey: 'f', type, required: false, secret: false, ...extra };
}

function catalogueField(kind: ConnectorKind, code: string, name: string): FieldSpec {
  const f = fieldByName(kind, code, name);
  if (!f) throw new Error(`${code}.${name} not in the catalogue`);
  return f;
}

describe('decode by catalogue type', () => {
  const ok: [FieldType, unknown, unknown][] = [
    ['int', 5432, 5432],
    ['int', '5432', 5432],
    ['int', ' -1 ', -1],
    ['int', '+7', 7],
    ['bool', true, true],
    ['bool', 'true', true],
    ['bool', 'False', false],
    ['bool', '1', true],
    ['bool', '0', false],
    ['bool', 'yes', true],
    ['bool', 'NO', false],
    ['bool', 'T', true],
    ['string', 'Yes', 'Yes'],
    ['string', '10000', '10000'],
    ['string', 10000, '10000'],
    ['string', true, 'true'],
    ['string', '', ''],
    ['list<string>', ['a', 'b'], ['a', 'b']],
    ['list<string>', 'a,b , c', ['a', 'b', 'c']],
    ['list<string>', '["a","b"]', ['a', 'b']],
    ['list<string>', '', []],
    ['map<string,string>', { a: 'b' }, { a: 'b' }],
    ['map<string,string>', { a: 1 }, { a: '1' }],
    ['map<string,string>', '{"a":"b"}', { a: 'b' }],
    ['map<string,string>', 'a:b,c:d', { a: 'b', c: 'd' }],
    ['map<string,string>', '', {}],
    ['map<string,object>', '{"t":"{\\"k\\":1}"}', { t: { k: 1 } }],
    ['map<string,object>', { t: { chunks: 5 } }, { t: { chunks: 5 } }],
    ['map<string,object>', '', {}],
    ['json-string', '{"type":"service_account"}', '{"type":"service_account"}'],
    ['json-string', { a: 1 }, '{"a":1}'],
  ];
  it.each(ok)('%s accepts %j', (type, raw, expected) => {
    expect(decode(field(type), raw)).toEqual({ ok: true, value: expected });
  });

  const bad: [FieldType, unknown][] = [
    ['int', 'five'],
    ['int', 1.5],
    ['int', '5.5'],
    ['int', 2 ** 60],
    ['bool', 'on'],
    ['bool', 1],
    ['string', { a: 1 }],
    ['string', ['a', 'b']],
    ['list<string>', [true]],
    ['map<string,string>', { a: { b: 1 } }],
    ['map<string,object>', 'not json'],
    ['map<string,object>', 'a:b'],
  ];
  it.each(bad)('%s keeps %j as given and says it does not fit', (type, raw) => {
    expect(decode(field(type), raw)).toMatchObject({ ok: false, value: raw });
  });

  it('types map entries by mapValueFields and says where an entry does not fit', () => {
    const f = field('map<string,object>', { mapValueFields: { chunks: { type: 'int64', required: true } } });
    expect(decode(f, { 'db.T': { chunks: '5' } })).toEqual({ ok: true, value: { 'db.T': { chunks: 5 } } });
    expect(decode(f, { 'db.T': { chunks: 'many' } })).toMatchObject({ ok: false, at: ['db.T', 'chunks'] });
    expect(decode(f, { 'db.T': 7 })).toMatchObject({ ok: false, at: ['db.T'] });
  });

  it('joins a list given for a comma-separated string field, and only for one', () => {
    const tables = catalogueField('source', 'postgresql', 'table_include_list');
    expect(decode(tables, ['a.b', 'c.d'])).toEqual({ ok: true, value: 'a.b,c.d' });
    expect(decode(catalogueField('source', 'postgresql', 'database_hostname'), ['a'])).toMatchObject({
      ok: false,
    });
  });

  it('reads null and undefined as absent for every type', () => {
    for (const type of [
      'int',
      'bool',
      'string',
      'list<string>',
      'map<string,string>',
      'json-string',
    ] as const) {
      expect(decode(field(type), null)).toEqual({ ok: true, value: undefined });
      expect(decode(field(type), undefined)).toEqual({ ok: true, value: undefined });
    }
  });

  it('wraps plaintext secrets and reads masked or null ones as unknown (absent)', () => {
    const secret = field('string', { secret: true });
    const read = decode(secret, 'hunter2');
    expect(read.ok && isSecret(read.value) && read.value.reveal()).toBe('hunter2');
    expect(decode(secret, '********')).toEqual({ ok: true, value: undefined });
    expect(decode(secret, null)).toEqual({ ok: true, value: undefined });
    const keyfile = decode(field('json-string', { secret: true }), { type: 'service_account' });
    expect(keyfile.ok && isSecret(keyfile.value) && keyfile.value.reveal()).toBe(
      '{"type":"service_account"}',
    );
  });
});

describe('encode: native JSON types on write', () => {
  const f = (kind: ConnectorKind, code: string, name: string) => catalogueField(kind, code, name);
  const cases: [string, FieldSpec, unknown, unknown][] = [
    ['int from a number', f('source', 'postgresql', 'database_port'), 5432, 5432],
    ['int from a numeric string', f('source', 'postgresql', 'database_port'), '5433', 5433],
    ['bool from a string', f('source', 'postgresql', 'heartbeat_enabled'), 'false', false],
    ['bool from "1"', f('source', 'postgresql', 'heartbeat_enabled'), '1', true],
    ['string stays a string, never coerced', f('source', 'postgresql', 'snapshot_read_only'), 'No', 'No'],
    [
      'a list for a comma-separated string field',
      f('source', 'postgresql', 'table_include_list'),
      ['a.b', 'c.d'],
      'a.b,c.d',
    ],
    ['list<string> from an array', f('destination', 's3', 'format_output_fields'), ['x', 'y'], ['x', 'y']],
    ['list<string> from a comma string', f('destination', 's3', 'format_output_fields'), 'x, y', ['x', 'y']],
    [
      'string map as an object',
      f('destination', 'snowflake', 'auto_qa_dedupe_table_mapping'),
      { raw: 'dedupe' },
      { raw: 'dedupe' },
    ],
    [
      'ClickHouse topics.config.map: a JSON string of JSON strings',
      f('destination', 'clickhouse', 'topics_config_map'),
      { orders: { delete_sql_execute: 'DELETE 1' } },
      JSON.stringify({ orders: JSON.stringify({ delete_sql_execute: 'DELETE 1' }) }),
    ],
    [
      'json-string secret revealed as one string',
      f('destination', 'bigquery', 'keyfile'),
      new SecretValue('{"type":"sa"}'),
      '{"type":"sa"}',
    ],
    [
      'a placeholder is never sent',
      f('source', 'postgresql', 'database_hostname'),
      '<SSH.PUBLIC.KEY>',
      undefined,
    ],
    ['null is not sent', f('source', 'postgresql', 'database_hostname'), null, undefined],
    ['a value that does not fit goes out as given', f('source', 'postgresql', 'database_port'), 'abc', 'abc'],
  ];
  it.each(cases)('%s', (_name, spec, input, wire) => {
    expect(encode(spec, input)).toEqual(wire);
  });

  it('decode then encode gives the native form of every accepted spelling', () => {
    const port = f('source', 'postgresql', 'database_port');
    for (const spelled of [5432, '5432', ' 5432 ']) {
      const d = decode(port, spelled);
      expect(d.ok && encode(port, d.value)).toBe(5432);
    }
  });
});

describe('field rules', () => {
  it('defaultOf types the static default and skips placeholders and secrets', () => {
    const port = catalogueField('source', 'postgresql', 'database_port');
    const slot = catalogueField('source', 'postgresql', 'slot_name');
    expect(defaultOf(port)).toBe(5432);
    expect(defaultOf({ ...slot, default: '<SSH.PUBLIC.KEY>' })).toBeUndefined();
    expect(defaultOf({ ...slot, secret: true })).toBeUndefined();
    expect(defaultOf({ ...field('bool'), default: 'true' })).toBe(true);
  });

  it('read-only: read_only and .user.displayed keys', () => {
    const slot = catalogueField('source', 'postgresql', 'slot_name');
    expect(isReadOnly(catalogueField('source', 'postgresql', 'ssh_public_key'))).toBe(true);
    expect(isReadOnly({ ...slot, apiKey: 'x.user.displayed' })).toBe(true);
    expect(isReadOnly(slot)).toBe(false);
  });

  it('recognises placeholders, masks and secret-looking key names', () => {
    expect(isPlaceholder('<SSH.PUBLIC.KEY>')).toBe(true);
    expect(isPlaceholder('<API_KEY>')).toBe(true);
    expect(isPlaceholder('a <b> c')).toBe(false);
    expect(isMaskedSecret('********')).toBe(true);
    expect(isMaskedSecret('')).toBe(false);
    expect(looksSecret('sasl.jaas.config')).toBe(true);
    expect(looksSecret('database.hostname')).toBe(false);
  });

  it('parseBool follows Go ParseBool plus yes/no, any case', () => {
    expect(['1', 't', 'TRUE', 'True', 'yes', ' Yes '].map(parseBool)).toEqual(Array(6).fill(true));
    expect(['0', 'f', 'FALSE', 'no'].map(parseBool)).toEqual(Array(4).fill(false));
    expect(['on', 'y', '2', ''].map(parseBool)).toEqual(Array(4).fill(undefined));
  });

  it('sameUntypedValue tolerates the server string-encoding a scalar of an unknown key', () => {
    expect(sameUntypedValue(5, '5')).toBe(true);
    expect(sameUntypedValue(true, 'true')).toBe(true);
    expect(sameUntypedValue({ a: [1] }, { a: [1] })).toBe(true);
    expect(sameUntypedValue(6, '5')).toBe(false);
    expect(sameUntypedValue('5', 5)).toBe(false);
  });
});
