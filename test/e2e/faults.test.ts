/**
 * A flaky, slow, rate-limiting API must never leave duplicates or orphans. The emulator injects
 * random 5xx, 429 with Retry-After and latency; apply must converge to exactly the manifests. The
 * client keeps its production schedule (1 s doubling to 30 s, Retry-After) on a virtual clock, with
 * seeded jitter, so retries cost no real time.
 */
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/applier/index.js';
import { createApiClient, retryLine } from '../../src/api/index.js';
import { createRng } from '../../src/emulator/rng.js';
import { silentLogger } from '../../src/logging/logger.js';
import { registry } from '../../src/kinds/registry.js';
import { buildPlan, derivePlanKey } from '../../src/planner/index.js';
import { loadDesiredState } from '../../src/schema/index.js';
import { loadLiveState } from '../../src/state/index.js';
import { LOAD_SECRETS, manyResourcesManifest, resourceCount } from './generate.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { namesIn, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ seed: 42 });
});

afterEach(async () => {
  await h.close();
});

function expectNoDuplicates(names: Record<string, string[]>): void {
  for (const [kind, list] of Object.entries(names)) {
    expect(new Set(list).size, `duplicates among ${kind}`).toBe(list.length);
  }
}

/**
 * plan + apply in-process with the real modules and a client whose waits are virtual; returns the
 * report, what a fresh plan still wants to change, and every retry line.
 */
async function applyOnce(file: string, parallelism: number, beforeApply?: () => void) {
  const env = { ...h.env(), ...LOAD_SECRETS };
  const clock = new FakeClock();
  const retryLines: string[] = [];
  const client = createApiClient(
    {
      baseUrl: h.server.url,
      clientId: h.server.clientId,
      clientSecret: h.server.clientSecret,
      maxAttempts: 10,
      concurrency: 16,
      sleep: clock.sleep,
      random: createRng(7).next,
      onRetry: (n) => retryLines.push(retryLine(n)),
    },
    silentLogger(),
  );
  try {
    const { state } = await loadDesiredState([file], { cwd: h.dir, env });
    const planKey = derivePlanKey(h.server.clientSecret);
    const live = await loadLiveState(client, registry.applyOrder);
    const plan = buildPlan(state, live, { hmacKey: planKey });
    expect(plan.errors).toEqual([]);
    beforeApply?.();
    const report = await applyPlan(plan, {
      client,
      live,
      env,
      logger: silentLogger(),
      parallelism,
      failFast: false,
      planKey,
    });
    const after = buildPlan(state, await loadLiveState(client, registry.applyOrder), { hmacKey: planKey });
    return {
      report,
      remaining: after.actions.filter((a) => a.type !== 'noop').map((a) => a.id),
      retries: client.stats.retries,
      retryLines,
    };
  } finally {
    await client.close();
  }
}

describe('apply under faults', () => {
  it('200 resources with 10% random 5xx (plain 500s included), 429s with Retry-After and 50 ms latency: one apply converges, no duplicate, no orphan', async () => {
    const pipelines = 66;
    const file = await h.write('load.yaml', manyResourcesManifest({ pipelines }));
    h.server.emulator.configure({ latencyMs: 50, errorRate: 0.1, rateLimitRate: 0.02, retryAfterSeconds: 1 });
    // NOTE: every fault here is retried (5xx and 429 on any method; a POST after its lookup), so one
    // run must converge. Which request draws which fault depends on how the 8 parallel actions
    // interleave, so nothing below depends on it: a request fails only after 10 straight faults
    // (p < 1e-9 at a 12 % fault rate), and ~1000 requests give far more than 10 retries.
    const run = await applyOnce(file, 8);
    expect(run.report.results.filter((r) => r.status !== 'succeeded')).toEqual([]);
    expect(run.report.summary.succeeded).toBe(resourceCount(pipelines) + 1);
    expect(run.remaining).toEqual([]);
    expect(run.retries, 'faults were injected and retried').toBeGreaterThan(10);
    expect(
      run.retryLines.some((l) => /^retrying (GET|PUT|POST|DELETE) \/\S+ in .+ \(HTTP 500, /.test(l)),
    ).toBe(true);

    h.server.emulator.configure({ latencyMs: 0, errorRate: 0, rateLimitRate: 0 });
    const names = namesIn(h.server);
    expectNoDuplicates(names);
    const want = (prefix: string, count: number): string[] =>
      Array.from({ length: count }, (_, i) => `${prefix}-${i}`).sort();
    // Exactly the manifest: nothing missing, nothing extra (no orphan from a retried create).
    expect(names).toEqual({
      sources: want('src', pipelines + 1),
      destinations: want('dst', pipelines + 1),
      transforms: [],
      pipelines: want('pipe', pipelines),
    });
    const dump = h.server.emulator.dump();
    const srcIds = new Set(dump.sources.map((s) => s.id));
    const dstIds = new Set(dump.destinations.map((d) => d.id));
    for (const p of dump.pipelines) {
      expect(srcIds.has(p.source.id)).toBe(true);
      expect(dstIds.has(p.destination.id)).toBe(true);
    }
  });

  it('writes whose response is lost after the commit (504 or a dropped connection) create no duplicate', async () => {
    const file = await h.write('load.yaml', manyResourcesManifest({ pipelines: 10 }));
    h.server.emulator.configure({ commitThenFailRate: 0.3, commitThenFailMode: 'drop' });
    const run = await applyOnce(file, 4);
    h.server.emulator.configure({ commitThenFailRate: 0 });
    expect(run.report.summary.failed).toBe(0);
    expect(run.remaining).toEqual([]);
    const names = namesIn(h.server);
    expectNoDuplicates(names);
    expect(names.sources).toHaveLength(11);
    expect(names.pipelines).toHaveLength(10);
  });
});

describe('a create whose lookup fails too', () => {
  it("is reported with the create's status, the lookup's failure in the message", async () => {
    const file = await h.write(
      'one.yaml',
      [
        'namespace: load',
        'sources:',
        '  - name: src-0',
        '    connector: postgresql',
        '    config:',
        '      database_hostname: db-0.internal',
        '      database_user: streamkap',
        '      database_password: ${env:LOAD_DB_PASSWORD}',
        '      database_dbname: shop',
        '      schema_include_list: public',
        '      table_include_list: [public.orders]',
        '',
      ].join('\n'),
    );
    // NOTE: scripted after planning, so the plan's own listing of /sources does not consume them: the
    // create gets a 502 (nothing stored), then its lookup gets a 500 at each of its 10 attempts.
    const run = await applyOnce(file, 1, () =>
      h.server.emulator.configure({
        oneShots: [
          { method: 'POST', path: '/sources', count: 1, status: 502 },
          { method: 'GET', path: '/sources', count: 10, status: 500, detail: 'Internal Server Error' },
        ],
      }),
    );
    const failed = run.report.results.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.id)).toEqual(['source/src-0']);
    expect(failed[0]?.error).toMatchObject({ status: 502, method: 'POST', path: '/sources' });
    expect(failed[0]?.error?.message).toMatch(
      /^POST \/sources -> HTTP 502: Bad Gateway \[request id [\w-]+\]; checking whether it had landed failed too: GET \/sources -> HTTP 500 after 10 attempts: Internal Server Error/,
    );
    expect(run.retryLines.slice(0, 2)).toEqual([
      expect.stringMatching(
        /^retrying POST \/sources in .+ if a lookup shows it did not land \(HTTP 502, attempt 2 of 10\)$/,
      ),
      expect.stringMatching(/^retrying GET \/sources in .+ \(HTTP 500, attempt 2 of 10\)$/),
    ]);
    expect(namesIn(h.server).sources).toEqual([]);
    expect(run.remaining).toEqual(['source/src-0']);
  });
});

describe('a POST whose response is dropped (through the CLI)', () => {
  it('the create landed once; the lookup finds it and the apply completes', async () => {
    const dir = await h.copyExamples();
    h.server.emulator.configure({
      oneShots: [
        { method: 'POST', path: '/pipelines', count: 1, body: 'commit-then-drop' },
        { method: 'POST', path: '/sources', count: 1, body: 'commit-then-fail', status: 504 },
        { method: 'POST', path: '/transforms', count: 1, body: 'commit-then-drop' },
        { method: 'POST', path: '/tags', count: 1, body: 'commit-then-fail', status: 502 },
      ],
    });
    const r = await h.cli(['apply', path.basename(dir), '--auto-approve', '--poll-interval', '10']);
    expect(r.code, r.out + r.err).toBe(0);
    const retries = r.err.split('\n').filter((l) => l.startsWith('retrying '));
    expect(retries.map((l) => l.replace(/ in \S+ /, ' in … ')).sort()).toEqual([
      'retrying POST /pipelines in … if a lookup shows it did not land (network error, attempt 2 of 5)',
      'retrying POST /sources in … if a lookup shows it did not land (HTTP 504, attempt 2 of 5)',
      'retrying POST /tags in … if a lookup shows it did not land (HTTP 502, attempt 2 of 5)',
      'retrying POST /transforms in … if a lookup shows it did not land (network error, attempt 2 of 5)',
    ]);
    const names = namesIn(h.server);
    expect(names.pipelines).toEqual(['catalog-to-analytics', 'orders-to-warehouse']);
    expect(names.sources).toEqual(['catalog-db', 'orders-db']);
    expect(names.transforms).toEqual(['mask-emails']);
    const tags = h.server.emulator.dump().tags.map((t) => t.name);
    expect(new Set(tags).size).toBe(tags.length);
    expect(h.server.emulator.settings.oneShots).toEqual([]);
    const plan = await h.cli(['plan', path.basename(dir), '--detailed-exitcode']);
    expect(plan.code, plan.out).toBe(0);
  });
});

describe('retry lines (through the CLI)', () => {
  it('prints one plain line per retry at the default log level, and none with --log-level error', async () => {
    const dir = await h.copyExamples();
    const fail = () =>
      h.server.emulator.configure({
        oneShots: [
          { method: 'GET', path: '/sources', count: 2, status: 500, detail: 'Internal Server Error' },
        ],
      });
    fail();
    const shown = await h.cli(['plan', path.basename(dir)]);
    expect(shown.code, shown.err).toBe(0);
    const lines = shown.err.split('\n').filter((l) => l !== '');
    expect(lines).toEqual([
      expect.stringMatching(/^retrying GET \/sources in (\d+ms|[\d.]+s) \(HTTP 500, attempt 2 of 5\)$/),
      expect.stringMatching(/^retrying GET \/sources in (\d+ms|[\d.]+s) \(HTTP 500, attempt 3 of 5\)$/),
    ]);
    expect(lines.join('\n')).not.toContain(h.server.clientSecret);

    fail();
    const quiet = await h.cli(['--log-level', 'error', 'plan', path.basename(dir)]);
    expect(quiet.code, quiet.err).toBe(0);
    expect(quiet.err).toBe('');
  });
});
