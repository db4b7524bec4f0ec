import { describe, expect, it } from 'vitest';
import type { FieldSpec, FieldType } from '../../src/catalogue/index.js';
import { isSecret } from '../../src/model/index.js';
import { coerceValue } from '../../src/state/coerce.js';

function field(type: FieldType, extra: Partial<FieldSpec> = {}): FieldSpec {
  return { name: 'f', apiKey: 'f', type, required: false, secret: false, ...extra };
}

describe('coerceValue by catalogue type (api-notes §7.2, §7.9, §7.10)', () => {
  const ok: [FieldType, unknown, unknown][] = [
    ['int', 5432, 5432],
    ['int', '5432', 5432],
    ['int', ' -1 ', -1],
    ['bool', true, true],
    ['bool', 'true', true],
    ['bool', 'False', false],
    ['string', 'Yes', 'Yes'],
    ['string', '10000', '10000'],
    ['string', 10000, '10000'],
    ['string', '', ''],
    ['list<string>', ['a', 'b'], ['a', 'b']],
    ['list<string>', 'a,b , c', ['a', 'b', 'c']],
    ['list<string>', '', []],
    ['map<string,string>', { a: 'b' }, { a: 'b' }],
    ['map<string,string>', '{"a":"b"}', { a: 'b' }],
    ['map<string,string>', 'a:b,c:d', { a: 'b', c: 'd' }],
    ['map<string,object>', '{"t":"{\\"k\\":1}"}', { t: { k: 1 } }],
    ['map<string,object>', { t: { chunks: 5 } }, { t: { chunks: 5 } }],
    ['map<string,object>', '', {}],
    ['json-string', '{"type":"service_account"}', '{"type":"service_account"}'],
    ['json-string', { a: 1 }, '{"a":1}'],
  ];
  it.each(ok)('%s accepts %j', (type, raw, expected) => {
    expect(coerceValue(field(type), raw)).toEqual({ ok: true, value: expected });
  });

  const bad: [FieldType, unknown][] = [
    ['int', 'five'],
    ['int', 1.5],
    ['bool', 'yes'],
    ['list<string>', [1]],
    ['map<string,object>', 'not json'],
  ];
  it.each(bad)('%s keeps %j as read and says it does not fit', (type, raw) => {
    expect(coerceValue(field(type), raw)).toMatchObject({ ok: false, value: raw });
  });

  it('reads null as absent for every type', () => {
    for (const type of [
      'int',
      'bool',
      'string',
      'list<string>',
      'map<string,string>',
      'json-string',
    ] as const) {
      expect(coerceValue(field(type), null)).toEqual({ ok: true, value: undefined });
    }
  });

  it('wraps plaintext secrets and treats masked or null ones as unknown', () => {
    const secret = field('string', { secret: true });
    const read = coerceValue(secret, 'hunter2');
    expect(read.ok && isSecret(read.value) && read.value.reveal()).toBe('hunter2');
    expect(coerceValue(secret, '********')).toEqual({ ok: true, value: undefined });
    expect(coerceValue(secret, null)).toEqual({ ok: true, value: undefined });
    const keyfile = coerceValue(field('json-string', { secret: true }), { type: 'service_account' });
    expect(keyfile.ok && isSecret(keyfile.value) && keyfile.value.reveal()).toBe(
      '{"type":"service_account"}',
    );
  });
});
