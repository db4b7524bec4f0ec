/**
 * Files a manifest names (a transform's implementation_file) are confined to the manifest root, must
 * be regular, at most --max-file-size, UTF-8; a refused file's content never reaches any output.
 * Every case runs the validate command in-process and checks the exit code and the problem line.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture-io.js';

/** Planted in every refused file: it must never be printed. */
const MARKER = 'CONFINEMENT-MARKER-7f3e1c';
/** Well above the expected time (well under a second): a FIFO or device that hangs fails the test. */
const NO_HANG_MS = 20_000;

const base = mkdtempSync(join(tmpdir(), 'skgo-confine-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const outside = join(base, 'outside');
mkdirSync(outside);
writeFileSync(join(outside, 'secret.js'), `// ${MARKER}\nfunction _streamkap_transform(v) { return v; }\n`);

let n = 0;
/** A manifest root with one transform naming `ref`; `setup` plants files in it. */
function rootWith(ref: string, setup: (root: string) => void = () => undefined): string {
  const root = join(base, `root-${n++}`);
  mkdirSync(join(root, 'transforms'), { recursive: true });
  writeFileSync(
    join(root, 'streamkap.yaml'),
    `namespace: shop\ntransforms:\n  - name: t\n    type: map_filter\n    implementation_file: ${JSON.stringify(ref)}\n`,
  );
  setup(root);
  return root;
}

async function validate(root: string, ...args: string[]): Promise<{ code: number; out: string }> {
  const io = captureIo({}, root);
  const code = await main(['node', 'streamkap-gitops', 'validate', ...args], io);
  const out = io.out() + io.err();
  expect(out).not.toContain(MARKER);
  return { code, out };
}

const AT = 'streamkap.yaml:5:26  transforms[0].implementation_file  ';

describe('implementation_file is confined to the manifest root', () => {
  it('refuses an absolute path, saying the path must stay inside the root', async () => {
    const { code, out } = await validate(rootWith(join(outside, 'secret.js')));
    expect(code).toBe(4);
    expect(out).toContain(`${AT}implementation file "${join(outside, 'secret.js')}" is an absolute path`);
    expect(out).toContain('paths must stay inside the manifest root');
  });

  it('refuses a ../ path that leaves the root: the directory given, or the directory of a file given', async () => {
    const repo = rootWith('../transforms/t.js');
    mkdirSync(join(repo, 'manifests'));
    renameSync(join(repo, 'streamkap.yaml'), join(repo, 'manifests/streamkap.yaml'));
    writeFileSync(join(repo, 'transforms/t.js'), 'function _streamkap_transform(v) { return v; }\n');
    for (const arg of ['manifests', 'manifests/streamkap.yaml']) {
      const { code, out } = await validate(repo, arg);
      expect(code).toBe(4);
      expect(out).toContain(
        'manifests/streamkap.yaml:5:26  transforms[0].implementation_file  implementation file "../transforms/t.js" leaves the manifest root',
      );
    }
    // The same ../ is fine when the root given holds both.
    expect((await validate(repo, '.')).code).toBe(0);
  });

  it('refuses a symbolic link that leaves the root', async () => {
    const root = rootWith('transforms/t.js', (r) =>
      symlinkSync(join(outside, 'secret.js'), join(r, 'transforms/t.js')),
    );
    const { code, out } = await validate(root);
    expect(code).toBe(4);
    expect(out).toContain(
      `${AT}implementation file "transforms/t.js" is a symbolic link that leaves the manifest root`,
    );
  });

  it('refuses a link to /proc/self/environ, and prints nothing of the environment', async () => {
    const root = rootWith('transforms/t.js', (r) =>
      symlinkSync('/proc/self/environ', join(r, 'transforms/t.js')),
    );
    const { code, out } = await validate(root);
    expect(code).toBe(4);
    expect(out).toContain('leaves the manifest root');
    expect(out).not.toContain('PATH=');
  });

  it('refuses a link to /dev/zero without reading it', { timeout: NO_HANG_MS }, async () => {
    const root = rootWith('transforms/t.js', (r) => symlinkSync('/dev/zero', join(r, 'transforms/t.js')));
    const { code, out } = await validate(root);
    expect(code).toBe(4);
    expect(out).toContain('leaves the manifest root');
  });

  it('refuses a FIFO inside the root without hanging', { timeout: NO_HANG_MS }, async () => {
    const root = rootWith('transforms/t.js', (r) => execFileSync('mkfifo', [join(r, 'transforms/t.js')]));
    const { code, out } = await validate(root);
    expect(code).toBe(4);
    expect(out).toContain(
      `${AT}implementation file "transforms/t.js" is not a regular file: it is a FIFO (named pipe)`,
    );
  });

  it('refuses a directory', async () => {
    const { code, out } = await validate(rootWith('transforms'));
    expect(code).toBe(4);
    expect(out).toContain('is not a regular file: it is a directory');
  });

  it('follows a symbolic link that stays inside the root', async () => {
    const root = rootWith('transforms/t.js', (r) => {
      mkdirSync(join(r, 'shared'));
      writeFileSync(join(r, 'shared/real.js'), 'function _streamkap_transform(v) { return v; }\n');
      symlinkSync('../shared/real.js', join(r, 'transforms/t.js'));
    });
    const { code, out } = await validate(root);
    expect(out).toContain('valid: namespace "shop"');
    expect(code).toBe(0);
  });
});

describe('implementation_file size and encoding', () => {
  const big = (r: string): void =>
    writeFileSync(join(r, 'transforms/t.js'), `// ${MARKER}\n${'x'.repeat(1024 * 1024)}`);

  it('refuses a file over 1 MiB, and --max-file-size raises the limit', async () => {
    const root = rootWith('transforms/t.js', big);
    const { code, out } = await validate(root);
    expect(code).toBe(4);
    expect(out).toContain(
      `${AT}implementation file "transforms/t.js" is larger than 1 MiB  (make it smaller, or raise the limit with --max-file-size)`,
    );
    expect((await validate(root, '--max-file-size', '2MiB')).code).toBe(0);
  });

  it('rejects a --max-file-size that is not a size (exit 4)', async () => {
    const io = captureIo({}, base);
    expect(await main(['node', 'streamkap-gitops', 'validate', '--max-file-size', 'lots'], io)).toBe(4);
    expect(io.err()).toContain('Expected a size');
  });

  it('refuses invalid UTF-8, naming the byte offset and line', async () => {
    const root = rootWith('transforms/t.js', (r) =>
      writeFileSync(
        join(r, 'transforms/t.js'),
        Buffer.concat([Buffer.from(`// ${MARKER}\nab`), Buffer.from([0xc3, 0x28])]),
      ),
    );
    const { code, out } = await validate(root);
    expect(code).toBe(4);
    expect(out).toContain(
      `implementation file "transforms/t.js" is not valid UTF-8 (byte offset ${MARKER.length + 6}, line 2, column 3)`,
    );
  });

  it('refuses control characters other than TAB, LF and CR in the code, without repeating it', async () => {
    const root = rootWith('transforms/t.js', (r) =>
      writeFileSync(join(r, 'transforms/t.js'), `// ${MARKER}\n\tx;\r\n"\u001b[2J";\n`),
    );
    const { code, out } = await validate(root);
    expect(code).toBe(4);
    expect(out).toContain(
      'implementation file "transforms/t.js" contains the control character \\u001b (line 3)',
    );
    expect(out).not.toContain('\u001b');
  });
});
