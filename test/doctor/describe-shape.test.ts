import { describe, expect, it } from 'vitest';
import { getConnector } from '../../src/catalogue/index.js';
import { doctorExitCode } from '../../src/cli/exit-codes.js';
import { describeSecret, describeShape, tally } from '../../src/doctor/describe-shape.js';
import { duration } from '../../src/doctor/durations.js';
import {
  MARKER_KEY,
  PORT_KEY,
  PROBE_CONNECTOR,
  SECRET_KEY,
  throwawayName,
  throwawaySource,
} from '../../src/doctor/probe/throwaway.js';

describe('describeShape', () => {
  it.each([
    [undefined, undefined, 'absent'],
    [null, undefined, 'null'],
    [true, undefined, 'boolean'],
    [5432, undefined, 'number(integer)'],
    [0.5, undefined, 'number'],
    ['5432', undefined, 'string(4 digits)'],
    ['-1', undefined, 'string(1 digit)'],
    ['1', 'bool', '"1"/"0"-encoded boolean'],
    ['No', 'bool', '"yes"/"no"-encoded boolean'],
    ['true', undefined, '"true"/"false" string'],
    ['orders.internal', undefined, 'string(15 chars)'],
    ['', undefined, 'string(empty)'],
    ['********', undefined, 'masked "********"'],
    ['{"a": 1}', undefined, 'JSON text'],
    [['a', 'b'], undefined, 'array(2 items)'],
    [{ a: 1 }, undefined, 'object(1 key)'],
  ])('%j (%s) is %s', (value, type, shape) => {
    expect(describeShape(value, type)).toBe(shape);
  });

  it('says of a secret only whether it is there and readable', () => {
    expect(describeSecret('hunter2-long-password')).toBe('plaintext string');
    expect(describeSecret('********')).toBe('masked "********"');
    expect(describeSecret(undefined)).toBe('omitted');
    expect(describeSecret(null)).toBe('null');
    expect(describeSecret(12345)).toBe('number (not a string)');
  });

  it('tallies shapes, most frequent first', () => {
    expect(tally(['b', 'a', 'b', 'c', 'a', 'b'])).toBe('b ×3, a ×2, c ×1');
  });

  it('writes durations in words', () => {
    expect([duration(850), duration(42_000), duration(3_240_000), duration(-7_200_000)]).toEqual([
      '850 ms',
      '42 s',
      '54 min',
      '-2 h',
    ]);
  });
});

describe('doctorExitCode', () => {
  it('is 1 unreachable, 2 when a check failed, else 0 (warnings included)', () => {
    expect(doctorExitCode({ reachable: false, summary: { fail: 0 } })).toBe(1);
    expect(doctorExitCode({ reachable: true, summary: { fail: 1 } })).toBe(2);
    expect(doctorExitCode({ reachable: true, summary: { fail: 0 } })).toBe(0);
  });
});

describe('the throw-away source of --probe-writes', () => {
  it('is named gitops-doctor-<random> and uses keys the catalogue knows, a secret and an optional marker among them', () => {
    expect(throwawayName()).toMatch(/^gitops-doctor-[0-9a-f]{8}$/);
    const spec = getConnector('source', PROBE_CONNECTOR);
    const fields = new Map(spec?.fields.map((f) => [f.apiKey, f]));
    const { config } = throwawaySource('gitops-doctor-test');
    for (const key of Object.keys(config)) expect(fields.has(key), key).toBe(true);
    for (const f of spec?.fields ?? []) if (f.required) expect(config, f.apiKey).toHaveProperty([f.apiKey]);
    expect(fields.get(SECRET_KEY)?.secret).toBe(true);
    expect(fields.get(PORT_KEY)?.type).toBe('int');
    // The marker must have no static default: a merge is told by it surviving a PUT without it.
    expect(fields.get(MARKER_KEY)).toMatchObject({ required: false, secret: false });
    expect(fields.get(MARKER_KEY)?.default).toBeUndefined();
    expect(throwawaySource('x').config[SECRET_KEY]).not.toBe(config[SECRET_KEY]);
  });
});
