import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toYaml } from '../../src/export/yaml-text.js';

describe('toYaml: strings stay strings for YAML 1.2 and 1.1 readers', () => {
  const tricky = [
    'yes',
    'No',
    'on',
    'OFF',
    'y',
    '0123',
    '0x1F',
    '0o17',
    '1e3',
    '1_000',
    '.5',
    'null',
    '~',
    'true',
    '1:20',
    '2001-12-14',
    '- x',
    'a: b',
    '#c',
    ' lead',
    '',
  ];

  it.each(tricky)('%j is quoted', (s) => {
    const text = toYaml({ v: s });
    expect(text).toMatch(/^v: "/m);
    expect(parse(text, { version: '1.1' })).toEqual({ v: s });
    expect(parse(text, { version: '1.2' })).toEqual({ v: s });
  });

  it('quotes hostile keys too, a merge key included, and keeps plain text plain', () => {
    const value = { config: { '<<': 'x', yes: 'on', plain: 'value' }, code: 'line one\nline two\n' };
    const text = toYaml(value);
    expect(text).toContain('"<<": x');
    expect(text).toContain('"yes": "on"');
    expect(text).toContain('plain: value');
    expect(parse(text, { merge: true })).toEqual(value);
  });

  it('puts the comment on top', () => {
    expect(toYaml({ a: 1 }, ' one\n two')).toBe('# one\n# two\n\na: 1\n');
  });

  it('reads back as written for generated strings', () => {
    const chars = 'yYnNoO01:-#~. \t\'"{}[],&*!|>%@`\\x';
    for (let i = 0; i < 300; i++) {
      const s = Array.from({ length: 1 + (i % 7) }, (_, j) => chars[(i * 13 + j * 5) % chars.length]).join(
        '',
      );
      expect(parse(toYaml({ [s]: [s] }), { version: '1.1' }), JSON.stringify(s)).toEqual({ [s]: [s] });
    }
  });
});
