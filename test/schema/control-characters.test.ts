/**
 * Control characters are refused in manifests (names, keys and identifiers: none; free-text values:
 * TAB, LF and CR only) and always shown escaped; a manifest that is not UTF-8 is exit 4 with its offset.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture-io.js';
import { PG_SOURCE } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'skgo-control-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** Any raw C0, DEL, C1 or bidi character except the line breaks of the output itself. */
const RAW_CONTROL =
  // eslint-disable-next-line no-control-regex -- finding raw control characters is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

let n = 0;
async function validate(text: string | Buffer, format = 'text'): Promise<{ code: number; out: string }> {
  const file = `m-${n++}.yaml`;
  writeFileSync(join(dir, file), text);
  const io = captureIo({ PG_PASSWORD: 'pw' }, dir);
  const code = await main(['node', 'streamkap-gitops', 'validate', '--format', format, file], io);
  const out = io.out() + io.err();
  expect(out).not.toMatch(RAW_CONTROL);
  return { code, out: out.replaceAll(`m-${n - 1}.yaml`, 'm.yaml') };
}

const TAGS = (name: string): string => `namespace: shop\ntags:\n  - name: ${JSON.stringify(name)}\n`;

describe('control characters in manifests', () => {
  it('refuses ESC in a name and shows it escaped, in text and JSON', async () => {
    const { code, out } = await validate(TAGS('red\u001b[31malert'));
    expect(code).toBe(4);
    expect(out).toContain(
      'm.yaml:3:11  tags[0].name  value "red\\u001b[31malert" contains the control character \\u001b',
    );
    const json = await validate(TAGS('red\u001b[31malert'), 'json');
    expect(json.code).toBe(4);
    expect(JSON.parse(json.out).problems[0].message).toContain('\\u001b');
  });

  it.each([
    ['NUL', '\u0000', '\\u0000'],
    ['CR', 'a\rb', '\\u000d'],
    ['LF', 'a\nb', '\\u000a'],
    ['TAB', 'a\tb', '\\u0009'],
    ['DEL', 'a\u007fb', '\\u007f'],
    ['C1 CSI', 'a\u009bb', '\\u009b'],
    ['the bidi override RLO', 'prod\u202edb', '\\u202e'],
    ['the bidi isolate LRI', 'a\u2066b', '\\u2066'],
    ['the right-to-left mark', 'a\u200fb', '\\u200f'],
    ['the line separator', 'a\u2028b', '\\u2028'],
  ])('refuses %s in a name', async (_label, name, shown) => {
    const { code, out } = await validate(TAGS(name));
    expect(code).toBe(4);
    expect(out).toContain(`contains the control character ${shown}`);
  });

  it('refuses a control character in a key, also inside config', async () => {
    const text = `namespace: shop\nsources:\n${PG_SOURCE}      "bad\\u001bkey": 1\n`;
    const { code, out } = await validate(text);
    expect(code).toBe(4);
    expect(out).toContain(
      'sources[0].config["bad\\u001bkey"]  key "bad\\u001bkey" contains the control character \\u001b',
    );
  });

  it('lets config values and descriptions hold TAB, LF and CR, and refuses ESC there without repeating the value', async () => {
    const ok = await validate(
      `namespace: shop\ntags:\n  - name: t\n    description: "line one\\r\\n\\tline two\\n"\n`,
    );
    expect(ok.code).toBe(0);
    const text = `namespace: shop\nsources:\n${PG_SOURCE.replace('db.internal', '"db\\u001b]0;SECRETISH\\u0007.internal"')}`;
    const { code, out } = await validate(text);
    expect(code).toBe(4);
    expect(out).toContain(
      'sources[0].config.database_hostname  value contains the control character \\u001b at character 3',
    );
    expect(out).not.toContain('SECRETISH');
  });

  it('shows control characters escaped in every other message that repeats a name', async () => {
    const { out } = await validate(
      `namespace: shop\npipelines:\n  - name: p\n    source: "x\\u001b[2J"\n    destination: d\n`,
    );
    expect(out).toContain('unknown source "x\\u001b[2J"');
  });
});

describe('manifests that are not UTF-8', () => {
  it('refuses the file, naming the byte offset and line', async () => {
    const bytes = Buffer.concat([
      Buffer.from('namespace: shop\ntags:\n  - name: caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    const { code, out } = await validate(bytes);
    expect(code).toBe(4);
    expect(out).toContain(
      'm.yaml:3:14  (document)  not valid UTF-8: the bytes at offset 35 (line 3) are not a UTF-8 character',
    );
  });

  it.each([
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated sequence at the end', [0xe2, 0x82]],
  ])('refuses %s', async (_label, bad) => {
    const { code, out } = await validate(
      Buffer.concat([Buffer.from('namespace: shop # é €\n#'), Buffer.from(bad)]),
    );
    expect(code).toBe(4);
    expect(out).toContain('m.yaml:2:2  (document)  not valid UTF-8: the bytes at offset 26 (line 2)');
  });
});
