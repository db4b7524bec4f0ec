/**
 * Issue 12, "the proofs stay": kill points. The apply runs as a real child process through the
 * fault proxy, which stops at the Nth write (before it reaches the server, or after the server
 * acted but before the answer) and tells the test, which SIGKILLs the child right there: a
 * deterministic point, no sleep. A re-run converges to the manifests with no duplicate and with
 * foreign objects untouched; once apply takes a namespace lock (issue 12.10), the re-run reports
 * the dead run's lock and `force-unlock` recovers. `npm test` runs 2 of the 10 points.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from '../e2e/harness.js';
import { chaosAccount, expectNoDuplicates, foreignSnapshot } from './account-checks.js';
import { sample } from './chaos-scale.js';
import type { FaultProxy } from './fault-proxy.js';

interface KillPoint {
  /** 1-based write (POST, PUT, DELETE; not the token exchange) at which the child dies. */
  readonly write: number;
  /** true: the server has acted on that write and only its answer is lost. */
  readonly landed: boolean;
}

const KILL_POINTS: readonly KillPoint[] = sample(
  [
    { write: 1, landed: false },
    { write: 2, landed: true },
    { write: 4, landed: false },
    { write: 5, landed: true },
    { write: 7, landed: false },
    { write: 8, landed: true },
    { write: 10, landed: false },
    { write: 11, landed: true },
    { write: 13, landed: true },
    { write: 14, landed: false },
  ],
  5,
);

const account = chaosAccount();
let h: Harness;
beforeEach(() => {
  h = account.harness();
});

/** Starts the proxy: resolves `arrived` when write `at.write` comes, which is then never answered. */
async function stopAtWrite(at: KillPoint): Promise<{ proxy: FaultProxy; arrived: Promise<string> }> {
  let arrive: (what: string) => void = () => undefined;
  const arrived = new Promise<string>((resolve) => (arrive = resolve));
  const never = new Promise<void>(() => undefined);
  const p = await account.proxy({
    beforeWrite: (req) => {
      if (req.write !== at.write || at.landed) return undefined;
      arrive(`${req.method} ${req.path}`);
      return never;
    },
    decide: (req) => {
      if (req.write !== at.write || !at.landed) return 'pass';
      // The server has acted: the answer is held (`hold` never sends it) and the test kills the child.
      arrive(`${req.method} ${req.path}`);
      return 'hold';
    },
  });
  return { proxy: p, arrived };
}

function spawnApply(dir: string, apiUrl: string) {
  const entry = path.resolve('test/e2e/cli-entry.ts');
  const tsx = import.meta.resolve('tsx');
  const child = spawn(
    process.execPath,
    ['--import', tsx, entry, 'apply', dir, '--auto-approve', '--parallelism', '1', '--poll-interval', '10'],
    {
      cwd: h.dir,
      env: { ...process.env, ...h.env({ STREAMKAP_API_URL: apiUrl }) },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<string>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  return { child, exited, stderr: () => stderr };
}

/** Whether this build has the namespace lock of issue 12.10 (its `force-unlock` command). */
async function hasLock(): Promise<boolean> {
  return /^\s+force-unlock\b/m.test((await h.cli(['--help'])).out);
}

describe('kill points: apply SIGKILLed at a chosen write', () => {
  it.each(
    KILL_POINTS.map(
      (k) =>
        [
          `write ${k.write}, ${k.landed ? 'after the server acted' : 'before it reached the server'}`,
          k,
        ] as const,
    ),
  )(
    '%s: a re-run converges, nothing duplicated or foreign touched',
    async (_label, at) => {
      const dir = path.basename(await h.copyExamples());
      const foreign = foreignSnapshot(h);
      const stop = await stopAtWrite(at);
      const run = spawnApply(dir, stop.proxy.url);
      const endedEarly = run.exited.then((how) => {
        throw new Error(`the apply ended (${how}) before write ${at.write}:\n${run.stderr()}`);
      });
      const where = await Promise.race([stop.arrived, endedEarly]);
      run.child.kill('SIGKILL');
      expect(await run.exited, run.stderr()).toBe('SIGKILL');
      expect(where).toMatch(/^(POST|PUT|PATCH|DELETE) \//);

      // NOTE: the lock is the run's first write, so a run killed before that write landed holds none.
      const lock = h.server.emulator.dump().tags.find((t) => t.name.startsWith('gitops-lock:'));
      if (await hasLock())
        expect(Boolean(lock), 'the killed run left its lock').toBe(at.write > 1 || at.landed);
      if (lock) {
        const refused = await h.cli(['apply', dir, '--auto-approve', '--lock-timeout', '0s']);
        expect(refused.code, refused.err).toBe(3);
        expect(refused.err).toMatch(/lock/i);
        const unlocked = await h.cli(['force-unlock', 'shop']);
        expect(unlocked.code, unlocked.err).toBe(0);
      }
      const rerun = await h.cli(['apply', dir, '--auto-approve', '--poll-interval', '10']);
      expect(rerun.code, `${where}\n${rerun.out}\n${rerun.err}`).toBe(0);
      const plan = await h.cli(['plan', dir, '--detailed-exitcode']);
      expect(plan.code, plan.out).toBe(0);
      expectNoDuplicates(h);
      expect(foreignSnapshot(h)).toEqual(foreign);
    },
    120_000,
  );
});
