/**
 * What a command loads at run time, read off a real process (a preload logs every module it
 * resolves): a command that sends nothing loads no HTTP client, and pino loads only once a line is
 * written at the active level. test/cli/lazy-load.test.ts checks the static import graph of the
 * start-up side; this one checks the run side, where a stray import deep in a command's graph would
 * pull them in.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENTRY = path.join(ROOT, 'test/e2e/cli-entry.ts');
const MODULE_LOG_HOOK = path.join(ROOT, 'test/helpers/module-log.mjs');

const HTTP_CLIENT = /^(node_modules\/undici\/|src\/api\/(client|dispatcher|transport-undici)\.ts$)/;
const PINO = /^node_modules\/(pino|pino-std-serializers|thread-stream|sonic-boom)\//;
const EXACT_YAML = /^node_modules\/yaml\//;

/** A local URL nothing listens on: requests to it are refused at once. */
async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('modules a command loads', () => {
  let dir: string;
  let runs = 0;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'skgo-modules-'));
    await writeFile(path.join(dir, 'streamkap.yaml'), 'namespace: demo\nsources: []\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Repository paths of the modules the CLI loaded for `args` (packages as node_modules/<name>/...). */
  async function modulesLoaded(args: readonly string[]): Promise<{ code: number; modules: string[] }> {
    const log = path.join(dir, `modules-${++runs}.txt`);
    const env = {
      ...process.env,
      MODULE_LOG: log,
      NO_COLOR: '1',
      STREAMKAP_CLIENT_ID: 'id',
      STREAMKAP_CLIENT_SECRET: 's',
    };
    const code = await new Promise<number>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', '--import', MODULE_LOG_HOOK, ENTRY, ...args],
        { cwd: ROOT, env, timeout: 60_000 },
        (error) =>
          typeof error?.code === 'number' ? resolve(error.code) : error ? reject(error) : resolve(0),
      );
    });
    const urls = (await readFile(log, 'utf8')).split('\n').filter((l) => l.startsWith('file:'));
    const modules = urls.map((u) => path.relative(ROOT, fileURLToPath(u)).split(path.sep).join('/'));
    return { code, modules: [...new Set(modules)] };
  }

  it('validate loads the schema, but neither the HTTP client nor pino', async () => {
    const { code, modules } = await modulesLoaded(['validate', 'examples', '--allow-missing-env']);
    expect(code).toBe(0);
    expect(modules).toContain('src/schema/validate-structure.ts');
    expect(modules.filter((m) => HTTP_CLIENT.test(m) || PINO.test(m))).toEqual([]);
  });

  it('plan loads the HTTP client, and pino only when a line is written at the active level', async () => {
    const plan = ['plan', dir, '--api-url', await refusedUrl(), '--max-retries', '0'];
    const quiet = await modulesLoaded(plan);
    expect(quiet.code).not.toBe(0);
    expect(quiet.modules.filter((m) => HTTP_CLIENT.test(m)).length).toBeGreaterThan(0);
    expect(quiet.modules.filter((m) => PINO.test(m))).toEqual([]);
    // At debug level the client logs each request: pino is loaded to write it.
    const debug = await modulesLoaded(['--log-level', 'debug', ...plan]);
    expect(debug.modules.filter((m) => PINO.test(m)).length).toBeGreaterThan(0);
  });

  it('plain manifests are read without loading yaml; a file with an anchor loads it', async () => {
    const plain = await modulesLoaded(['validate', dir]);
    expect(plain.code).toBe(0);
    expect(plain.modules).toContain('node_modules/js-yaml/dist/js-yaml.mjs');
    expect(plain.modules.filter((m) => EXACT_YAML.test(m))).toEqual([]);
    const anchored = path.join(dir, 'anchored');
    await mkdir(anchored);
    await writeFile(path.join(anchored, 'streamkap.yaml'), 'namespace: &ns demo\nsources: []\n');
    const exact = await modulesLoaded(['validate', anchored]);
    expect(exact.code).toBe(0);
    expect(exact.modules.filter((m) => EXACT_YAML.test(m)).length).toBeGreaterThan(0);
  });
});
