import { describe, expect, it } from 'vitest';
import { parseIgnoreFile } from '../../src/cli/ignore-file.js';
import { applyDriftIgnore, type DriftReport } from '../../src/planner/index.js';
import { compileGlob } from '../../src/planner/glob-match.js';
import { FORMAT_VERSION } from '../../src/model/index.js';

/** The reference meaning of a glob, by regular expression: fine for short texts only. */
function slowMatch(glob: string, text: string): boolean {
  const body = [...glob]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'su').test(text);
}

describe('ignore-file globs', () => {
  it('match the whole text: * any run (dots too), ? one character, the rest literally', () => {
    const cases: [string, string, boolean][] = [
      ['orders-*', 'orders-db', true],
      ['orders-*', 'my-orders-db', false],
      ['*', '', true],
      ['?', '', false],
      ['config.*', 'config.database.port', true],
      ['config.?', 'config.ab', false],
      ['a.c', 'abc', false],
      ['[x]+(y)', '[x]+(y)', true],
      ['*-db', 'orders-db-db', true],
      ['??-*', 'ab-', true],
      ['é?', 'éü', true],
    ];
    for (const [glob, text, want] of cases)
      expect(compileGlob(glob).test(text), `${glob} ~ ${text}`).toBe(want);
  });

  it('agree with the regular-expression meaning on every short glob and text over a small alphabet', () => {
    const globs = ['', '*', '?', 'a', 'a*', '*a', '*a*', 'a?b', '*a*b', '?*?', 'a**b', '*ab*ba*'];
    const texts = ['', 'a', 'b', 'ab', 'ba', 'aab', 'abab', 'abba', 'bbab', 'aabba', 'abbaab'];
    for (const g of globs)
      for (const t of texts) expect(compileGlob(g).test(t), `${g} ~ ${t}`).toBe(slowMatch(g, t));
  });

  it('*a*a*a*a*a*a*a*a*b against 60 characters: the right answer within (text+1)×(glob+1) steps', () => {
    const glob = compileGlob('*a*a*a*a*a*a*a*a*b');
    const bound = 61 * (glob.source.length + 1);
    expect(glob.test('a'.repeat(60))).toBe(false);
    expect(glob.steps).toBeLessThanOrEqual(bound);
    expect(glob.test(`${'a'.repeat(59)}b`)).toBe(true);
    expect(glob.steps).toBeLessThanOrEqual(bound);
  });

  it('applyDriftIgnore with that rule on a 60-character name finishes (the regular expression ran for minutes)', () => {
    const name = 'a'.repeat(60);
    const report: DriftReport = {
      formatVersion: FORMAT_VERSION,
      namespace: 'team',
      changed: [],
      missing: [{ id: `source/${name}`, kind: 'source', name }],
      orphaned: [],
      unmanaged: { count: 0, items: [] },
      errors: [],
      ignored: 0,
    };
    const rules = parseIgnoreFile('*/*a*a*a*a*a*a*a*a*b\nsource/a*a\n', 'f');
    const r = applyDriftIgnore(report, rules);
    expect(r.missing).toEqual([]);
    expect(r.ignored).toBe(1);
  });
});
