/**
 * `emulator --print-env`: starts the emulator as a detached background process and prints
 * `export ...` lines for `eval "$(streamkap-gitops emulator --print-env)"`. Command substitution
 * waits for the command to exit, so the server cannot run in this process.
 */
import { spawn } from 'node:child_process';
import { UserError } from '../../errors/index.js';

interface Ready {
  readonly url: string;
  readonly client_id: string;
  readonly client_secret: string;
}

/** A value single-quoted for POSIX shells. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function exportLines(ready: Ready, pid: number): string {
  return [
    `export STREAMKAP_API_URL=${shellQuote(ready.url)}`,
    `export STREAMKAP_CLIENT_ID=${shellQuote(ready.client_id)}`,
    `export STREAMKAP_CLIENT_SECRET=${shellQuote(ready.client_secret)}`,
    `export STREAMKAP_EMULATOR_PID=${pid}`,
    '# stop it with: kill $STREAMKAP_EMULATOR_PID',
    '',
  ].join('\n');
}

/**
 * The same CLI invocation without --print-env, as a background process. NOTE: it re-runs this
 * process's own entry point (process.argv[1] with its node flags), so it works from the bin and
 * from `node --import tsx`; the child logs nothing (it has no terminal).
 */
export function startInBackground(argv: readonly string[]): Promise<{ ready: Ready; pid: number }> {
  const args = [
    ...process.execArgv,
    ...argv.slice(1).filter((a) => a !== '--print-env'),
    '--log-level',
    'silent',
  ];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const fail = (why: string): void =>
      reject(
        new UserError(`The background emulator did not start: ${why}`, {
          hint: 'run it in the foreground (without --print-env) to see why',
        }),
      );
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      child.stdout.destroy();
      child.stderr.destroy();
      child.unref();
      try {
        resolve({ ready: JSON.parse(out.slice(0, nl)) as Ready, pid: child.pid ?? 0 });
      } catch {
        fail(`unexpected output ${JSON.stringify(out.slice(0, nl))}`);
      }
    });
    child.on('error', (e) => fail(e.message));
    child.on('exit', (code) => fail(`it exited with code ${code}${err.trim() ? `: ${err.trim()}` : ''}`));
  });
}
