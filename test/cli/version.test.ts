import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOOL_VERSION } from '../../src/cli/version.js';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture-io.js';

describe('cli frame', () => {
  it('reports the package.json version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(TOOL_VERSION).toBe(pkg.version);
    const io = captureIo();
    expect(await main(['node', 'streamkap-gitops', '--version'], io)).toBe(0);
    expect(io.out()).toContain(pkg.version);
  });

  it('lists the commands in --help', async () => {
    const io = captureIo();
    expect(await main(['node', 'streamkap-gitops', '--help'], io)).toBe(0);
    for (const cmd of ['validate', 'plan', 'apply', 'drift', 'schema', 'emulator', 'demo']) {
      expect(io.out()).toContain(cmd);
    }
  });

  it('maps an unknown flag to exit 4', async () => {
    const io = captureIo();
    expect(await main(['node', 'streamkap-gitops', '--bogus'], io)).toBe(4);
  });
});
