/**
 * `status` end to end against the emulator: every exit code (0 healthy, 2 unhealthy, 1 the check
 * failed or a pipeline's health is unknown), 403s reported per pipeline with the permission, each
 * ASSUMED response shape the emulator plays read to the same values, the JSON trend points, and
 * --watch refused off a terminal. The request count for N pipelines is in status-requests.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { FORMAT_VERSION } from '../../src/model/index.js';
import { camelKey, renameKeys } from '../../src/render/json-document.js';
import type { StatusReport } from '../../src/status/types.js';
import { captureIo } from '../helpers/capture-io.js';
import { apiCall, applyExamplesOk, byName, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  // settleReads 0: written objects read Active at once, so a fresh account is healthy.
  h = await startHarness({ settleReads: 0 });
  await h.copyExamples();
  await applyExamplesOk(h);
});

afterAll(async () => {
  await h.close();
});

beforeEach(() => {
  h.server.emulator.resetSettings();
  h.server.emulator.configure({ settleReads: 0 });
});

/** The JSON report as printed (`doc`, snake_case) and read back with the program's names (`report`). */
async function statusJson(
  ...extra: string[]
): Promise<{ code: number; report: StatusReport; doc: Record<string, unknown>; err: string }> {
  const r = await h.cli(['status', 'examples', '--format', 'json', ...extra]);
  const doc = JSON.parse(r.out) as Record<string, unknown>;
  return { code: r.code, report: renameKeys(doc, camelKey) as StatusReport, doc, err: r.err };
}

describe('status exit codes', () => {
  it('0 when every owned pipeline is healthy: a table with sparklines', async () => {
    const r = await h.cli(['status', 'examples']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Namespace shop: 2 pipelines, 2 healthy, 0 unhealthy');
    expect(r.out).toMatch(
      /PIPELINE\s+HEALTH\s+STATUS\s+LATENCY\s+LATENCY 1h\s+RECORDS LAG\s+LAG 1h\s+CONSUMER LAG/,
    );
    const row = r.out.split('\n').find((l) => l.startsWith('orders-to-warehouse'));
    expect(row).toMatch(
      /^orders-to-warehouse\s+healthy\s+Active\s+\S+ m?s\s+[▁▂▃▄▅▆▇█]{12}\s+\d+\s+[▁▂▃▄▅▆▇█]{12}\s+\d+\s+none$/,
    );
  });

  it('2 when a pipeline is not Active, naming why', async () => {
    h.server.emulator.configure({ healthOverrides: { 'catalog-to-analytics': { status: 'Broken' } } });
    const r = await h.cli(['status', 'examples']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/catalog-to-analytics\s+UNHEALTHY\s+Broken.*pipeline is Broken$/m);
    expect(r.out).toMatch(/orders-to-warehouse\s+healthy/);
  });

  it('2 when a connector failed', async () => {
    h.server.emulator.configure({ healthOverrides: { 'orders-db': { status: 'Broken' } } });
    const { code, report } = await statusJson();
    expect(code).toBe(2);
    expect(byName(report.pipelines, 'orders-to-warehouse').reasons).toEqual(['source orders-db is Broken']);
  });

  it('2 when --max-lag or --max-latency is crossed; 0 under them', async () => {
    h.server.emulator.configure({
      healthOverrides: { 'orders-to-warehouse': { recordsLag: 5000, latency: 9000, consumerLag: 10 } },
    });
    const lag = await statusJson('--max-lag', '1000');
    expect(lag.code).toBe(2);
    expect(byName(lag.report.pipelines, 'orders-to-warehouse').reasons).toEqual([
      'records lag 5,000 > 1,000',
    ]);
    const latency = await statusJson('--max-latency', '5s');
    expect(byName(latency.report.pipelines, 'orders-to-warehouse').reasons).toEqual([
      'latency 9,000 ms > 5,000 ms',
    ]);
    expect((await statusJson('--max-lag', '100000', '--max-latency', '1m')).code).toBe(0);
  });

  it('1 when pipeline metrics answer 403: each pipeline reported with the permission, no crash', async () => {
    h.server.emulator.configure({ forbiddenMetrics: ['pipeline-metrics'] });
    const r = await h.cli(['status', 'examples']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    for (const name of ['orders-to-warehouse', 'catalog-to-analytics']) {
      expect(r.out).toMatch(new RegExp(`^${name}\\s+unknown\\s+unknown.*forbidden \\(HTTP 403\\)`, 'm'));
      expect(r.out).toContain(
        `  ${name}: pipeline metrics: forbidden (HTTP 403): the API client needs read:pipeline_metrics`,
      );
    }
    const { report } = await statusJson();
    expect(report.pipelines[0]?.forbidden).toEqual([
      { endpoint: 'GET /pipelines/{id}/metrics', permission: 'read:pipeline_metrics' },
    ]);
  });

  it('0 with a note when only consumer groups answer 403 (no lag threshold asked)', async () => {
    h.server.emulator.configure({ forbiddenMetrics: ['consumer-groups'] });
    const r = await h.cli(['status', 'examples']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'consumer groups: forbidden (HTTP 403): the API client needs read:consumer_groups',
    );
    expect((await statusJson('--max-lag', '100000')).code).toBe(1);
  });

  it('1 when the check itself fails (the pipelines cannot be listed)', async () => {
    h.server.emulator.configure({
      oneShots: [{ method: 'GET', path: '/pipelines', count: 1, status: 400, detail: 'bad request' }],
    });
    const r = await h.cli(['status', 'examples']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('HTTP 400');
  });
});

describe('status reads every shape variant the emulator plays to the same values', () => {
  const VARIANTS = [
    { consumerGroupShape: 'partitions', sourceMetricsShape: 'tables', metricsSeries: 'pairs' },
    { consumerGroupShape: 'total', sourceMetricsShape: 'flags', metricsSeries: 'points' },
  ] as const;

  it('consumer lag, snapshot progress and trends match the default shapes', async () => {
    h.server.emulator.configure({ snapshotDurationMs: null });
    const s = byName(h.server.emulator.dump().sources, 'orders-db');
    await apiCall(h.server, 'POST', '/sources/execute_incremental_snapshot', { source_id: s.id });
    try {
      const base = (await statusJson()).report;
      const orders = byName(base.pipelines, 'orders-to-warehouse');
      expect(orders.snapshot).toMatchObject({ phase: 'running', completed: 0, total: 3 });
      expect(orders.consumerLag).toEqual(expect.any(Number));
      expect(orders.trend.recordsLag.length).toBeGreaterThan(20);
      for (const variant of VARIANTS) {
        h.server.emulator.configure(variant);
        const { code, report } = await statusJson();
        expect(code, JSON.stringify(variant)).toBe(0);
        const row = byName(report.pipelines, 'orders-to-warehouse');
        expect(row.consumerLag, variant.consumerGroupShape).toBe(orders.consumerLag);
        expect(row.snapshot?.phase, variant.sourceMetricsShape).toBe('running');
        expect(row.snapshot?.total).toBe(3);
        expect(row.trend.recordsLag.map((p) => p.v)).toEqual(orders.trend.recordsLag.map((p) => p.v));
      }
    } finally {
      await apiCall(h.server, 'POST', '/sources/stop_incremental_snapshot', { source_id: s.id });
    }
  });

  it('scalars only (no series): values without trend points', async () => {
    h.server.emulator.configure({ metricsSeries: 'none' });
    const { code, report } = await statusJson();
    expect(code).toBe(0);
    const row = byName(report.pipelines, 'orders-to-warehouse');
    expect(row.recordsLag).toEqual(expect.any(Number));
    expect(row.trend).toEqual({ latencyMs: [], recordsLag: [] });
  });
});

describe('status output', () => {
  it('JSON: the versioned report with the trend window and its points', async () => {
    const { report, doc } = await statusJson('--since', '6h');
    expect(Object.keys(doc)[0]).toBe('format_version');
    expect(doc).toMatchObject({
      format_version: FORMAT_VERSION,
      namespace: 'shop',
      checked_at: expect.any(String),
      window: { since_ms: 21_600_000 },
      pipelines: expect.arrayContaining([
        expect.objectContaining({ latency_ms: expect.any(Number), records_lag: expect.any(Number) }),
      ]),
    });
    expect(Date.parse(report.window.to) - Date.parse(report.window.from)).toBe(21_600_000);
    const row = byName(report.pipelines, 'catalog-to-analytics');
    expect(row.trend.latencyMs[0]).toEqual({ t: expect.any(String), v: expect.any(Number) });
    expect(row.trend.latencyMs.at(-1)?.v).toBe(row.latencyMs);
    expect(report.summary).toEqual({ total: 2, healthy: 2, unhealthy: 0, unknown: 0 });
  });

  it('Markdown: a table with the sparklines in code', async () => {
    const r = await h.cli(['status', 'examples', '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('### Streamkap status: shop');
    expect(r.out).toMatch(
      /^\| orders-to-warehouse \| ✅ healthy \| Active \| .* \| <code>[▁▂▃▄▅▆▇█]{12}<\/code> \|/m,
    );
  });

  it('--namespace needs no manifests; manifests need no secrets', async () => {
    const byFlag = await h.cli(['status', '--namespace', 'shop', '--format', 'json']);
    expect(byFlag.code, byFlag.err).toBe(0);
    expect((JSON.parse(byFlag.out) as StatusReport).summary.total).toBe(2);
    const r = await h.cli(['status', 'examples'], { ORDERS_DB_PASSWORD: '', SNOWFLAKE_PRIVATE_KEY: '' });
    expect(r.code, r.err).toBe(0);
    const other = await h.cli(['status', '--namespace', 'nobody']);
    expect(other.code).toBe(0);
    expect(other.out).toContain('No pipeline carries the tag gitops:nobody.');
  });
});

describe('status --watch', () => {
  it('is refused (exit 4) when stdout is not a terminal, before any request', async () => {
    h.server.emulator.resetStats();
    const r = await h.cli(['status', 'examples', '--watch']);
    expect(r.code).toBe(4);
    expect(r.err).toContain('--watch refreshes a terminal screen, and stdout is not a terminal');
    expect(h.server.emulator.stats().total).toBe(0);
  });

  it('is refused (exit 4) faster than every 10 s, on a terminal too', async () => {
    const io = captureIo(h.env(), h.dir);
    const stdout = Object.assign(io.stdout, { isTTY: true });
    const code = await main(['node', 'streamkap-gitops', 'status', 'examples', '--watch', '5s'], {
      ...io,
      stdout,
    });
    expect(code).toBe(4);
    expect(io.err()).toContain('--watch 5s is faster than the minimum of 10s');
  });
});
