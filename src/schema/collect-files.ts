import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { ProblemList } from './problems.js';

const MANIFEST_EXT = /\.ya?ml$/i;
/** Directories never searched: VCS and tool folders hold YAML that is not ours. */
const SKIPPED_DIRS = new Set(['node_modules']);

export interface ManifestPath {
  /** Absolute path. */
  readonly absPath: string;
  /** Relative to cwd with forward slashes: how messages and DesiredState.files name it. */
  readonly display: string;
}

export function displayPath(absPath: string, cwd: string): string {
  const rel = path.relative(cwd, absPath);
  const shown = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? absPath : rel;
  return shown.split(path.sep).join('/');
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    // NOTE: hidden entries (.git, .github workflows) and node_modules hold YAML that is not a manifest.
    if (e.name.startsWith('.') || SKIPPED_DIRS.has(e.name)) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) await walk(full, out);
    else if (e.isFile() && MANIFEST_EXT.test(e.name)) out.push(full);
  }
}

/**
 * Expands files and directories (recursively, `*.yaml`/`*.yml`) into a sorted, de-duplicated list.
 * A missing path or a directory without manifests is a problem, reported at 1:1 of that path.
 */
export async function collectManifestPaths(
  inputs: readonly string[],
  cwd: string,
  problems: ProblemList,
): Promise<ManifestPath[]> {
  const found = new Set<string>();
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const shown = displayPath(abs, cwd);
    let info;
    try {
      info = await stat(abs);
    } catch {
      problems.add('error', shown, { line: 1, col: 1 }, [], 'no such file or directory', 'check the path');
      continue;
    }
    if (info.isDirectory()) {
      const files: string[] = [];
      await walk(abs, files);
      if (files.length === 0) {
        problems.add(
          'error',
          shown,
          { line: 1, col: 1 },
          [],
          'no *.yaml or *.yml manifests in this directory',
        );
      }
      for (const f of files) found.add(f);
    } else {
      found.add(abs);
    }
  }
  return [...found].sort().map((absPath) => ({ absPath, display: displayPath(absPath, cwd) }));
}
