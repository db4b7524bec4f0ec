import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { FORMAT_VERSION } from '../../src/model/index.js';
import { captureIo } from '../helpers/capture-io.js';
import { manifestDir, PG_SOURCE } from './helpers.js';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});
function dir(files: Record<string, string>): string {
  const d = manifestDir(files);
  cleanups.push(d.cleanup);
  return d.dir;
}

const run = async (args: string[], env: Record<string, string>, cwd: string) => {
  const io = captureIo(env, cwd);
  const code = await main(['node', 'streamkap-gitops', ...args], io);
  return { code, out: io.out(), err: io.err() };
};

describe('validate command', () => {
  it('defaults to the current directory and prints a summary (exit 0)', async () => {
    const d = dir({ 'streamkap.yaml': `namespace: shop\nsources:\n${PG_SOURCE}` });
    const { code, out } = await run(['validate'], { PG_PASSWORD: 'pw' }, d);
    expect(code).toBe(0);
    expect(out).toBe('valid: namespace "shop", 1 file, 1 source\n');
  });

  it('colours problems and the summary on a TTY, never with NO_COLOR or --no-color (issue 8.13)', async () => {
    const d = dir({ 'm.yaml': `namespace: shop\nsources:\n${PG_SOURCE}` });
    const tty = async (env: Record<string, string>, ...flags: string[]): Promise<string> => {
      const io = captureIo(env, d);
      (io.stdout as { isTTY?: boolean }).isTTY = true;
      await main(['node', 'streamkap-gitops', ...flags, 'validate', 'm.yaml'], io);
      return io.out();
    };
    expect(await tty({})).toContain('\u001b[31mm.yaml:');
    expect(await tty({})).toContain('\u001b[31minvalid: 1 error\u001b[0m');
    expect(await tty({ PG_PASSWORD: 'pw' })).toBe(
      '\u001b[32mvalid: namespace "shop", 1 file, 1 source\u001b[0m\n',
    );
    expect(await tty({ NO_COLOR: '1' })).not.toContain('\u001b[');
    expect(await tty({}, '--no-color')).not.toContain('\u001b[');
  });

  it('a missing variable in a plain value: the hint names it (issue 8.13)', async () => {
    const d = dir({
      'm.yaml': `namespace: shop\nsources:\n${PG_SOURCE.replace('db.internal', '${env:PG_HOST}')}`,
    });
    const { out } = await run(['validate', 'm.yaml'], { PG_PASSWORD: 'pw' }, d);
    expect(out).toContain(
      'environment variable PG_HOST is not set  (set PG_HOST, or run validate with --allow-missing-env)',
    );
  });

  it('an empty directory: "no manifests found under DIR" (exit 4)', async () => {
    const d = dir({ 'streamkap/README.txt': 'not a manifest\n' });
    const { code, out } = await run(['validate', 'streamkap'], {}, d);
    expect(code).toBe(4);
    expect(out).toContain('streamkap:1:1  (document)  no manifests found under streamkap');
  });

  it('prints problem lines, warnings included, then a summary (exit 4)', async () => {
    const text = `namespace: shop\nsources:\n${PG_SOURCE.replace('database_user', 'databse_user')}      predicates_istopictoenrich_pattern: x\n`;
    const d = dir({ 'm.yaml': text });
    const { code, out } = await run(['validate', 'm.yaml'], { PG_PASSWORD: 'pw' }, d);
    expect(code).toBe(4);
    expect(out.split('\n')).toEqual([
      'm.yaml:6:7  sources[0].config.database_user  missing required config key "database_user"  (API key "database.user")',
      'm.yaml:7:7  sources[0].config.databse_user  unknown config key "databse_user" for source connector "postgresql"  (did you mean "database_user"?)',
      'm.yaml:12:7  sources[0].config.predicates_istopictoenrich_pattern  warning: "predicates_istopictoenrich_pattern" is deprecated  (use "predicates_is_topic_to_enrich_pattern")',
      'invalid: 2 errors, 1 warning',
      '',
    ]);
  });

  it('--format json prints a versioned document and never a secret', async () => {
    const d = dir({
      'm.yaml': `namespace: shop\nsources:\n${PG_SOURCE.replace('${env:PG_PASSWORD}', 'hunter2-secret')}`,
    });
    const { code, out } = await run(['validate', '--format', 'json', '.'], {}, d);
    expect(code).toBe(4);
    const body = JSON.parse(out) as {
      format_version: number;
      valid: boolean;
      errors: number;
      problems: unknown[];
    };
    expect(body).toMatchObject({ format_version: FORMAT_VERSION, valid: false, errors: 1 });
    expect(body.problems).toEqual([
      expect.objectContaining({
        file: 'm.yaml',
        line: 8,
        col: 26,
        severity: 'error',
        path: 'sources[0].config.database_password',
      }),
    ]);
    expect(out).not.toContain('hunter2');
  });

  it('--allow-missing-env checks structure without the variables', async () => {
    const d = dir({ 'm.yaml': `namespace: shop\nsources:\n${PG_SOURCE}` });
    expect((await run(['validate', 'm.yaml'], {}, d)).code).toBe(4);
    expect((await run(['validate', '--allow-missing-env', 'm.yaml'], {}, d)).code).toBe(0);
  });

  it('a missing path is invalid input', async () => {
    const d = dir({});
    const { code, out } = await run(['validate', 'nope.yaml'], {}, d);
    expect(code).toBe(4);
    expect(out).toContain('nope.yaml:1:1  (document)  no such file or directory');
  });

  it('an unknown --format is a usage error (exit 4)', async () => {
    const d = dir({});
    expect((await run(['validate', '--format', 'xml'], {}, d)).code).toBe(4);
  });
});
