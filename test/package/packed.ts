/**
 * Packs this repository as `npm pack` would publish it and installs the tarball into an empty
 * directory, the way a user's project gets it: runtime dependencies only, no build at install time.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunOutcome {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * The environment for a nested npm or CLI: without the npm_* variables `npm test` sets for its own
 * script (a nested npm would read npm_config_local_prefix and friends as its own config), but with
 * the cache and registry settings so the install finds what `npm ci` just cached.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.toLowerCase().startsWith('npm_') || keep.has(k.toLowerCase())) env[k] = v;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Runs a program to its end; never throws on a non-zero exit. */
export function run(
  file: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env ?? childEnv(), maxBuffer: 32 * 1024 * 1024, timeout: 180_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
        if (code === undefined) reject(error ?? new Error(`${file} did not exit`));
        else resolve({ code, out: stdout, err: stderr });
      },
    );
  });
}

export interface Installed {
  /** The temp directory holding the tarball and the project; removed by the test. */
  readonly tmp: string;
  /** The empty project the tarball was installed into. */
  readonly app: string;
  /** Paths inside the tarball (`package/` stripped). */
  readonly packedFiles: readonly string[];
  /** node_modules/.bin/streamkap-gitops of the project. */
  readonly bin: string;
}

async function mustRun(file: string, args: string[], cwd: string): Promise<string> {
  const r = await run(file, args, { cwd });
  if (r.code !== 0) throw new Error(`${file} ${args.join(' ')} exited ${r.code}:\n${r.err}\n${r.out}`);
  return r.out;
}

export async function packAndInstall(): Promise<Installed> {
  const tmp = await mkdtemp(path.join(tmpdir(), 'skgo-pack-'));
  // `npm pack` runs prepack (the build) and prints the tarball's manifest as JSON.
  const manifest = JSON.parse(await mustRun('npm', ['pack', '--json', '--pack-destination', tmp], ROOT)) as {
    filename: string;
    files: { path: string }[];
  }[];
  const tarball = path.join(tmp, path.basename(manifest[0]?.filename ?? ''));
  if (!(await readdir(tmp)).includes(path.basename(tarball))) throw new Error(`no ${tarball}`);
  const app = path.join(tmp, 'app');
  await mkdir(app);
  await writeFile(path.join(app, 'package.json'), '{ "name": "app", "private": true }\n');
  // NOTE: --prefer-offline: the packages are in the cache `npm ci` filled; the registry is only
  // asked about what is missing there.
  await mustRun(
    'npm',
    ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--omit=dev'],
    app,
  );
  return {
    tmp,
    app,
    packedFiles: (manifest[0]?.files ?? []).map((f) => f.path),
    bin: path.join(app, 'node_modules', '.bin', 'streamkap-gitops'),
  };
}
