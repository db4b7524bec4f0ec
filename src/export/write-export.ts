/**
 * Puts an export on disk without ever leaving half of it: every file is written to a staging
 * directory inside the output directory first, the staged manifests are validated as `validate`
 * would, and only then is each file renamed into place (a rename replaces a file whole). Nothing is
 * written when a file exists and `--force` was not given, and nothing ever goes through a symbolic
 * link or into anything but a regular file.
 */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, mkdir, mkdtemp, open, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { SafetyError, UserError } from '../errors/index.js';
import { fileKind } from '../schema/read-limited.js';
import type { OutputFile } from './build-export.js';

export interface WriteOptions {
  readonly force: boolean;
  /** Checks the staged manifests (throws what stops the export); given the staging directory. */
  readonly check: (stagingDir: string) => Promise<void>;
}

async function statOf(target: string): Promise<Stats | undefined> {
  try {
    return await lstat(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Refuses a directory on the way that is a link or not a directory: nothing may leave `dir`. */
async function checkDirs(dir: string, files: readonly OutputFile[]): Promise<void> {
  const dirs = new Set(files.map((f) => path.posix.dirname(f.path)).filter((d) => d !== '.'));
  for (const d of [...dirs].sort()) {
    const info = await statOf(path.join(dir, d));
    if (info && !info.isDirectory()) {
      throw new UserError(`export: cannot write into ${path.join(dir, d)}: it is ${fileKind(info)}`, {
        hint: 'give an --out directory where these are plain directories, or move them away',
      });
    }
  }
}

/** Files that exist already; refuses any that is not a regular file (even with --force). */
async function existing(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  const present: string[] = [];
  for (const f of files) {
    const info = await statOf(path.join(dir, f.path));
    if (!info) continue;
    if (!info.isFile()) {
      throw new UserError(`export: ${path.join(dir, f.path)} is ${fileKind(info)}, not a regular file`, {
        hint: 'move it away: export only ever replaces regular files',
      });
    }
    present.push(f.path);
  }
  return present;
}

async function writeNew(target: string, text: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const handle = await open(target, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}

async function outputDir(out: string): Promise<void> {
  const info = await statOf(out);
  if (info && !info.isDirectory()) {
    throw new UserError(`export: --out ${out} is ${fileKind(info)}, not a directory`, {
      hint: 'give a directory (it is created when missing)',
    });
  }
  await mkdir(out, { recursive: true });
}

/** Writes `files` under `out` (see the module comment). Returns the paths written. */
export async function writeExport(
  out: string,
  files: readonly OutputFile[],
  opts: WriteOptions,
): Promise<void> {
  await outputDir(out);
  await checkDirs(out, files);
  const present = await existing(out, files);
  if (present.length > 0 && !opts.force) {
    throw new SafetyError(
      `export: nothing was written, because ${present.length === 1 ? 'this file exists' : `these ${present.length} files exist`} in ${out}: ${present.join(', ')}`,
      { hint: 'export into an empty directory, or run again with --force to replace them' },
    );
  }
  const staging = await mkdtemp(
    path.join(out, `.streamkap-gitops-export-${randomBytes(3).toString('hex')}-`),
  );
  try {
    for (const f of files) await writeNew(path.join(staging, f.path), f.text);
    await opts.check(staging);
    await checkDirs(out, files);
    for (const f of files) {
      const target = path.join(out, f.path);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(path.join(staging, f.path), target);
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
