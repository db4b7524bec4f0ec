/**
 * Encodings and characters: control and bidi characters in every kind of name and value (escaped
 * and raw), invalid UTF-8 at every kind of position, byte order marks, UTF-16 and UTF-32.
 */
import { EXAMPLE_FILES, lineOf, MINI, type CorpusCase } from './corpus-case.js';

/** Where a character goes in MINI: the line to change, and whether the value there is free text. */
const SPOTS: readonly { name: string; find: string; replace: (c: string) => string; free: boolean }[] = [
  { name: 'namespace', find: 'namespace: corpus', replace: (c) => `namespace: "cor${c}pus"`, free: false },
  { name: 'tag name', find: '- name: team-a', replace: (c) => `- name: "team${c}a"`, free: false },
  { name: 'tag use', find: 'tags: [team-a]', replace: (c) => `tags: ["team${c}a"]`, free: false },
  { name: 'source name', find: '- name: orders-db', replace: (c) => `- name: "orders${c}db"`, free: false },
  {
    name: 'connector',
    find: 'connector: postgresql',
    replace: (c) => `connector: "postgres${c}ql"`,
    free: false,
  },
  {
    name: 'pipeline name',
    find: '- name: orders-to-w',
    replace: (c) => `- name: "orders${c}to-warehouse"`,
    free: false,
  },
  {
    name: 'topic',
    find: 'topics: [public.orders]',
    replace: (c) => `topics: ["public${c}.orders"]`,
    free: false,
  },
  { name: 'config key', find: 'database: shop', replace: (c) => `"data${c}base": shop`, free: false },
  {
    name: 'description',
    find: 'description: owned',
    replace: (c) => `description: "owned${c}by team a"`,
    free: true,
  },
  {
    name: 'config value',
    find: 'hostname: orders.internal',
    replace: (c) => `database_hostname: "orders${c}.internal"`,
    free: true,
  },
];

/** Characters, how YAML writes them escaped, and whether free text may hold them (shown escaped). */
const CHARS: readonly { name: string; char: string; escaped: string; inFreeText: boolean }[] = [
  { name: 'NUL', char: '\u0000', escaped: '\\0', inFreeText: false },
  { name: 'BEL', char: '\u0007', escaped: '\\a', inFreeText: false },
  { name: 'BS', char: '\u0008', escaped: '\\b', inFreeText: false },
  { name: 'ESC', char: '\u001b', escaped: '\\e', inFreeText: false },
  { name: 'ESC[2J', char: '\u001b[2J', escaped: '\\u001b[2J', inFreeText: false },
  { name: 'VT', char: '\u000b', escaped: '\\v', inFreeText: false },
  { name: 'FF', char: '\u000c', escaped: '\\f', inFreeText: false },
  { name: 'DEL', char: '\u007f', escaped: '\\x7f', inFreeText: false },
  { name: 'NEL', char: '\u0085', escaped: '\\N', inFreeText: false },
  { name: 'CSI', char: '\u009b', escaped: '\\x9b', inFreeText: false },
  { name: 'CR', char: '\r', escaped: '\\r', inFreeText: true },
  { name: 'TAB', char: '\t', escaped: '\\t', inFreeText: true },
  { name: 'LF', char: '\n', escaped: '\\n', inFreeText: true },
  { name: 'RLO', char: '\u202e', escaped: '\\u202e', inFreeText: true },
  { name: 'LRI', char: '\u2066', escaped: '\\u2066', inFreeText: true },
  { name: 'RLM', char: '\u200f', escaped: '\\u200f', inFreeText: true },
  { name: 'LS', char: '\u2028', escaped: '\\L', inFreeText: true },
];

/** Line breaks and TAB are YAML syntax when raw: only their escaped spelling is a character of the value. */
const RAW_IS_SYNTAX = new Set(['CR', 'LF', 'TAB', 'NEL']);

function characterCases(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const spot of SPOTS) {
    const line = lineOf(MINI, spot.find);
    const original = MINI.split('\n')[line - 1] as string;
    const indent = /^\s*/.exec(original)?.[0] ?? '';
    for (const ch of CHARS) {
      for (const form of ['escaped', 'raw'] as const) {
        if (form === 'raw' && RAW_IS_SYNTAX.has(ch.name)) continue;
        const text = MINI.split('\n');
        text[line - 1] = indent + spot.replace(form === 'raw' ? ch.char : ch.escaped).replace(/^\s*/, '');
        const accepted = spot.free && ch.inFreeText;
        cases.push({
          id: `char/${spot.name}/${ch.name}/${form}`,
          expect: accepted ? 'accepted' : 'refused',
          files: { 'm.yaml': text.join('\n') },
          ...(accepted ? {} : { where: `m.yaml:${line}` }),
        });
      }
    }
  }
  return cases;
}

/** Byte sequences that are not UTF-8. */
const BAD_BYTES: readonly [string, number[]][] = [
  ['0xff', [0xff]],
  ['0xfe', [0xfe]],
  ['lone continuation', [0x80]],
  ['overlong slash', [0xc0, 0xaf]],
  ['overlong 3-byte', [0xe0, 0x80, 0xaf]],
  ['surrogate', [0xed, 0xa0, 0x80]],
  ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ['truncated 3-byte', [0xe2, 0x82]],
  ['5-byte form', [0xf8, 0x88, 0x80, 0x80, 0x80]],
  ['latin-1 e-acute', [0xe9]],
];

/** Where invalid bytes go: a manifest line (its text split around the bytes) or the transform code. */
const BYTE_SPOTS: readonly { name: string; file: string; find: string; at: string }[] = [
  { name: 'name', file: 'm.yaml', find: '- name: orders-db', at: 'orders' },
  { name: 'config value', file: 'm.yaml', find: 'hostname: orders.internal', at: 'orders' },
  { name: 'key', file: 'm.yaml', find: 'database: shop', at: 'data' },
  { name: 'comment', file: 'm.yaml', find: 'namespace: corpus', at: 'corpus' },
  { name: 'last byte', file: 'm.yaml', find: '', at: '' },
];

function withBytes(text: string, line: number, at: string, bytes: number[], comment: boolean): Buffer {
  const lines = text.split('\n');
  if (line === 0) return Buffer.concat([Buffer.from(text), Buffer.from(bytes)]);
  const l = lines[line - 1] as string;
  const cut = l.indexOf(at) + at.length;
  const before = lines.slice(0, line - 1).join('\n') + (line > 1 ? '\n' : '');
  const head = comment ? `${l} # ` : l.slice(0, cut);
  const tail = (comment ? '' : l.slice(cut)) + '\n' + lines.slice(line).join('\n');
  return Buffer.concat([Buffer.from(before + head), Buffer.from(bytes), Buffer.from(tail)]);
}

function invalidUtf8Cases(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const spot of BYTE_SPOTS) {
    const line = spot.find === '' ? 0 : lineOf(MINI, spot.find);
    const lastLine = MINI.split('\n').length;
    for (const [name, bytes] of BAD_BYTES) {
      cases.push({
        id: `utf8/${spot.name}/${name}`,
        expect: 'refused',
        files: { 'm.yaml': withBytes(MINI, line, spot.at, bytes, spot.name === 'comment') },
        where: `m.yaml:${line === 0 ? lastLine : line}`,
        says: /not valid UTF-8/,
      });
    }
  }
  const ref = lineOf(EXAMPLE_FILES['streamkap.yaml'] as string, 'implementation_file:');
  for (const [name, bytes] of BAD_BYTES) {
    cases.push({
      id: `utf8/implementation_file/${name}`,
      expect: 'refused',
      files: {
        ...EXAMPLE_FILES,
        'transforms/mask-emails.js': withBytes(
          EXAMPLE_FILES['transforms/mask-emails.js'] as string,
          2,
          'function',
          bytes,
          false,
        ),
      },
      where: `streamkap.yaml:${ref}`,
      says: /not valid UTF-8/,
    });
  }
  return cases;
}

const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);

function utf16(text: string, big: boolean, bom: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le');
  if (big) le.swap16();
  return Buffer.concat([bom ? Buffer.from(big ? [0xfe, 0xff] : [0xff, 0xfe]) : Buffer.alloc(0), le]);
}

function utf32le(text: string): Buffer {
  const out = Buffer.alloc(4 * (text.length + 1));
  out.writeUInt32LE(0xfeff, 0);
  [...text].forEach((c, i) => out.writeUInt32LE(c.codePointAt(0) ?? 0, 4 * (i + 1)));
  return out;
}

function bomCases(): CorpusCase[] {
  const js = EXAMPLE_FILES['transforms/mask-emails.js'] as string;
  const ref = `streamkap.yaml:${lineOf(EXAMPLE_FILES['streamkap.yaml'] as string, 'implementation_file:')}`;
  const encodings: readonly [string, (t: string) => Buffer][] = [
    ['UTF-16LE with BOM', (t) => utf16(t, false, true)],
    ['UTF-16BE with BOM', (t) => utf16(t, true, true)],
    ['UTF-16LE without BOM', (t) => utf16(t, false, false)],
    ['UTF-16BE without BOM', (t) => utf16(t, true, false)],
    ['UTF-32LE with BOM', utf32le],
  ];
  const cases: CorpusCase[] = [
    {
      id: 'bom/manifest UTF-8 BOM',
      expect: 'accepted',
      files: { 'm.yaml': Buffer.concat([BOM8, Buffer.from(MINI)]) },
    },
    {
      id: 'bom/implementation UTF-8 BOM',
      expect: 'accepted',
      files: { ...EXAMPLE_FILES, 'transforms/mask-emails.js': Buffer.concat([BOM8, Buffer.from(js)]) },
    },
  ];
  for (const [name, encode] of encodings) {
    cases.push({
      id: `bom/manifest ${name}`,
      expect: 'refused',
      files: { 'm.yaml': encode(MINI) },
      where: 'm.yaml:1',
    });
    cases.push({
      id: `bom/implementation ${name}`,
      expect: 'refused',
      files: { ...EXAMPLE_FILES, 'transforms/mask-emails.js': encode(js) },
      where: ref,
    });
  }
  return cases;
}

export function encodingCases(): CorpusCase[] {
  return [...characterCases(), ...invalidUtf8Cases(), ...bomCases()];
}
