/**
 * `doctor` against every alternative behaviour the emulator can play (one row per setting): the
 * report must name what it saw (the difference) and the tool's setting for it, with the status
 * and exit code the difference deserves: a warning (exit 0) where the tool copes, a failure
 * (exit 2) where it would go wrong or a permission is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorSettings } from '../../src/emulator/index.js';
import { apiCall, applyExamplesOk, startHarness, type Harness } from './harness.js';

interface JsonCheck {
  id: string;
  status: 'ok' | 'warn' | 'fail';
  seen: string;
  setting: string | null;
  hint: string | null;
}

interface Row {
  readonly settings: Partial<EmulatorSettings>;
  readonly check: string;
  readonly status: JsonCheck['status'];
  /** In `seen`: the difference, by type and shape. */
  readonly seen: string | RegExp;
  /** In `setting` (or, for a missing permission, `hint`). */
  readonly setting: string;
  readonly probe?: boolean;
  /** Makes the objects the row needs; returns how to remove them. */
  readonly prepare?: (h: Harness) => Promise<() => Promise<unknown>>;
}

/** A source created as the API quickstart shows (short keys, text booleans), and its removal. */
async function createTheQuickstartWay(h: Harness): Promise<() => Promise<unknown>> {
  const source = (await apiCall(h.server, 'POST', '/sources?secret_returned=true&wait=false', {
    name: 'quickstart-made',
    connector: 'postgresql',
    created_from: 'api',
    config: {
      'database.hostname': 'db.internal',
      'database.port': '5432',
      'database.user': 'streamkap',
      'database.password': 'quickstart-pw',
      'database.dbname': 'shop',
      'schema.include.list': 'public',
      'table.include.list': 'public.orders',
      'heartbeat.enabled': 'yes',
    },
  })) as { id: string };
  return () => apiCall(h.server, 'DELETE', `/sources/${source.id}?wait=false`);
}

const ROWS: readonly Row[] = [
  {
    settings: { tagsPageSize: 2 },
    check: 'tags-list',
    status: 'fail',
    seen: /^paged: 2 tags \(2 system\) in the first answer; with page number\(integer\), page_size number\(integer\), total number\(integer\), has_next boolean/,
    setting: 'no setting: the tool reads GET /tags once',
  },
  {
    settings: { listImplementation: false },
    check: 'transform-implementation',
    status: 'fail',
    seen: 'list rows leave implementation out',
    setting: "no setting: plan compares the manifests' code with the list rows' implementation",
  },
  {
    settings: { secretReturnedHonoured: false },
    check: 'secrets-returned',
    status: 'warn',
    seen: 'masked "********" ×',
    setting: '--resend-secrets',
  },
  {
    settings: { secretMask: 'omit' },
    check: 'secrets-withheld',
    status: 'ok',
    seen: 'without secret_returned: omitted ×4',
    setting: 'no setting: the tool always reads with secret_returned=true',
  },
  {
    settings: { secretMask: 'omit' },
    check: 'secrets-embedded',
    status: 'ok',
    seen: /; without: omitted ×\d+/,
    setting: 'no setting: the tool never reads the embedded configs',
  },
  {
    settings: { secretMask: 'null' },
    check: 'secrets-withheld',
    status: 'ok',
    seen: 'without secret_returned: null ×4',
    setting: 'no setting: the tool always reads with secret_returned=true',
  },
  {
    settings: { stringEncoding: 'all' },
    check: 'config-encoding',
    status: 'ok',
    seen: /bool: "true"\/"false"-encoded boolean ×\d+ \(\d+ of \d+ string-encoded\)$/,
    setting: 'no setting: the tool reads an int from a number or a digit string',
  },
  {
    settings: { stringEncoding: 'none' },
    check: 'config-encoding',
    status: 'ok',
    seen: /\(0 of \d+ string-encoded\)$/,
    setting: 'no setting: the tool reads an int',
  },
  {
    settings: { quickstartKeys: true, booleanText: 'yes-no' },
    prepare: createTheQuickstartWay,
    check: 'short-keys',
    status: 'ok',
    seen: "short keys without their .user.defined twin (made the quickstart's way): database.hostname ×1, database.port ×1, table.include.list ×1",
    setting: 'no setting: the tool reads a short key as its field when the .user.defined twin is absent',
  },
  {
    settings: { missingById: '404' },
    check: 'get-by-id',
    status: 'ok',
    seen: 'an unknown id: 404',
    setting: 'no setting: the tool reads a 200 with an empty result, and a 404, as "absent"',
  },
  {
    settings: { pageSizeOver100: 'clamp' },
    check: 'page-size-limit',
    status: 'ok',
    seen: 'accepted and clamped: page_size 100 served',
    setting: 'STREAMKAP_PAGE_SIZE (1 to 100, default 100)',
  },
  {
    settings: { forbiddenMetrics: ['pipeline-metrics'] },
    check: 'pipeline-metrics',
    status: 'fail',
    seen: '403 (forbidden) from GET /pipelines/{id}/metrics',
    setting: 'read:pipeline_metrics',
  },
  {
    settings: { forbiddenMetrics: ['source-metrics'] },
    check: 'source-metrics',
    status: 'fail',
    seen: '403 (forbidden) from GET /sources/{id}/metrics',
    setting: 'read:source_metrics',
  },
  {
    settings: { forbiddenMetrics: ['consumer-groups'] },
    check: 'consumer-groups',
    status: 'fail',
    seen: '403 (forbidden) from GET /consumer-groups',
    setting: 'read:consumer_groups',
  },
  {
    settings: { consumerGroupShape: 'partitions' },
    check: 'consumer-groups',
    status: 'ok',
    seen: 'a list under "consumer_groups" of 2 groups; describe gives per-partition offsets',
    setting: 'no setting: status and apply --wait read these endpoints',
  },
  {
    settings: { sourceMetricsShape: 'tables' },
    check: 'source-metrics',
    status: 'ok',
    seen: 'at the top level: ',
    setting: 'no setting: status and apply --wait',
  },
  {
    settings: { sourceMetricsShape: 'flags' },
    check: 'source-metrics',
    status: 'ok',
    seen: 'SnapshotRunning boolean',
    setting: 'no setting: status and apply --wait',
  },
  {
    settings: { metricsSeries: 'pairs' },
    check: 'pipeline-metrics',
    status: 'ok',
    seen: 'latency series of 31 [timestamp, value] pairs',
    setting: 'no setting: status and apply --wait',
  },
  {
    settings: { metricsSeries: 'none' },
    check: 'pipeline-metrics',
    status: 'ok',
    seen: 'latency number',
    setting: 'no setting: status and apply --wait',
  },
  {
    settings: { clockSkewSeconds: 600 },
    check: 'clock-skew',
    status: 'warn',
    seen: /the server's clock is (9\.\d|10) min ahead of this machine's/,
    setting: "no setting: the tool uses this machine's clock",
  },
  {
    settings: { tokenLifetimeSeconds: 30 },
    check: 'token-lifetime',
    status: 'warn',
    seen: 'lifetime 30 s (from expiresIn)',
    setting: 'client option refreshMarginMs',
  },
  {
    settings: { putConfig: 'merge' },
    check: 'put-config',
    status: 'ok',
    seen: 'merge: a key left out of the PUT is still there',
    setting: 'no setting: the tool sends the whole config on every PUT',
    probe: true,
  },
  {
    settings: { snapshotRoutes: 'snapshot' },
    check: 'snapshot-route',
    status: 'fail',
    seen: '/sources/execute_incremental_snapshot: 404; /sources/snapshot: 422',
    setting: 'no setting: the snapshot command posts to /sources/execute_incremental_snapshot',
    probe: true,
  },
];

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await h.copyExamples();
  await applyExamplesOk(h);
});
afterAll(() => h.close());
describe('doctor names each alternative behaviour and the setting for it', () => {
  it.each(ROWS.map((r) => [JSON.stringify(r.settings), r] as const))('%s', async (_, row) => {
    const saved = structuredClone(h.server.emulator.settings);
    h.server.emulator.configure(row.settings);
    const remove = row.prepare ? await row.prepare(h) : undefined;
    try {
      const probe = row.probe ? ['--probe-writes', '--namespace-scratch', 'doctor-scratch'] : [];
      const r = await h.cli(['doctor', '--format', 'json', '--max-retries', '0', ...probe]);
      const report = JSON.parse(r.out) as { checks: JsonCheck[] };
      const check = report.checks.find((c) => c.id === row.check);
      expect(check, r.out).toBeDefined();
      expect(check?.status, JSON.stringify(check)).toBe(row.status);
      if (typeof row.seen === 'string') expect(check?.seen).toContain(row.seen);
      else expect(check?.seen).toMatch(row.seen);
      expect(`${check?.setting ?? ''} ${check?.hint ?? ''}`).toContain(row.setting);
      expect(r.code).toBe(report.checks.some((c) => c.status === 'fail') ? 2 : 0);
      if (row.status === 'fail') expect(r.code).toBe(2);
    } finally {
      await remove?.();
      h.server.emulator.configure(saved);
    }
  });
});
