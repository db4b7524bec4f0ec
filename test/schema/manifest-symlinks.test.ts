/**
 * Symlinks among the manifests are never skipped silently: followed inside the manifest root, refused
 * when they leave it, a loop reported; manifest arguments that are not files or directories are exit 4.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { validateManifests } from '../../src/schema/index.js';
import { captureIo } from '../helpers/capture-io.js';

const MARKER = 'SYMLINK-MARKER-2b9d44';
const NO_HANG_MS = 20_000;

const base = mkdtempSync(join(tmpdir(), 'skgo-links-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
writeFileSync(join(base, 'foreign.yaml'), `# ${MARKER}\ntags:\n  - name: foreign\n`);

let n = 0;
/** A manifest root: `main.yaml` declares the namespace; `setup` adds the rest. */
function root(setup: (r: string) => void): string {
  const r = join(base, `root-${n++}`);
  mkdirSync(r);
  writeFileSync(join(r, 'main.yaml'), 'namespace: shop\ntags:\n  - name: main\n');
  setup(r);
  return r;
}
const tagFile = (name: string): string => `tags:\n  - name: ${name}\n`;

async function tagsOf(dir: string, paths: string[] = ['.']) {
  const { problems, state } = await validateManifests(paths, { cwd: dir, env: {} });
  for (const p of problems) expect(JSON.stringify(p)).not.toContain(MARKER);
  const tags = state?.resources.map((r) => r.name).sort();
  return {
    problems: problems.map((p) => `${p.file}:${p.line}:${p.col}  ${p.message}`),
    tags,
    files: state?.files.map((f) => f.path),
  };
}

describe('symlinked manifests', () => {
  it('follows a file link and a directory link inside the root', async () => {
    const r = root((d) => {
      mkdirSync(join(d, '.shared'));
      writeFileSync(join(d, '.shared/linked.yaml'), tagFile('via-file-link'));
      symlinkSync('.shared/linked.yaml', join(d, 'linked.yaml'));
      mkdirSync(join(d, '.team'));
      writeFileSync(join(d, '.team/team.yaml'), tagFile('via-dir-link'));
      symlinkSync('.team', join(d, 'team'));
    });
    const got = await tagsOf(r);
    expect(got.problems).toEqual([]);
    expect(got.tags).toEqual(['main', 'via-dir-link', 'via-file-link']);
    expect(got.files).toEqual(['linked.yaml', 'main.yaml', 'team/team.yaml']);
  });

  it('reads a file reached through a link and directly once, named by its direct path', async () => {
    const r = root((d) => {
      mkdirSync(join(d, 'lib'));
      writeFileSync(join(d, 'lib/shared.yaml'), tagFile('shared'));
      symlinkSync('lib/shared.yaml', join(d, 'a-link.yaml'));
      symlinkSync('lib', join(d, 'a-dir-link'));
    });
    const got = await tagsOf(r);
    expect(got.problems).toEqual([]); // no "duplicate tag name"
    expect(got.files).toEqual(['lib/shared.yaml', 'main.yaml']);
  });

  it('refuses a file link and a directory link that leave the root, naming the link', async () => {
    const r = root((d) => {
      symlinkSync(join(base, 'foreign.yaml'), join(d, 'foreign.yaml'));
      symlinkSync(base, join(d, 'up'));
      symlinkSync(join(base, 'foreign.yaml'), join(d, 'not-a-manifest.txt')); // not a manifest: ignored
    });
    const got = await tagsOf(r);
    expect(got.problems).toEqual([
      'foreign.yaml:1:1  symbolic link leaves the manifest root',
      'up:1:1  symbolic link leaves the manifest root',
    ]);
    expect(got.tags).toBeUndefined();
  });

  it('reports a loop instead of recursing forever', async () => {
    const r = root((d) => {
      mkdirSync(join(d, 'a/b'), { recursive: true });
      symlinkSync('..', join(d, 'a/b/back'));
      symlinkSync('self.yaml', join(d, 'self.yaml'));
    });
    const got = await tagsOf(r);
    expect(got.problems).toEqual([
      'a/b/back:1:1  symbolic link loop: it points to a directory that contains it',
      'self.yaml:1:1  symbolic link loop',
    ]);
  });

  it('refuses a manifest-named link to nothing; warns about other dangling links', async () => {
    const r = root((d) => {
      symlinkSync('gone.yaml', join(d, 'dangling.yaml'));
      symlinkSync('gone', join(d, 'dangling-dir'));
    });
    const { problems } = await validateManifests(['.'], { cwd: r, env: {} });
    expect(problems.map((p) => [p.file, p.severity, p.message])).toEqual([
      ['dangling-dir', 'warning', 'symbolic link to a missing path; skipped'],
      ['dangling.yaml', 'error', 'symbolic link to a missing file'],
    ]);
  });

  it('refuses a file argument that is a link out of its directory', async () => {
    const r = root((d) => symlinkSync(join(base, 'foreign.yaml'), join(d, 'foreign.yaml')));
    const got = await tagsOf(r, ['main.yaml', 'foreign.yaml']);
    expect(got.problems).toEqual([
      'foreign.yaml:1:1  symbolic link leaves the manifest root (the directory of this file)',
    ]);
  });
});

describe('manifest arguments and files that are not regular files', () => {
  it(
    'refuses a FIFO as an argument and one found in a directory, without hanging',
    { timeout: NO_HANG_MS },
    async () => {
      const r = root((d) => execFileSync('mkfifo', [join(d, 'pipe.yaml'), join(d, 'pipe-not-a-manifest')]));
      expect((await tagsOf(r, ['pipe.yaml'])).problems).toEqual([
        'pipe.yaml:1:1  not a regular file or directory: it is a FIFO (named pipe)',
      ]);
      expect((await tagsOf(r)).problems).toEqual([
        'pipe.yaml:1:1  not a regular file: it is a FIFO (named pipe)',
      ]);
    },
  );

  it('refuses a device argument and a link to one, exit 4', { timeout: NO_HANG_MS }, async () => {
    const r = root((d) => symlinkSync('/dev/zero', join(d, 'zero.yaml')));
    const io = captureIo({}, r);
    expect(await main(['node', 'streamkap-gitops', 'validate', '/dev/zero', 'zero.yaml'], io)).toBe(4);
    expect(io.out()).toContain(
      '/dev/zero:1:1  (document)  not a regular file or directory: it is a character device',
    );
    expect(io.out()).toContain(
      'zero.yaml:1:1  (document)  not a regular file or directory: it is a character device',
    );
    expect((await tagsOf(r)).problems).toEqual(['zero.yaml:1:1  symbolic link leaves the manifest root']);
  });
});
