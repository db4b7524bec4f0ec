/**
 * Bombs (aliases, nesting, size), special files (FIFOs, devices, directories, symlink loops and
 * escapes) as manifests and as `implementation_file`, and path tricks in `implementation_file`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { EXAMPLE_FILES, lineOf, MINI, type CorpusCase } from './corpus-case.js';

const TOUR = EXAMPLE_FILES['streamkap.yaml'] as string;
const REF_LINE = lineOf(TOUR, 'implementation_file:');
const REF_AT = `streamkap.yaml:${REF_LINE}`;
const MIB = 1024 * 1024;

/** The tour with `implementation_file` set to `ref` (a YAML double-quoted string). */
function tourWithRef(ref: string): Record<string, string> {
  const text = TOUR.replace(/implementation_file: \S+/, `implementation_file: ${JSON.stringify(ref)}`);
  return { ...EXAMPLE_FILES, 'streamkap.yaml': text };
}

function billionLaughs(levels: number, width: number): string {
  const lines = ['namespace: corpus', 'x0: &a0 "lol"'];
  for (let i = 1; i <= levels; i++) {
    lines.push(`x${i}: &a${i} [${Array.from({ length: width }, () => `*a${i - 1}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

function bombCases(): CorpusCase[] {
  const deepFlow = (n: number): string => `namespace: corpus\nsources: ${'['.repeat(n)}${']'.repeat(n)}\n`;
  const deepBlock = (n: number): string =>
    `namespace: corpus\nextra:\n${Array.from({ length: n }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`;
  const cases: [string, Record<string, string | Buffer>, string, RegExp?][] = [
    ['billion laughs 9x9', { 'm.yaml': billionLaughs(9, 9) }, 'm.yaml', /alias/],
    ['billion laughs 30x2', { 'm.yaml': billionLaughs(30, 2) }, 'm.yaml', /alias/],
    ['alias fan-out 3x50', { 'm.yaml': billionLaughs(3, 50) }, 'm.yaml', /alias/],
    [
      'aliases in names',
      {
        'm.yaml': MINI.replace('- name: orders-db', '- name: &n orders-db').replace(
          'source: orders-db',
          `source: *n\n    x: [${'*n, '.repeat(200)}*n]`,
        ),
      },
      'm.yaml',
    ],
    [
      'merge-key bomb',
      {
        'm.yaml': `namespace: corpus\nbase: &b {${Array.from({ length: 50 }, (_, i) => `k${i}: 1`).join(', ')}}\n${Array.from({ length: 120 }, (_, i) => `m${i}: {<<: *b}`).join('\n')}\n`,
      },
      'm.yaml',
    ],
    ['undefined alias', { 'm.yaml': 'namespace: corpus\nsources: *nowhere\n' }, 'm.yaml', /nowhere/],
    ['nesting 100 (flow)', { 'm.yaml': deepFlow(100) }, 'm.yaml', /nesting (deeper|too deep)/],
    ['nesting 10000 (flow)', { 'm.yaml': deepFlow(10_000) }, 'm.yaml', /nesting (deeper|too deep)/],
    ['nesting 100000 (flow)', { 'm.yaml': deepFlow(100_000) }, 'm.yaml', /nesting (deeper|too deep)/],
    [
      'nesting 5000 (flow maps)',
      { 'm.yaml': `namespace: corpus\nsources: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n` },
      'm.yaml',
      /nesting (deeper|too deep)/,
    ],
    ['nesting 200 (block)', { 'm.yaml': deepBlock(200) }, 'm.yaml'],
    [
      'nesting 80 in config',
      { 'm.yaml': MINI.replace('database: shop', `database: ${'['.repeat(80)}${']'.repeat(80)}`) },
      'm.yaml',
    ],
    [
      'manifest over 4 MiB',
      { 'm.yaml': `${MINI}#${'x'.repeat(4 * MIB)}\n` },
      'm.yaml',
      /larger than the 4 MiB limit/,
    ],
    [
      'manifest 4 MiB of one line',
      { 'm.yaml': `namespace: "${'y'.repeat(4 * MIB + 10)}"\n` },
      'm.yaml',
      /limit/,
    ],
    [
      'implementation over 1 MiB',
      { ...EXAMPLE_FILES, 'transforms/mask-emails.js': `//${'z'.repeat(MIB)}\n` },
      REF_AT,
      /1 MiB/,
    ],
    ['unterminated quote', { 'm.yaml': 'namespace: "corpus\nsources: []\n' }, 'm.yaml'],
    ['tab indentation', { 'm.yaml': 'namespace: corpus\nsources:\n\t- name: x\n' }, 'm.yaml:3'],
    ['not a mapping', { 'm.yaml': '- just\n- a list\n' }, 'm.yaml:1'],
    ['a scalar document', { 'm.yaml': '42\n' }, 'm.yaml:1'],
    [
      'binary garbage',
      { 'm.yaml': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)) },
      'm.yaml',
    ],
    ['an empty file', { 'm.yaml': '' }, 'm.yaml'],
    ['only a comment', { 'm.yaml': '# nothing here\n' }, 'm.yaml'],
  ];
  return cases.map(([name, files, where, says]) => ({
    id: `bomb/${name}`,
    expect: 'refused',
    files,
    where,
    ...(says ? { says } : {}),
  }));
}

const fifo = (p: string): void => void execFileSync('mkfifo', [p]);

/** A character device at `p` (a copy of /dev/null) where this process may make one, else a link to /dev/null. */
function deviceAt(p: string): void {
  try {
    execFileSync('mknod', ['-m', '666', p, 'c', '1', '3'], { stdio: 'ignore' });
  } catch {
    symlinkSync('/dev/null', p);
  }
}

function specialFileCases(): CorpusCase[] {
  const cases: CorpusCase[] = [
    {
      id: 'special/FIFO as the manifest argument',
      expect: 'refused',
      files: {},
      setup: (r) => fifo(path.join(r, 'p.yaml')),
      target: 'p.yaml',
      where: 'p.yaml',
      says: /FIFO/,
    },
    {
      id: 'special/FIFO inside the root',
      expect: 'refused',
      files: { 'm.yaml': MINI },
      setup: (r) => fifo(path.join(r, 'p.yaml')),
      where: 'p.yaml',
      says: /FIFO/,
    },
    {
      id: 'special/a symlink to a FIFO inside the root',
      expect: 'refused',
      files: { 'm.yaml': MINI },
      setup: (r) => {
        fifo(path.join(r, '.p'));
        symlinkSync('.p', path.join(r, 'p.yaml'));
      },
      where: 'p.yaml',
      says: /FIFO/,
    },
    {
      id: 'special/a device node inside the root',
      expect: 'refused',
      files: { 'm.yaml': MINI },
      setup: (r) => deviceAt(path.join(r, 'dev.yaml')),
      where: 'dev.yaml',
    },
    {
      // A directory is searched whatever its name: an empty one declares nothing and skips nothing.
      id: 'special/an empty directory named like a manifest',
      expect: 'accepted',
      files: { 'm.yaml': MINI },
      setup: (r) => mkdirSync(path.join(r, 'dir.yaml')),
    },
    {
      id: 'special/a symlink to /dev/zero',
      expect: 'refused',
      files: { 'm.yaml': MINI },
      setup: (r) => symlinkSync('/dev/zero', path.join(r, 'z.yaml')),
      where: 'z.yaml',
    },
    {
      id: 'special/a symlink to /dev/null',
      expect: 'refused',
      files: { 'm.yaml': MINI },
      setup: (r) => symlinkSync('/dev/null', path.join(r, 'z.yaml')),
      where: 'z.yaml',
    },
    {
      id: 'special/a symlink to /proc/self/environ',
      expect: 'refused',
      files: { 'm.yaml': MINI },
      setup: (r) => symlinkSync('/proc/self/environ', path.join(r, 'e.yaml')),
      where: 'e.yaml',
    },
    {
      id: 'special/a symlink loop of two',
      expect: 'refused',
      files: { 'm.yaml': MINI },
      setup: (r) => {
        symlinkSync('b.yaml', path.join(r, 'a.yaml'));
        symlinkSync('a.yaml', path.join(r, 'b.yaml'));
      },
      where: 'a.yaml',
    },
    {
      id: 'special/a symlink to itself',
      expect: 'refused',
      files: { 'm.yaml': MINI },
      setup: (r) => symlinkSync('self.yaml', path.join(r, 'self.yaml')),
      where: 'self.yaml',
    },
    {
      id: 'special/a directory loop',
      expect: 'refused',
      files: { 'm.yaml': MINI },
      setup: (r) => symlinkSync('..', path.join(r, 'up')),
      where: 'up',
    },
    {
      id: 'special/a dangling symlink',
      expect: 'refused',
      files: { 'm.yaml': MINI },
      setup: (r) => symlinkSync('gone.yaml', path.join(r, 'd.yaml')),
      where: 'd.yaml',
    },
    {
      id: 'special/a symlink out of the root',
      expect: 'refused',
      files: { 'm.yaml': MINI },
      setup: (r, out) => symlinkSync(path.join(out, 'secret.yaml'), path.join(r, 'o.yaml')),
      where: 'o.yaml',
    },
    {
      id: 'special/a directory symlink out of the root',
      expect: 'refused',
      files: { 'm.yaml': MINI },
      setup: (r, out) => symlinkSync(out, path.join(r, 'team')),
      where: 'team',
    },
    {
      id: 'special/a relative symlink up and out',
      expect: 'refused',
      files: { 'm.yaml': MINI },
      setup: (r) => symlinkSync('../outside/secret.yaml', path.join(r, 'o.yaml')),
      where: 'o.yaml',
    },
    {
      id: 'special/an empty directory',
      expect: 'refused',
      files: {},
      setup: (r) => mkdirSync(path.join(r, 'empty')),
      target: 'empty',
      where: 'empty',
    },
    {
      id: 'special/a missing argument',
      expect: 'refused',
      files: {},
      target: 'missing.yaml',
      where: 'missing.yaml',
    },
    {
      id: 'special/implementation_file is a FIFO',
      expect: 'refused',
      files: tourWithRef('transforms/p.js'),
      setup: (r) => fifo(path.join(r, 'transforms/p.js')),
      where: REF_AT,
      says: /FIFO/,
    },
    {
      id: 'special/implementation_file is a directory',
      expect: 'refused',
      files: tourWithRef('transforms'),
      where: REF_AT,
      says: /directory/,
    },
    {
      id: 'special/implementation_file is a symlink loop',
      expect: 'refused',
      files: tourWithRef('transforms/l.js'),
      setup: (r) => symlinkSync('l.js', path.join(r, 'transforms/l.js')),
      where: REF_AT,
    },
    {
      id: 'special/implementation_file is a dangling symlink',
      expect: 'refused',
      files: tourWithRef('transforms/d.js'),
      setup: (r) => symlinkSync('gone.js', path.join(r, 'transforms/d.js')),
      where: REF_AT,
    },
    {
      id: 'special/implementation_file links to /dev/zero',
      expect: 'refused',
      files: tourWithRef('transforms/z.js'),
      setup: (r) => symlinkSync('/dev/zero', path.join(r, 'transforms/z.js')),
      where: REF_AT,
    },
    {
      id: 'special/implementation_file links to /proc/self/environ',
      expect: 'refused',
      files: tourWithRef('transforms/e.js'),
      setup: (r) => symlinkSync('/proc/self/environ', path.join(r, 'transforms/e.js')),
      where: REF_AT,
    },
    {
      id: 'special/implementation_file links out of the root',
      expect: 'refused',
      files: tourWithRef('transforms/o.js'),
      setup: (r, out) => symlinkSync(path.join(out, 'secret.js'), path.join(r, 'transforms/o.js')),
      where: REF_AT,
    },
    {
      id: 'special/implementation_file through a linked directory inside the root',
      expect: 'accepted',
      files: tourWithRef('code/mask-emails.js'),
      setup: (r) => symlinkSync('transforms', path.join(r, 'code')),
    },
  ];
  for (const device of [
    '/dev/zero',
    '/dev/null',
    '/dev/urandom',
    '/dev/stdin',
    '/proc/self/environ',
    '/proc/self/fd/0',
    '/etc',
  ]) {
    cases.push({
      id: `special/${device} as the manifest argument`,
      expect: 'refused',
      files: {},
      target: device,
      where: device,
    });
  }
  return cases;
}

function pathTrickCases(): CorpusCase[] {
  const refused = [
    '/etc/passwd',
    '/proc/self/environ',
    '/proc/self/cmdline',
    '/dev/zero',
    '/dev/stdin',
    '../outside/secret.js',
    './../outside/secret.js',
    'transforms/../../outside/secret.js',
    'transforms/../../../../../../../../etc/passwd',
    '//etc/passwd',
    '',
    '.',
    '..',
    'transforms/',
    '~/secret.js',
    '~root/.bashrc',
    'file:///etc/passwd',
    'https://example.com/t.js',
    '\\\\server\\share\\t.js',
    'C:\\Windows\\win.ini',
    '..\\outside\\secret.js',
    '%2e%2e/outside/secret.js',
    'transforms/mask-emails.js\u0000.png',
    'transforms/mask\u001b[2J.js',
    `${'a/'.repeat(3000)}x.js`,
    `${'x'.repeat(5000)}.js`,
    'missing.js',
    'Transforms/Mask-Emails.js',
    '${env:HOME}/.bashrc',
  ];
  const cases: CorpusCase[] = refused.map((ref) => ({
    id: `path/${JSON.stringify(ref.length > 40 ? `${ref.slice(0, 20)}…(${ref.length})` : ref)}`,
    expect: 'refused',
    files: tourWithRef(ref),
    where: REF_AT,
  }));
  for (const ref of [
    'transforms/mask-emails.js/',
    './transforms/mask-emails.js',
    'transforms//mask-emails.js',
    'transforms/./mask-emails.js',
    'transforms/../transforms/mask-emails.js',
  ]) {
    cases.push({ id: `path/${JSON.stringify(ref)}`, expect: 'accepted', files: tourWithRef(ref) });
  }
  return cases;
}

export function fileCases(): CorpusCase[] {
  return [...bombCases(), ...specialFileCases(), ...pathTrickCases()];
}
