import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { exportLines } from '../../src/cli/run/emulator-background.js';
import { captureIo } from '../helpers/capture-io.js';

const CLI = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(path.resolve('test/emulator/run-cli.ts'))}`;

function bash(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', ['--norc', '-c', script], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** True once nothing answers at `url` any more (the emulator closed its port). */
async function stopped(url: string): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${url}/health`);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('emulator --print-env', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'skgo-print-env-'));
    await writeFile(path.join(dir, 'streamkap.yaml'), 'namespace: demo\nsources: []\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('works with eval: the emulator runs in the background and the exports reach it', async () => {
    const out = await bash(
      `eval "$(${CLI} emulator --port 0 --print-env)" && printf '%s\\n' "$STREAMKAP_API_URL" "$STREAMKAP_CLIENT_ID" "$STREAMKAP_CLIENT_SECRET" "$STREAMKAP_EMULATOR_PID"`,
    );
    const [url, id, secret, pid] = out.trim().split('\n');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    try {
      const env = { STREAMKAP_API_URL: url, STREAMKAP_CLIENT_ID: id, STREAMKAP_CLIENT_SECRET: secret };
      const io = captureIo(env, dir);
      expect(await main(['node', 'streamkap-gitops', 'drift', '.'], io), io.err()).toBe(0);
    } finally {
      process.kill(Number(pid), 'SIGTERM');
    }
    expect(await stopped(url ?? '')).toBe(true);
  });

  it('quotes values for the shell', () => {
    const text = exportLines({ url: 'http://x', client_id: "it's", client_secret: '$(rm -rf /)' }, 42);
    expect(text).toContain(`export STREAMKAP_CLIENT_ID='it'\\''s'`);
    expect(text).toContain(`export STREAMKAP_CLIENT_SECRET='$(rm -rf /)'`);
    expect(text).toContain('export STREAMKAP_EMULATOR_PID=42');
  });
});
