/**
 * The fast YAML path (src/schema/parse-yaml-fast.ts) against the exact one (yaml): whenever the fast
 * path answers, its documents are yaml's (values, start, the positions it records) and yaml found no
 * error; otherwise it declines and yaml reads the file. FAST_YAML_RUNS=50000 runs the two generated
 * properties longer (by hand, after changing the fast path's gates).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseYamlFast } from '../../src/schema/parse-yaml-fast.js';
import { parseYaml, parseYamlExact, type RawParse } from '../../src/schema/parse-yaml.js';
import { corpusCases } from '../chaos/corpus-cases.js';
import { EXAMPLE_FILES } from '../chaos/corpus-case.js';

/** Undefined when the fast path declined; otherwise a reason it differs from yaml, or '' when it agrees. */
function disagreement(text: string): string | undefined {
  const fast = parseYamlFast(text);
  if (fast === undefined) return undefined;
  const exact = parseYamlExact(text);
  if ('fatal' in fast) return 'fast path returned a fatal parse';
  if ('fatal' in exact) return `yaml failed (${exact.fatal}) where the fast path answered`;
  if (fast.docs.length !== exact.docs.length)
    return `${fast.docs.length} documents, yaml ${exact.docs.length}`;
  for (const [i, d] of fast.docs.entries()) {
    const e = exact.docs[i];
    if (!e) return `document ${i} missing`;
    if (e.errors.length > 0) return `yaml reports ${e.errors[0]?.code ?? ''} where the fast path answered`;
    if (e.failure) return `yaml failed (${e.failure.kind}) where the fast path answered`;
    try {
      expect(d.value).toStrictEqual(e.value);
      expect(d.start).toEqual(e.start);
      // NOTE: the fast path may record fewer positions (the rest are found by yaml on demand), never other ones.
      for (const [key, at] of Object.entries(d.anchors))
        expect({ key, at }).toEqual({ key, at: e.anchors[key] });
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
  return '';
}

/**
 * YAML that yaml writes, in random styles, for mappings of `key` to values nested from `scalar` (at
 * most `width` entries per collection).
 */
function yamlWritten(
  key: fc.Arbitrary<string>,
  scalar: fc.Arbitrary<unknown>,
  width: number,
): fc.Arbitrary<string> {
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('value'), { maxLength: width }),
      fc.dictionary(key, tie('value'), { maxKeys: width }),
    ),
  }));
  const style = fc.record({
    defaultStringType: fc.constantFrom(
      'PLAIN',
      'QUOTE_DOUBLE',
      'QUOTE_SINGLE',
      'BLOCK_LITERAL',
      'BLOCK_FOLDED',
    ),
    collectionStyle: fc.constantFrom('any', 'block', 'flow'),
    indent: fc.integer({ min: 1, max: 4 }),
    lineWidth: fc.constantFrom(0, 15, 20, 80),
  });
  const doc = fc.dictionary(key, value, { minKeys: 1, maxKeys: width + 1 });
  return fc
    .tuple(doc, style)
    .map(([d, o]) =>
      stringify(d, null, { ...o, version: '1.2' } as unknown as Parameters<typeof stringify>[2]),
    );
}

function yamlFilesOf(files: Readonly<Record<string, string | Buffer>>): string[] {
  return Object.entries(files)
    .filter(([name]) => /\.ya?ml$/.test(name))
    .map(([, content]) => (typeof content === 'string' ? content : content.toString('utf8')));
}

describe('the fast YAML path', () => {
  it('agrees with yaml on every YAML file of the bad-input corpus and the examples, and takes most of them', () => {
    const texts = [
      ...Object.entries(EXAMPLE_FILES)
        .filter(([name]) => name.endsWith('.yaml'))
        .map(([, t]) => t),
      ...corpusCases().flatMap((c) => yamlFilesOf(c.files)),
    ];
    let taken = 0;
    const wrong: string[] = [];
    for (const text of texts) {
      const d = disagreement(text);
      if (d === undefined) continue;
      taken++;
      if (d !== '') wrong.push(`${d}\n--- in:\n${text.slice(0, 300)}`);
    }
    expect(wrong).toEqual([]);
    expect(texts.length).toBeGreaterThan(1500);
    // The corpus is mostly broken YAML on purpose; the fast path must still carry the plain files.
    expect(taken).toBeGreaterThan(texts.length / 3);
  });

  it('is taken for the example manifests, with every entry position recorded', () => {
    const text = readFileSync(path.resolve('examples/streamkap.yaml'), 'utf8');
    const fast = parseYamlFast(text) as Extract<RawParse, { docs: unknown }>;
    expect(fast).toBeDefined();
    const exact = parseYamlExact(text) as Extract<RawParse, { docs: unknown }>;
    expect(fast.docs[0]?.anchors).toEqual(exact.docs[0]?.anchors);
    expect(Object.keys(fast.docs[0]?.anchors ?? {}).length).toBeGreaterThan(5);
  });

  // yaml's core schema decides what a plain scalar is; js-yaml's own schema would read several of
  // these differently (0b1 and 1_000 as numbers, for one).
  const SCALARS = [
    '0b101',
    '1_000',
    '0o17',
    '0O17',
    '0x1F',
    '0X1F',
    '+12',
    '-0',
    '012',
    '-012',
    '1e3',
    '1E+3',
    '.5',
    '5.',
    '-.inf',
    '+.INF',
    '.NaN',
    'NaN',
    'inf',
    'yes',
    'no',
    'on',
    'off',
    'y',
    'n',
    'True',
    'TRUE',
    'tRue',
    'False',
    '~',
    'Null',
    'NULL',
    'nULL',
    '2001-12-14',
    '2001-12-14T21:59:43.10-05:00',
    '12:30:45',
    '190:20:30',
    '1:20',
    '0.1.2',
    '12345678901234567890',
    '1e400',
    '0x',
    '0o',
    '+',
    '-',
    '.',
    '-.5e-3',
    '"quoted"',
    "'single'",
    'a # comment',
    'x:y',
    'a b  c',
    '😀',
    'é',
    '__proto__',
    'constructor',
  ];

  it.each(SCALARS)('reads the plain scalar %s as yaml does, as a value, an item and a key', (s) => {
    for (const text of [`namespace: n\nk: ${s}\n`, `k:\n  - ${s}\n`, `k: [${s}]\n`, `${s}: v\n`]) {
      expect(disagreement(text) ?? '', text).toBe('');
    }
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a local tag', 'a: !thing 1\n'],
    ['a merge key', 'base: {a: 1}\nx:\n  <<: {a: 1}\n'],
    ['an explicit key', '? a\n: 1\n'],
    ['a null key', '~: 1\n'],
    ['a null key in a list item', '- null: 1\n'],
    ['an empty key', ': 1\n'],
    ['a null key in a flow map', 'a: {null: 1}\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a tab', 'a:\t1\n'],
    ['a BOM', '\uFEFFa: 1\n'],
    ['a lone CR', 'a: 1\rb: 2\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a list at the top', '- a\n- b\n'],
    ['a scalar document', 'hello\n'],
    ['an empty document', '---\n---\na: 1\n'],
    ['an unclosed quote', 'a: "open\nb: 2\n'],
    ['bad indentation', 'a:\n  b: 1\n c: 2\n'],
    ['nothing', ''],
    // Found by the fragment property below: js-yaml accepts these, yaml reports an error or reads otherwise.
    ['a flow list whose `]` is at the parent indentation', 'x: [1,\na\n]\n'],
    ['a quoted string whose second line is not indented', 'k: "a\nb"\n'],
    ['a mapping on the `---` line', '---  k: v\n'],
    ['a key glued to `---`', '---k: v\n'],
    ['a collection as a key', '[1, 2]: x\n'],
    ['a `#` right after a flow collection', 'x: [1]#a\n'],
    ['a non-specific tag', '!  k: v\n'],
    ['a null key without a value in a flow map', '{null}\n'],
    ['a key longer than 1,024 characters', `${'k'.repeat(1100)}: v\n`],
    ['a sequence nested compactly in an item', 'a:\n  - - -\n    - 1\n'],
    ['a list item under-indented in its list', "'k':\n    - 1\n    -\n - false\n"],
    ['a `#` glued to `---`', '---#a\nk: v\n'],
    ['a list item after the list under a key has ended', '_:\n  - \n- 1\n'],
    ['a quoted key longer than 1,024 characters', `"${'k'.repeat(1100)}": v\n`],
    ['an anchor without a name', '& \n[a]\n'],
  ])('declines %s, which yaml reads', (_what, text) => {
    expect(parseYamlFast(text)).toBeUndefined();
    // The public entry point still answers, through yaml.
    expect(parseYaml(text)).toEqual(parseYamlExact(text));
  });

  it('agrees with yaml on documents yaml writes in every style', () => {
    const scalar = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(...SCALARS),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(yamlWritten(fc.string({ minLength: 1, maxLength: 8 }), scalar, 4), (text) => {
        expect(disagreement(text) ?? '', text).toBe('');
      }),
      { numRuns: 300 },
    );
  });

  it('never accepts what yaml reports as an error (YAML-like fragments in random order)', () => {
    const fragment = fc.constantFrom(
      'a',
      'b: 1',
      'c:',
      '- x',
      '-',
      '  ',
      '    ',
      ' ',
      ':',
      ': ',
      '"',
      "'",
      '"q"',
      "'q'",
      '|',
      '>',
      '|-',
      '>+',
      '#',
      ' # c',
      '{',
      '}',
      '[',
      ']',
      ',',
      '---',
      '...',
      'k: v',
      '  k: v',
      '- k: v',
      '  - y',
      '{a: 1}',
      '[1, 2]',
      'x: [1,',
      'y: {a',
      '\\',
      '"\\x41"',
      '"\\u00e9"',
      '"\\N"',
      '0x1F',
      '1e3',
      '"a\nb"',
      "'it''s'",
      '- - a',
      '? ',
      '%',
      '!',
      '&',
      '*',
      'null',
      '~',
      'true',
      '-1',
      '.5',
      'é',
      '\u0085',
      '\u2028',
      '\u00a0',
      '\r\n',
      '  - ',
      '- |',
      '  text',
      '|2',
      '>-',
      "'a\n  b'",
      'k: >\n  folded',
      ' :',
      'a:b',
      'a :b',
      '[a, b]: c',
      '\t',
    );
    const line = fc.array(fragment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        const text = `${lines.join('\n')}\n`;
        expect(disagreement(text) ?? '', text).toBe('');
      }),
      { numRuns: Number(process.env['FAST_YAML_RUNS'] ?? 3000) },
    );
  });

  it('agrees with yaml on yaml-written documents after random edits (deleted, inserted, moved characters)', () => {
    const scalar = fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom('yes', '0x1F', '1e3', 'a: b', '- x', '# c', "it's", 'a"b', 'é'),
    );
    const written = yamlWritten(fc.stringMatching(/^[a-z_.][a-z0-9_.-]{0,6}$/), scalar, 3);
    const edit = fc.record({
      kind: fc.constantFrom('delete', 'insert', 'duplicate-line', 'indent', 'dedent', 'swap-lines'),
      at: fc.nat(),
      ch: fc.constantFrom(
        ' ',
        ':',
        '-',
        '"',
        "'",
        '#',
        '[',
        ']',
        '{',
        '}',
        ',',
        '\n',
        '|',
        '>',
        'x',
        '  ',
        '\\',
      ),
    });
    const apply = (text: string, e: { kind: string; at: number; ch: string }): string => {
      const lines = text.split('\n');
      const li = e.at % Math.max(1, lines.length);
      const pos = e.at % Math.max(1, text.length);
      if (e.kind === 'delete') return text.slice(0, pos) + text.slice(pos + 1);
      if (e.kind === 'insert') return text.slice(0, pos) + e.ch + text.slice(pos);
      if (e.kind === 'duplicate-line') lines.splice(li, 0, lines[li] ?? '');
      else if (e.kind === 'indent') lines[li] = ` ${lines[li] ?? ''}`;
      else if (e.kind === 'dedent') lines[li] = (lines[li] ?? '').replace(/^ /, '');
      else {
        const next = (li + 1) % lines.length;
        [lines[li], lines[next]] = [lines[next] ?? '', lines[li] ?? ''];
      }
      return lines.join('\n');
    };
    fc.assert(
      fc.property(written, fc.array(edit, { maxLength: 3 }), (yamlText, edits) => {
        const text = edits.reduce(apply, yamlText);
        expect(disagreement(text) ?? '', text).toBe('');
      }),
      { numRuns: Number(process.env['FAST_YAML_RUNS'] ?? 1500) },
    );
  });
});
