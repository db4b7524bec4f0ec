import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperationError, SafetyError, UserError } from '../../src/errors/index.js';
import { writeExport } from '../../src/export/write-export.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'skgo-export-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const FILES = [
  { path: 'sources.yaml', text: 'namespace: a\n' },
  { path: 'transforms/x.js', text: 'code\n' },
];
const ok = { force: false, check: async () => undefined };

async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

describe('writeExport', () => {
  it('writes every file, creating the directories', async () => {
    const out = path.join(root, 'new', 'out');
    await writeExport(out, FILES, ok);
    expect(await tree(out)).toEqual(['sources.yaml', 'transforms', 'transforms/x.js']);
    expect(await readFile(path.join(out, 'transforms/x.js'), 'utf8')).toBe('code\n');
  });

  it('refuses to replace a file without --force, writing nothing; replaces it with --force', async () => {
    await writeFile(path.join(root, 'sources.yaml'), 'mine\n');
    const err = await writeExport(root, FILES, ok).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SafetyError);
    expect((err as Error).message).toContain('this file exists');
    expect((err as Error).message).toContain('sources.yaml');
    expect(await tree(root)).toEqual(['sources.yaml']);
    expect(await readFile(path.join(root, 'sources.yaml'), 'utf8')).toBe('mine\n');
    await writeExport(root, FILES, { ...ok, force: true });
    expect(await readFile(path.join(root, 'sources.yaml'), 'utf8')).toBe('namespace: a\n');
  });

  it('never writes through a link, even with --force', async () => {
    const elsewhere = path.join(root, 'elsewhere');
    await mkdir(elsewhere);
    const out = path.join(root, 'out');
    await mkdir(out);
    await symlink(elsewhere, path.join(out, 'transforms'));
    await expect(writeExport(out, FILES, { ...ok, force: true })).rejects.toBeInstanceOf(UserError);
    await rm(path.join(out, 'transforms'));
    await symlink(path.join(elsewhere, 'target.yaml'), path.join(out, 'sources.yaml'));
    await expect(writeExport(out, FILES, { ...ok, force: true })).rejects.toThrow(/symbolic link/);
    expect(await tree(elsewhere)).toEqual([]);
  });

  it('refuses an --out that is a file', async () => {
    await writeFile(path.join(root, 'f'), '');
    await expect(writeExport(path.join(root, 'f'), FILES, ok)).rejects.toThrow(/not a directory/);
  });

  it('a failed check leaves nothing behind: no file, no staging directory', async () => {
    const check = async (staging: string): Promise<void> => {
      expect(await readFile(path.join(staging, 'sources.yaml'), 'utf8')).toBe('namespace: a\n');
      throw new OperationError('no');
    };
    await expect(writeExport(root, FILES, { force: false, check })).rejects.toBeInstanceOf(OperationError);
    expect(await tree(root)).toEqual([]);
  });
});
