/**
 * apply's interaction and failure behaviour end to end: confirmation on a TTY, failure isolation
 * with a report and exit 1 (and the next run converging), and --wait on health statuses.
 */
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo, type CapturedIo } from '../helpers/capture-io.js';
import { namesIn, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
  await h.copyExamples();
});

afterEach(async () => {
  await h.close();
});

/** Waits for `text` on stderr; fails (instead of hanging) if the command ends without showing it. */
async function shown(io: CapturedIo, run: Promise<number>, text: string): Promise<void> {
  const ended = run.then((code) => {
    throw new Error(`the command ended (exit ${code}) without showing "${text}":\n${io.err()}`);
  });
  await Promise.race([io.errShows(text), ended]);
}

async function withTty(answer: string): Promise<{ code: number; err: string }> {
  const io = captureIo(h.env(), h.dir);
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const run = main(['node', 'streamkap-gitops', 'apply', 'examples', '--poll-interval', '10'], {
    ...io,
    stdin,
  });
  // Answer once the question is on screen.
  await shown(io, run, "Only 'yes' is accepted");
  stdin.write(`${answer}\n`);
  return { code: await run, err: io.err() };
}

describe('confirmation on a TTY', () => {
  it('anything but "yes" cancels (exit 3) and changes nothing', async () => {
    const r = await withTty('y');
    expect(r.code).toBe(3);
    expect(r.err).toContain('cancelled');
    expect(namesIn(h.server).sources).toEqual([]);
  });

  it('end of input (Ctrl-D) without an answer cancels (exit 3) and changes nothing', async () => {
    const io = captureIo(h.env(), h.dir);
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const run = main(['node', 'streamkap-gitops', 'apply', 'examples'], { ...io, stdin });
    await shown(io, run, "Only 'yes' is accepted");
    stdin.end();
    expect(await run).toBe(3);
    expect(io.err()).toContain('cancelled');
    expect(namesIn(h.server).sources).toEqual([]);
  });

  it('"yes" applies', async () => {
    const r = await withTty('yes');
    expect(r.code, r.err).toBe(0);
    expect(namesIn(h.server).pipelines).toHaveLength(2);
  });
});

describe('failure isolation', () => {
  it('a failed source skips its pipeline, the other branch completes, exit 1 with the request id; the next run converges', async () => {
    h.server.emulator.configure({
      oneShots: [
        { method: 'POST', path: '/sources', count: 1, status: 400, detail: 'Connector validation failed' },
      ],
    });
    const r = await h.cli([
      'apply',
      'examples',
      '--auto-approve',
      '--poll-interval',
      '10',
      '--parallelism',
      '1',
    ]);
    expect(r.code).toBe(1);
    const names = namesIn(h.server);
    // With parallelism 1 the plan order decides which source gets the 400: catalog-db comes first.
    expect(names.sources).toEqual(['orders-db']);
    expect(names.pipelines).toEqual(['orders-to-warehouse']);
    expect(r.out).toMatch(/failed +source\/catalog-db: .*Connector validation failed.*request id [0-9a-f-]+/);
    expect(r.out).toContain('skipped      pipeline/catalog-to-analytics: depends on source/catalog-db');
    expect(r.err).toContain('apply did not complete: 1 failed, 1 skipped, 0 not attempted');

    const again = await h.cli(['apply', 'examples', '--auto-approve', '--poll-interval', '10']);
    expect(again.code, again.out + again.err).toBe(0);
    expect(namesIn(h.server).pipelines).toEqual(['catalog-to-analytics', 'orders-to-warehouse']);
  });

  it('--fail-fast reports the rest as not attempted', async () => {
    // Armed by the first write (the namespace lock), so the first tag create of the plan fails.
    let armed = false;
    h.server.emulator.onChange(() => {
      if (armed) return;
      armed = true;
      h.server.emulator.configure({
        oneShots: [{ method: 'POST', path: '/tags', count: 1, status: 400, detail: 'nope' }],
      });
    });
    const r = await h.cli([
      'apply',
      'examples',
      '--auto-approve',
      '--fail-fast',
      '--parallelism',
      '1',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { report: { summary: Record<string, number> } };
    expect(doc.report.summary).toMatchObject({ succeeded: 0, failed: 1 });
    expect(doc.report.summary['not_attempted']).toBeGreaterThan(0);
    expect(namesIn(h.server).sources).toEqual([]);
  });
});

describe('--wait', () => {
  it('waits until pipelines and connectors report Active', async () => {
    const r = await h.cli([
      'apply',
      'examples',
      '--auto-approve',
      '--poll-interval',
      '10',
      '--wait',
      '--wait-timeout',
      '20s',
    ]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.err).toContain('All Active.');
  });
});

describe('post-apply check', () => {
  it('when re-reading the account fails after the writes, the report is still shown (exit 1)', async () => {
    // The first write of the plan (the second: the namespace lock is the first) arms a failure of the
    // next tag listing: the check's, after the apply.
    let writes = 0;
    h.server.emulator.onChange(() => {
      if (++writes !== 2) return;
      h.server.emulator.configure({
        oneShots: [{ method: 'GET', path: '/tags', count: 1, status: 400, detail: 'listing broke' }],
      });
    });
    const r = await h.cli(['apply', 'examples', '--auto-approve', '--poll-interval', '10']);
    expect(namesIn(h.server).pipelines).toHaveLength(2);
    expect(r.out).toContain(
      'Apply failed: 11 succeeded, 0 failed, 0 skipped, 0 not attempted, result not checked',
    );
    expect(r.out).toMatch(/not checked .*listing broke/);
    expect(r.err).toMatch(/could not check the result: .*listing broke/);
    expect(r.code, r.out + r.err).toBe(1);
  });
});
