/**
 * The read-only health endpoints `status` and `apply --wait` use (api-notes §3.5): whether this API
 * client may read them (a 403 names the missing permission) and which of the tolerated shapes
 * the account answers with. Each read goes through the same parser as `status`, so "readable"
 * here means readable there.
 */
import { parseGroupRows, groupLag, listRows } from '../../status/parse-consumer-groups.js';
import { parsePipelineMetrics } from '../../status/parse-pipeline-metrics.js';
import { parseSourceMetrics } from '../../status/parse-source-metrics.js';
import { READS, type MetricsRead } from '../../status/permissions.js';
import { metricsWindow } from '../../status/time-window.js';
import { fail, notChecked, ok, warn, type ReadCheck, type ReadContext, type Verdict } from '../check.js';
import { describeShape } from '../describe-shape.js';
import type { ReadOutcome } from '../read-api.js';
import { field, type ListedKind } from '../samples.js';

const HEALTH_SETTING =
  'no setting: status and apply --wait read these endpoints and tolerate every shape listed';
const HOUR_MS = 3_600_000;

async function firstId(ctx: ReadContext, kind: ListedKind): Promise<string | undefined> {
  const id = field((await ctx.samples.rows(kind))[0], 'id');
  return typeof id === 'string' ? id : undefined;
}

/** A refused read as a verdict: 403 names the permission; anything else is an unexpected failure. */
function refusal(answer: Extract<ReadOutcome, { ok: false }>, read: MetricsRead): Verdict {
  if (answer.status === 403) {
    return fail(
      `403 (forbidden) from ${read.endpoint}`,
      `Grant the API client the permission ${read.permission}; without it status reports health as unknown (exit 1).`,
    );
  }
  return warn(
    `${read.endpoint} answered ${answer.status ?? 'no status'}: ${answer.error.message}`,
    'status cannot read it either. Report this with doctor --format json.',
  );
}

/** How one metric is shaped: a scalar, or a series of points/pairs. */
function metricShape(v: unknown): string {
  if (!Array.isArray(v)) return describeShape(v);
  const item: unknown = v[0];
  if (Array.isArray(item)) return `series of ${v.length} [timestamp, value] pairs`;
  if (item !== null && typeof item === 'object') {
    return `series of ${v.length} {${Object.keys(item).sort().join(', ')}} points`;
  }
  return `series of ${v.length} ${item === undefined ? 'items' : describeShape(item)}`;
}

export const pipelineMetricsCheck: ReadCheck = {
  def: {
    id: 'pipeline-metrics',
    group: 'reads',
    title: 'Pipeline metrics',
    assumed: `${READS.pipelineMetrics.endpoint} answers {data: {latency, recordsLag, status}} (needs ${READS.pipelineMetrics.permission})`,
    setting: HEALTH_SETTING,
  },
  run: async (ctx) => {
    const id = await firstId(ctx, 'pipeline');
    if (!id) return notChecked('the account has no pipeline');
    const answer = await ctx.api.tryGet(`/pipelines/${encodeURIComponent(id)}/metrics`, {
      ...metricsWindow(HOUR_MS, ctx.now()),
    });
    if (!answer.ok) return refusal(answer, READS.pipelineMetrics);
    const data = field(answer.body, 'data') ?? answer.body;
    const seen = ['status', 'latency', 'recordsLag']
      .map((k) => `${k} ${metricShape(field(data, k))}`)
      .join(', ');
    const parsed = parsePipelineMetrics(answer.body);
    if (parsed.status === undefined && parsed.latency.latest === undefined) {
      return warn(
        `${seen}: neither a status nor a latency could be read`,
        'status would report every pipeline as unknown. Report this with doctor --format json.',
      );
    }
    return ok(seen);
  },
};

const SNAPSHOT_KEYS = [
  'snapshotStatus',
  'snapshotState',
  'SnapshotRunning',
  'SnapshotCompleted',
  'TotalTableCount',
];

export const sourceMetricsCheck: ReadCheck = {
  def: {
    id: 'source-metrics',
    group: 'reads',
    title: 'Source metrics (snapshot progress)',
    assumed: `${READS.sourceMetrics.endpoint} carries snapshotStatus, snapshotState, SnapshotRunning, SnapshotCompleted (needs ${READS.sourceMetrics.permission})`,
    setting: HEALTH_SETTING,
  },
  run: async (ctx) => {
    const id = await firstId(ctx, 'source');
    if (!id) return notChecked('the account has no source');
    const answer = await ctx.api.tryGet(`/sources/${encodeURIComponent(id)}/metrics`);
    if (!answer.ok) return refusal(answer, READS.sourceMetrics);
    const data = field(answer.body, 'data');
    const where = data !== null && typeof data === 'object' ? 'under data' : 'at the top level';
    const holder = where === 'under data' ? data : answer.body;
    const keys = SNAPSHOT_KEYS.filter((k) => field(holder, k) !== undefined);
    const seen = `${where}: ${keys.map((k) => `${k} ${describeShape(field(holder, k))}`).join(', ') || 'no snapshot field'}`;
    if (parseSourceMetrics(answer.body).snapshot.phase === 'unknown') {
      return warn(
        `${seen}: the snapshot phase cannot be read`,
        'snapshot --wait and status would show snapshot progress as unknown. Report this with doctor --format json.',
      );
    }
    return ok(seen);
  },
};

function listShape(body: unknown): string {
  if (Array.isArray(body)) return 'a bare array';
  const key = ['result', 'consumer_groups', 'consumerGroups', 'groups', 'data'].find((k) =>
    Array.isArray(field(body, k)),
  );
  return key === undefined ? describeShape(body) : `a list under "${key}"`;
}

/** Where the lag of the first group comes from: the list row, or its describe call (total or partitions). */
async function lagSource(ctx: ReadContext, body: unknown): Promise<string> {
  const [row] = parseGroupRows(body);
  if (!row) return 'no group to describe';
  if (row.lag !== undefined) return 'lag in the list rows';
  const answer = await ctx.api.tryGet(`/consumer-groups/${encodeURIComponent(row.id)}`);
  if (!answer.ok) return `describe answered ${answer.status ?? 'no status'}`;
  const g = field(answer.body, 'data') ?? answer.body;
  const total = ['lag', 'total_lag', 'totalLag'].some((k) => field(g, k) !== undefined);
  const readable = groupLag(answer.body) !== undefined;
  const shape = total ? 'a lag total' : 'per-partition offsets';
  return `describe gives ${readable ? shape : 'no readable lag'}`;
}

export const consumerGroupsCheck: ReadCheck = {
  def: {
    id: 'consumer-groups',
    group: 'reads',
    title: 'Consumer groups (lag)',
    assumed: `${READS.consumerGroups.endpoint} and GET /consumer-groups/{id} give each group's lag, as a total or per partition (needs ${READS.consumerGroups.permission})`,
    setting: HEALTH_SETTING,
  },
  run: async (ctx) => {
    const answer = await ctx.api.tryGet('/consumer-groups', { page: 1, page_size: 100 });
    if (!answer.ok) return refusal(answer, READS.consumerGroups);
    const rows = listRows(answer.body).length;
    const seen = `${listShape(answer.body)} of ${rows} groups; ${await lagSource(ctx, answer.body)}`;
    if (seen.endsWith('no readable lag')) {
      return warn(
        seen,
        'status would report consumer lag as unknown. Report this with doctor --format json.',
      );
    }
    return ok(seen);
  },
};
