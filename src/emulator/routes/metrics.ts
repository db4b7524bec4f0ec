/** Read-only health endpoints (§3.5) with plausible, stable values derived from ids. */
import { createHash } from 'node:crypto';
import { detail, isRecord, ok, type Reply } from '../http.js';
import type { Call, Router, ServerEnv } from '../router.js';
import { sourceTopics } from '../topics.js';
import type { JsonRecord } from '../types.js';

const TIME_UNITS = ['minute', 'hour', 'day', 'week', 'month'];
const LEVELS = ['connector', 'task', 'topic'];
const TIME_TYPES = ['latest', 'timeseries', 'timesummary'];

/** A number in [min, max] that stays the same for an id across calls and runs. */
function stable(id: string, salt: string, min: number, max: number): number {
  const n = createHash('sha256').update(`${salt}:${id}`).digest().readUInt32BE(0);
  return min + (n % (max - min + 1));
}

function pipelineMetric(env: ServerEnv, id: string): JsonRecord | undefined {
  const p = env.store.pipelines.get(id);
  if (!p) return undefined;
  const active = p.settle.status === 'Active';
  return {
    latency: stable(id, 'latency', 250, 4000),
    recordsLag: active ? stable(id, 'lag', 0, 50) : stable(id, 'lag', 500, 5000),
    status: p.settle.status,
  };
}

function pipelineMetrics(call: Call): Reply {
  const unit = call.query.get('time_unit');
  if (unit !== null && !TIME_UNITS.includes(unit)) {
    return detail(400, `Invalid time_unit '${unit}': expected one of ${TIME_UNITS.join(', ')}.`);
  }
  const id = call.params['pipeline_id'] as string;
  const data = pipelineMetric(call.env, id);
  if (!data) return detail(404, 'Pipeline not found');
  return ok({
    data,
    metadata: {
      pipeline_id: id,
      time_interval: call.query.get('time_interval'),
      time_unit: unit ?? 'minute',
      timestamp_from: call.query.get('timestamp_from'),
      timestamp_to: call.query.get('timestamp_to'),
    },
  });
}

/** Ids from `?ids=a,b`, repeated `ids`, or a POST body `{ids}` / `{pipeline_ids}`. */
function requestedIds(call: Call, bodyKeys: readonly string[]): string[] | undefined {
  const fromQuery = [...call.query.getAll('ids'), ...call.query.getAll('pipeline_ids')].flatMap((v) =>
    v.split(','),
  );
  const body = isRecord(call.body) ? call.body : {};
  const fromBody = bodyKeys
    .flatMap((k) => (Array.isArray(body[k]) ? (body[k] as unknown[]) : []))
    .map(String);
  const all = [...fromQuery, ...fromBody].map((s) => s.trim()).filter((s) => s !== '');
  return all.length > 0 ? all : undefined;
}

function manyPipelineMetrics(call: Call): Reply {
  const ids = requestedIds(call, ['ids', 'pipeline_ids']) ?? call.env.store.pipelines.all().map((p) => p.id);
  const data: JsonRecord = {};
  for (const id of ids) {
    const m = pipelineMetric(call.env, id);
    if (m) data[id] = m;
  }
  return ok({ data, metadata: { count: Object.keys(data).length } });
}

function connectorMetrics(kind: 'source' | 'destination') {
  return (call: Call): Reply => {
    const level = call.query.get('level');
    const timeType = call.query.get('time_type');
    if (level !== null && !LEVELS.includes(level)) return detail(400, `Invalid level '${level}'.`);
    if (timeType !== null && !TIME_TYPES.includes(timeType))
      return detail(400, `Invalid time_type '${timeType}'.`);
    const collection = call.env.store.connectors(kind);
    const ids = requestedIds(call, ['ids']) ?? collection.all().map((c) => c.id);
    const connector: JsonRecord = {};
    const tasks: JsonRecord = {};
    const topics: JsonRecord = {};
    for (const id of ids) {
      const c = collection.get(id);
      if (!c) continue;
      connector[id] = {
        status: c.settle.status,
        records_per_second: stable(id, 'rps', 5, 900),
        lag: stable(id, 'lag', 0, 100),
        latency_ms: stable(id, 'latency', 100, 3000),
      };
      tasks[id] = [{ task_id: 0, status: c.settle.status === 'Active' ? 'RUNNING' : 'UNASSIGNED' }];
      const names = kind === 'source' ? sourceTopics(c.connector, c.config) : [];
      topics[id] = Object.fromEntries(
        names.map((t) => [t, { records: stable(`${id}.${t}`, 'records', 0, 1_000_000) }]),
      );
    }
    const n = Object.keys(connector).length;
    return ok({
      account_metrics: {
        connectors: n,
        active: Object.values(connector).filter((m) => (m as JsonRecord)['status'] === 'Active').length,
      },
      connector_metrics: connector,
      inline_metrics: {},
      task_metrics: tasks,
      topic_metrics: topics,
    });
  };
}

export function registerMetricRoutes(router: Router): void {
  router
    .add('GET', '/pipelines/{pipeline_id}/metrics', pipelineMetrics)
    .add('GET', '/pipelines/metrics', manyPipelineMetrics)
    .add('POST', '/pipelines/metrics', manyPipelineMetrics, false);
  for (const kind of ['source', 'destination'] as const) {
    router
      .add('GET', `/${kind}s/metrics`, connectorMetrics(kind))
      .add('POST', `/${kind}s/metrics`, connectorMetrics(kind), false);
  }
}
