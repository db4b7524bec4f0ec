/**
 * Issue 12, "the proofs stay": fault seeds. A proxy between the CLI and the emulator (real HTTP)
 * lets each request reach the server, then truncates, drops, holds or reorders the answer, so the
 * client cannot know whether its write landed. Per seed, an apply from empty and an apply of a
 * change (an update, a delete, a new tag) run through it; each either converges or fails clearly,
 * and a re-run without faults converges to the manifests with no duplicate and with the objects of
 * another namespace and of the web UI untouched. `npm test` runs 3 seeds, `npm run test:chaos` 20.
 */
import * as path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRng } from '../../src/emulator/rng.js';
import { editFile, type Harness, type RunResult } from '../e2e/harness.js';
import { sample } from './chaos-scale.js';
import { chaosAccount, expectClearFailure, expectNoDuplicates, foreignSnapshot } from './account-checks.js';
import type { Fault, FaultProxy } from './fault-proxy.js';

const SEEDS = sample(
  Array.from({ length: 20 }, (_, i) => 1000 + i),
  7,
);

const account = chaosAccount();
let h: Harness;
beforeEach(() => {
  h = account.harness();
});

/** Reads fail less often than writes; at most one answer per run is held until the client times out. */
function faultsFor(seed: number): (req: { method: string; write: number | undefined }) => Fault {
  const rng = createRng(seed);
  let held = 0;
  return (req) => {
    const r = rng.next();
    const rate = req.write === undefined ? 0.06 : 0.3;
    if (r >= rate) return 'pass';
    const kinds: Fault[] = held === 0 ? ['truncate', 'drop', 'late', 'hold'] : ['truncate', 'drop', 'late'];
    const fault = kinds[Math.floor((r / rate) * kinds.length)] ?? 'drop';
    if (fault === 'hold') held += 1;
    return fault;
  };
}

/**
 * An apply through the faulty proxy: converged (a direct plan has nothing to do) or failed clearly.
 * With retries, a lost answer is looked up and retried; without, it ends the run, and the re-run
 * must find what landed.
 */
async function faultyApply(
  proxy: FaultProxy,
  dir: string,
  label: string,
  retries: number,
): Promise<RunResult> {
  const via = { STREAMKAP_API_URL: proxy.url };
  const flags = ['--timeout', '2000', '--max-retries', String(retries)];
  const r = await h.cli(['apply', dir, '--auto-approve', '--allow-destructive', ...flags], via);
  if (r.code === 0) {
    const plan = await h.cli(['plan', dir, '--detailed-exitcode']);
    expect(plan.code, `${label}: exit 0 but not converged\n${plan.out}`).toBe(0);
  } else {
    expectClearFailure(r, label);
  }
  return r;
}

/** `seed: first/change` exit codes, so the last test can check both outcomes were met. */
const outcomes: string[] = [];

describe('fault seeds: answers lost after the server acted', () => {
  it.each(SEEDS)('seed %i: each run converges or fails clearly; a re-run converges', async (seed) => {
    const dir = path.basename(await h.copyExamples());
    const foreign = foreignSnapshot(h);
    expect(foreign).toHaveLength(4);
    const proxy = await account.proxy({ decide: faultsFor(seed) });
    // Odd seeds give up at the first lost answer; even ones retry.
    const retries = seed % 2 === 0 ? 6 : 0;

    const first = await faultyApply(proxy, dir, `seed ${seed} first apply`, retries);
    await editFile(path.join(h.dir, dir, 'streamkap.yaml'), (t) =>
      t
        .replace('tasks_max: 3', 'tasks_max: 4')
        .replace(/\n {2}- name: catalog-to-analytics[\s\S]*$/, '\n')
        .replace('  - name: pii\n', '  - name: pii\n  - name: chaos-added\n'),
    );
    const change = await faultyApply(proxy, dir, `seed ${seed} change`, retries);
    const faults = proxy.applied.truncate + proxy.applied.drop + proxy.applied.hold + proxy.applied.late;
    expect(faults, 'faults were injected').toBeGreaterThan(0);
    outcomes.push(`${seed}: ${first.code}/${change.code}`);

    // NOTE: a run whose lock release was lost leaves its lock: the re-run waits (on the virtual clock)
    // until it expires and takes it over.
    const rerun = await h.cli([
      'apply',
      dir,
      '--auto-approve',
      '--allow-destructive',
      '--lock-timeout',
      '1h',
    ]);
    expect(rerun.code, `seed ${seed} re-run\n${rerun.out}\n${rerun.err}`).toBe(0);
    const plan = await h.cli(['plan', dir, '--detailed-exitcode']);
    expect(plan.code, plan.out).toBe(0);
    expectNoDuplicates(h);
    expect(foreignSnapshot(h), 'objects of another namespace and of the web UI').toEqual(foreign);
  });

  it('met both outcomes: a faulty run that converged, and one that failed clearly', () => {
    expect(
      outcomes.some((o) => / 0\/|\/0$/.test(o)),
      outcomes.join(', '),
    ).toBe(true);
    expect(
      outcomes.some((o) => /: [13]\/|\/[13]$/.test(o)),
      outcomes.join(', '),
    ).toBe(true);
  });
});
