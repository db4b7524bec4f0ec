/**
 * The launcher (bin/streamkap-gitops.js) answers `--version` from dist/cli/version.js alone, without
 * loading the CLI: run here against a stand-in dist/ whose main.js would say so if it were loaded.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MODULE_LOG_HOOK = path.join(ROOT, 'test/helpers/module-log.mjs');

interface Outcome {
  readonly code: number;
  readonly out: string;
  readonly modules: readonly string[];
}

describe('the launcher', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'skgo-bin-'));
    await mkdir(path.join(dir, 'bin'));
    await mkdir(path.join(dir, 'dist/cli'), { recursive: true });
    await copyFile(path.join(ROOT, 'bin/streamkap-gitops.js'), path.join(dir, 'bin/streamkap-gitops.js'));
    await writeFile(path.join(dir, 'package.json'), '{"type":"module"}\n');
    await writeFile(path.join(dir, 'dist/cli/version.js'), "export const TOOL_VERSION = '9.8.7';\n");
    await writeFile(
      path.join(dir, 'dist/cli/main.js'),
      "export async function main(argv) { process.stdout.write('main ' + argv.slice(2).join(' ') + '\\n'); return 3; }\n",
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function run(args: readonly string[]): Promise<Outcome> {
    const log = path.join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
    await writeFile(log, '');
    const bin = path.join(dir, 'bin/streamkap-gitops.js');
    const { code, out } = await new Promise<{ code: number; out: string }>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', MODULE_LOG_HOOK, bin, ...args],
        { env: { ...process.env, MODULE_LOG: log }, timeout: 30_000 },
        (error, stdout) => {
          const status = error === null ? 0 : error.code;
          if (typeof status === 'number') resolve({ code: status, out: stdout });
          else reject(error ?? new Error('no exit code'));
        },
      );
    });
    const modules = (await readFile(log, 'utf8')).split('\n').filter((l) => l.startsWith('file:'));
    return { code, out, modules: modules.map((m) => path.relative(dir, fileURLToPath(m))) };
  }

  it('prints the version from dist/cli/version.js and loads nothing else of ours', async () => {
    const outcome = await run(['--version']);
    expect(outcome).toMatchObject({ code: 0, out: '9.8.7\n' });
    expect(outcome.modules.filter((m) => !m.startsWith('..'))).toEqual([
      'bin/streamkap-gitops.js',
      'dist/cli/version.js',
    ]);
  });

  it('hands every other command line to the CLI', async () => {
    for (const args of [['--version', '--debug'], ['plan', '--version'], ['--help']]) {
      const outcome = await run(args);
      expect(outcome, args.join(' ')).toMatchObject({ code: 3, out: `main ${args.join(' ')}\n` });
      expect(outcome.modules).toContain('dist/cli/main.js');
    }
  });
});
