/**
 * `init`: the files of a new streamkap-gitops repository, and writing them without ever replacing
 * one that exists unless asked to (--force).
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { SafetyError } from '../errors/index.js';
import { starterManifest, type StarterOptions } from './starter-manifest.js';
import { githubWorkflows } from './workflows.js';

export interface ScaffoldOptions extends StarterOptions {
  /** The CLI version the workflows pin. */
  readonly version: string;
}

export interface ScaffoldFile {
  /** Relative to the target directory, `/`-separated. */
  readonly path: string;
  readonly text: string;
}

export const MANIFEST_DIR = 'streamkap';

function envExample(names: readonly string[]): string {
  return [
    '# The environment streamkap-gitops needs. Copy to .env (never commit it) or set these as CI secrets.',
    '# The Streamkap API client (Settings > API tokens in Streamkap):',
    'STREAMKAP_CLIENT_ID=',
    'STREAMKAP_CLIENT_SECRET=',
    '# Every ${env:NAME} the manifests reference:',
    ...names.map((n) => `${n}=`),
    '',
  ].join('\n');
}

const IGNORE_FILE = [
  '# Known exceptions `streamkap-gitops drift` does not report (docs/drift.md, "Ignore file").',
  '# <kind>/<name-glob> [field-path-glob], e.g.:',
  '#   source/legacy-*                  a whole object',
  '#   pipeline/* tags                  one field of matching objects',
  '',
].join('\n');

export function scaffoldFiles(o: ScaffoldOptions): ScaffoldFile[] {
  const manifest = starterManifest(o);
  const workflows = githubWorkflows({
    paths: `${MANIFEST_DIR}/`,
    envNames: manifest.envNames,
    version: o.version,
  });
  return [
    { path: `${MANIFEST_DIR}/streamkap.yaml`, text: manifest.text },
    { path: '.env.example', text: envExample(manifest.envNames) },
    { path: '.streamkap-gitops-ignore', text: IGNORE_FILE },
    ...Object.entries(workflows).map(([name, text]) => ({ path: `.github/workflows/${name}`, text })),
  ];
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Writes the files under `dir`. Without `force`, refuses (SafetyError, exit 3) when any of them
 * exists, naming each, and writes none: a half-written scaffold is worse than none.
 */
export async function writeScaffold(
  dir: string,
  files: readonly ScaffoldFile[],
  force: boolean,
): Promise<void> {
  const present: string[] = [];
  for (const f of files) if (await exists(path.join(dir, f.path))) present.push(f.path);
  if (present.length > 0 && !force) {
    throw new SafetyError(
      `init: nothing was written, because ${present.length === 1 ? 'this file exists' : `these ${present.length} files exist`} in ${dir}: ${present.join(', ')}`,
      { hint: 'move them away, or run init again with --force to overwrite them' },
    );
  }
  for (const f of files) {
    const target = path.join(dir, f.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, f.text);
  }
}
