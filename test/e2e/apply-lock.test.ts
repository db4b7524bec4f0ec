/**
 * Issue 12.10: one apply per namespace at a time, through a lock tag `gitops-lock:<namespace>`.
 * Interleavings are forced with barriers, never sleeps: a gate on the emulator's injected latency
 * holds one run in the middle of its writes, and the waiting run's clock opens it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, resolveApiConfig } from '../../src/api/index.js';
import { acquireLock, lockTagName } from '../../src/applier/namespace-lock.js';
import type { Clock } from '../../src/applier/index.js';
import { main } from '../../src/cli/main.js';
import { SafetyError } from '../../src/errors/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import { captureIo } from '../helpers/capture-io.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { apiCall, startHarness, type Harness, type RunResult } from './harness.js';
import { applyTeam, writeTeam } from './teams.js';

/** The injected latency that marks a gated request (POST /destinations). */
const GATE_MS = 4242;

function makeGate(): { reached: Promise<void>; open: () => void; sleep: (ms: number) => Promise<void> } {
  let arrive = (): void => undefined;
  let open = (): void => undefined;
  const reached = new Promise<void>((r) => (arrive = r));
  const opened = new Promise<void>((r) => (open = r));
  return {
    reached,
    open,
    sleep: async (ms) => {
      if (ms !== GATE_MS) return;
      arrive();
      await opened;
    },
  };
}

let h: Harness;
let gate: ReturnType<typeof makeGate>;
beforeEach(async () => {
  gate = makeGate();
  h = await startHarness({ sleep: gate.sleep });
  await writeTeam(h, 'a', { namespace: 'shop', destinations: [{ name: 'wh-a' }] });
  await writeTeam(h, 'b', { namespace: 'shop', destinations: [{ name: 'wh-b' }] });
});
afterEach(async () => {
  await h.close();
});

const destinations = (): string[] =>
  h.server.emulator
    .dump()
    .destinations.map((d) => d.name)
    .sort();
const lockTag = () => h.server.emulator.dump().tags.find((t) => t.name === lockTagName('shop'));
const holdPosts = (): void => {
  h.server.emulator.configure({ rules: [{ method: 'POST', path: '/destinations', latencyMs: GATE_MS }] });
};

/** The CLI in-process with its own clock (the harness's runs share theirs). */
async function cliWithClock(args: string[], clock: Clock): Promise<RunResult> {
  const io = captureIo(h.env(), h.dir);
  const code = await main(['node', 'streamkap-gitops', ...args], { ...io, clock });
  return { code, out: io.out(), err: io.err() };
}

const LOCK_WRITE = { type: ['pipelines'], created_from: 'api' };

describe('one apply per namespace at a time (issue 12.10)', () => {
  it('a second apply with --lock-timeout 0s is refused (exit 3) naming the holder; the end state is the first manifest', async () => {
    holdPosts();
    const first = applyTeam(h, 'a');
    await gate.reached;
    const description = lockTag()?.description ?? '';
    const runId = /run (\S+) until/.exec(description)?.[1];
    expect(runId).toBeDefined();
    const second = await applyTeam(h, 'b', '--allow-destructive', '--lock-timeout', '0s');
    expect(second.code, second.out + second.err).toBe(3);
    expect(second.err).toContain(`locked by another apply: run ${runId} (expires 20`);
    gate.open();
    const done = await first;
    expect(done.code, done.out + done.err).toBe(0);
    expect(destinations()).toEqual(['wh-a']);
    expect(lockTag()).toBeUndefined();
  });

  it('a second apply that waits runs after the first: both exit 0, the end state is exactly the second manifest', async () => {
    holdPosts();
    const first = applyTeam(h, 'a');
    await gate.reached;
    // The waiting run's first pause lets the first run finish; no time passes on either clock.
    const waiter = new FakeClock();
    let firstResult: RunResult | undefined;
    const clock: Clock = {
      now: waiter.now,
      sleep: async (ms) => {
        gate.open();
        firstResult ??= await first;
        await waiter.sleep(ms);
      },
    };
    const second = await cliWithClock(
      ['apply', 'b', '--auto-approve', '--allow-destructive', '--lock-timeout', '10m'],
      clock,
    );
    expect(firstResult?.code, `${firstResult?.out}${firstResult?.err}`).toBe(0);
    expect(second.code, second.out + second.err).toBe(0);
    expect(second.err).toContain('Waiting for the lock of namespace "shop", held by run ');
    expect(destinations()).toEqual(['wh-b']);
    expect((await h.cli(['plan', 'b', '--detailed-exitcode'])).code).toBe(0);
    expect(lockTag()).toBeUndefined();
  });

  it('an expired lock is taken over; plan and drift take no lock and do not report it', async () => {
    await apiCall(h.server, 'POST', '/tags', {
      name: lockTagName('shop'),
      description: 'streamkap-gitops apply lock: run killed-long-ago until 2000-01-01T00:00:00.000Z',
      ...LOCK_WRITE,
    });
    expect((await h.cli(['plan', 'a'])).out).not.toContain('gitops-lock');
    const r = await applyTeam(h, 'a', '--lock-timeout', '0s');
    expect(r.code, r.out + r.err).toBe(0);
    expect(lockTag()).toBeUndefined();
    const drift = await h.cli(['drift', 'a']);
    expect(drift.code, drift.out + drift.err).toBe(0);
  });

  it('force-unlock removes a lock a killed run left; then apply proceeds', async () => {
    await apiCall(h.server, 'POST', '/tags', {
      name: lockTagName('shop'),
      description: 'streamkap-gitops apply lock: run killed-run until 2099-01-01T00:00:00.000Z',
      ...LOCK_WRITE,
    });
    const refused = await applyTeam(h, 'a');
    expect(refused.code).toBe(3);
    expect(refused.err).toContain('run killed-run (expires 2099-01-01T00:00:00.000Z)');
    expect(refused.err).toContain('force-unlock shop');
    expect((await h.cli(['plan', 'a', '--detailed-exitcode'])).code).toBe(2);
    const unlocked = await h.cli(['force-unlock', 'shop']);
    expect(unlocked.code, unlocked.err).toBe(0);
    expect(unlocked.out).toContain('held by run killed-run');
    expect((await h.cli(['force-unlock', 'shop'])).out).toContain('is not locked');
    expect((await applyTeam(h, 'a')).code).toBe(0);
  });

  it('two runs taking over one expired lock at once: exactly one gets it', async () => {
    await apiCall(h.server, 'POST', '/tags', {
      name: lockTagName('shop'),
      description: 'streamkap-gitops apply lock: run dead until 2000-01-01T00:00:00.000Z',
      ...LOCK_WRITE,
    });
    const client = () => createApiClient(resolveApiConfig(h.env(), {}), silentLogger());
    const clients = [client(), client()];
    const results = await Promise.allSettled(
      clients.map((c, i) =>
        acquireLock({ client: c, namespace: 'shop', clock: new FakeClock(), timeoutMs: 0, runId: `r${i}` }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(SafetyError);
    expect(h.server.emulator.dump().tags.filter((t) => t.name === lockTagName('shop'))).toHaveLength(1);
    for (const c of clients) await c.close();
  });
});
