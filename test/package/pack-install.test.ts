import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, ROOT, run, type Installed } from './packed.js';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('the npm package', () => {
  let installed: Installed;
  beforeAll(async () => {
    installed = await packAndInstall();
  }, 240_000);
  afterAll(async () => {
    if (installed !== undefined) await rm(installed.tmp, { recursive: true, force: true });
  });

  it('ships the built CLI and the demo manifests, not the sources or tests', () => {
    const files = installed.packedFiles;
    for (const f of ['bin/streamkap-gitops.js', 'dist/cli/main.js', 'examples/streamkap.yaml', 'README.md'])
      expect(files, f).toContain(f);
    expect(files).toContain('examples/transforms/mask-emails.js');
    expect(files.filter((f) => /^(src|test|scripts|bench)\//.test(f) || f.endsWith('.map'))).toEqual([]);
  });

  it('installs runtime dependencies only', () => {
    const modules = path.join(installed.app, 'node_modules');
    for (const dep of Object.keys(pkg.dependencies))
      expect(existsSync(path.join(modules, dep)), dep).toBe(true);
    const dev = Object.keys(pkg.devDependencies).filter((d) => existsSync(path.join(modules, d)));
    expect(dev).toEqual([]);
  });

  it('runs --version and validates the packaged example', async () => {
    const version = await run(installed.bin, ['--version'], { cwd: installed.app });
    expect(version).toMatchObject({ code: 0, out: `${pkg.version}\n` });
    const examples = path.join('node_modules', 'streamkap-gitops', 'examples');
    const validate = await run(installed.bin, ['validate', examples, '--allow-missing-env'], {
      cwd: installed.app,
    });
    expect(validate.err).toBe('');
    expect(validate.code).toBe(0);
  });

  it('runs the demo through npx from the empty project', async () => {
    const demo = await run('npx', ['--no-install', 'streamkap-gitops', 'demo'], { cwd: installed.app });
    expect(demo.out).toContain('Demo complete');
    expect(demo.code).toBe(0);
  }, 120_000);
});
