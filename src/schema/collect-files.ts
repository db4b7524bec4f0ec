import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { isInside, STAY_INSIDE_HINT } from './manifest-root.js';
import type { ProblemList } from './problems.js';
import { fileKind } from './read-limited.js';

const MANIFEST_EXT = /\.ya?ml$/i;
/** Directories never searched: VCS and tool folders hold YAML that is not ours. */
const SKIPPED_DIRS = new Set(['node_modules']);
const START = { line: 1, col: 1 };

export interface ManifestPath {
  /** Real path (symlinks resolved): what is read, and what relative references start from. */
  readonly absPath: string;
  /** Relative to cwd with forward slashes, as found (a symlink keeps its own name): how messages and DesiredState.files name it. */
  readonly display: string;
  /** Real path of the manifest root it was found under (see manifest-root.ts). */
  readonly root: string;
}

export function displayPath(absPath: string, cwd: string): string {
  const rel = path.relative(cwd, absPath);
  const shown = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? absPath : rel;
  return shown.split(path.sep).join('/');
}

interface Found extends ManifestPath {
  /** Reached through a symlink: a direct path to the same file is preferred for `display`. */
  readonly viaLink: boolean;
}

interface Reporting {
  readonly cwd: string;
  readonly problems: ProblemList;
}

interface Walk extends Reporting {
  readonly root: string;
  readonly found: Map<string, Found>;
  /** Manifests met so far, counting a file met twice twice (for "no manifests in this directory"). */
  readonly met: { n: number };
  /** Real directories already searched through a symlink (a link to one is not searched again). */
  readonly searched: Set<string>;
}

function add(w: Walk, real: string, lexical: string, viaLink: boolean): void {
  w.met.n += 1;
  const before = w.found.get(real);
  if (before && !(before.viaLink && !viaLink)) return;
  w.found.set(real, { absPath: real, display: displayPath(lexical, w.cwd), root: w.root, viaLink });
}

function error(w: Reporting, lexical: string, message: string, hint?: string): void {
  w.problems.add('error', displayPath(lexical, w.cwd), START, [], message, hint);
}

function codeOf(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? 'error';
}

/** A symlink met while walking: followed when it stays inside the root, refused when not. */
async function followLink(
  w: Walk,
  lexical: string,
  linkPath: string,
  ancestors: ReadonlySet<string>,
): Promise<void> {
  const isManifest = MANIFEST_EXT.test(linkPath);
  let real: string;
  let info: Stats;
  try {
    real = await realpath(linkPath);
    info = await stat(real);
  } catch (e) {
    const code = codeOf(e);
    if (code === 'ELOOP')
      error(w, lexical, 'symbolic link loop', 'remove the link or point it at a file or directory');
    else if (code !== 'ENOENT') error(w, lexical, `cannot follow the symbolic link (${code})`);
    else if (isManifest)
      error(w, lexical, 'symbolic link to a missing file', 'remove the link or restore its target');
    else
      w.problems.add(
        'warning',
        displayPath(lexical, w.cwd),
        START,
        [],
        'symbolic link to a missing path; skipped',
      );
    return;
  }
  if (!info.isDirectory() && !isManifest) return; // a link to a file that is not a manifest
  if (!isInside(w.root, real)) {
    error(w, lexical, 'symbolic link leaves the manifest root', STAY_INSIDE_HINT);
  } else if (info.isDirectory()) {
    if (ancestors.has(real))
      error(w, lexical, 'symbolic link loop: it points to a directory that contains it', 'remove the link');
    else if (!w.searched.has(real)) {
      w.searched.add(real);
      await walk(w, lexical, real, ancestors, true);
    }
  } else if (!info.isFile()) {
    error(w, lexical, `not a regular file: it is ${fileKind(info)}`, 'manifests must be regular files');
  } else {
    add(w, real, lexical, true);
  }
}

async function entryKind(e: Dirent, full: string): Promise<'dir' | 'file' | 'link' | 'other'> {
  // NOTE: some file systems do not report entry types; lstat says what the entry is then.
  const s: Dirent | Stats = e.isFile() || e.isDirectory() || e.isSymbolicLink() ? e : await lstat(full);
  return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : s.isSymbolicLink() ? 'link' : 'other';
}

/** Searches `realDir` (found at `lexDir`) for manifests; `ancestors` are the real directories above. */
async function walk(
  w: Walk,
  lexDir: string,
  realDir: string,
  above: ReadonlySet<string>,
  viaLink: boolean,
): Promise<void> {
  const ancestors = new Set(above).add(realDir);
  let entries: Dirent[];
  try {
    entries = await readdir(realDir, { withFileTypes: true });
  } catch (e) {
    error(w, lexDir, `cannot read the directory (${codeOf(e)})`, 'check its permissions');
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    // NOTE: hidden entries (.git, .github workflows) and node_modules hold YAML that is not a manifest.
    if (e.name.startsWith('.') || SKIPPED_DIRS.has(e.name)) continue;
    const [lexical, full] = [path.join(lexDir, e.name), path.join(realDir, e.name)];
    const kind = await entryKind(e, full);
    if (kind === 'dir') await walk(w, lexical, full, ancestors, viaLink);
    else if (kind === 'link') await followLink(w, lexical, full, ancestors);
    else if (!MANIFEST_EXT.test(e.name)) continue;
    else if (kind === 'file') add(w, full, lexical, viaLink);
    else
      error(
        w,
        lexical,
        `not a regular file: it is ${fileKind(await lstat(full))}`,
        'manifests must be regular files',
      );
  }
}

/** One command-line argument: a directory (its own root) or a file (its directory is the root). */
async function collectArgument(w: Omit<Walk, 'root'>, abs: string): Promise<void> {
  let info: Stats;
  try {
    info = await stat(abs);
  } catch (e) {
    const loop = codeOf(e) === 'ELOOP';
    error(w, abs, loop ? 'symbolic link loop' : 'no such file or directory', 'check the path');
    return;
  }
  if (info.isDirectory()) {
    const root = await realpath(abs);
    const [met, errors] = [w.met.n, w.problems.errorCount];
    await walk({ ...w, root }, abs, root, new Set(), false);
    if (w.met.n === met && w.problems.errorCount === errors) {
      const shown = displayPath(abs, w.cwd);
      error(
        w,
        abs,
        `no manifests found under ${shown}`,
        'manifests are *.yaml or *.yml files; pass the directory that holds them',
      );
    }
  } else if (info.isFile()) {
    const [root, real] = [await realpath(path.dirname(abs)), await realpath(abs)];
    if (isInside(root, real)) add({ ...w, root }, real, abs, false);
    else
      error(
        w,
        abs,
        'symbolic link leaves the manifest root (the directory of this file)',
        'pass the path of the file it points to',
      );
  } else {
    error(
      w,
      abs,
      `not a regular file or directory: it is ${fileKind(info)}`,
      'pass manifest files or directories',
    );
  }
}

/**
 * Expands files and directories (recursively, `*.yaml`/`*.yml`, following symlinks that stay inside
 * the root) into a list sorted by display path, each file once. Problems are reported at 1:1 of a path.
 */
export async function collectManifestPaths(
  inputs: readonly string[],
  cwd: string,
  problems: ProblemList,
): Promise<ManifestPath[]> {
  const w = { cwd, problems, found: new Map<string, Found>(), met: { n: 0 }, searched: new Set<string>() };
  for (const input of inputs) await collectArgument(w, path.resolve(cwd, input));
  return [...w.found.values()]
    .map(({ absPath, display, root }) => ({ absPath, display, root }))
    .sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}
