/**
 * A reader that stops early (`streamkap-gitops schema | head -1`) closes stdout under the CLI: the
 * process must end quietly with its own exit code, not with an EPIPE stack trace. The read end is
 * closed before the child writes anything, so every write fails, whatever the timing.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENTRY = path.join(ROOT, 'test/e2e/cli-entry.ts');

function runWithClosedStdout(args: readonly string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, err }));
  });
}

describe('a closed stdout', () => {
  it('ends --help quietly with exit 0', async () => {
    expect(await runWithClosedStdout(['emulator', '--help'])).toEqual({ code: 0, err: '' });
  });

  it('ends a command quietly with its own exit code', async () => {
    expect(await runWithClosedStdout(['schema'])).toEqual({ code: 0, err: '' });
    const usage = await runWithClosedStdout(['schema', '--bogus']);
    expect(usage.code).toBe(4);
    expect(usage.err).not.toMatch(/EPIPE|node:internal|\n\s+at /);
  });
});
