/**
 * Read-only health endpoints (api-notes §3.5) with plausible, stable values derived from ids, overridable
 * per object, 403 when the settings close them (health.ts), and a time series over a window.
 */
import { connectorStatus, forbidden, pipelineNow, stable } from '../health.js';
import { detail, isRecord, ok, type Reply } from '../http.js';
import { TIME_UNITS, metricSeries, seriesWindow } from '../metric-series.js';
import type { Call, Router, ServerEnv } from '../router.js';
import { sourceTopics } from '../topics.js';
import type { JsonRecord } from '../types.js';
import { sourceMetricsById } from './source-metrics.js';

const LEVELS = ['connector', 'task', 'topic'];
const TIME_TYPES = ['latest', 'timeseries', 'timesummary'];

function pipelineMetric(env: ServerEnv, id: string): JsonRecord | undefined {
  const p = env.store.pipelines.get(id);
  return p ? { ...pipelineNow(env, p) } : undefined;
}

function pipelineMetrics(call: Call): Reply {
  const unit = call.query.get('time_unit');
  if (unit !== null && !(TIME_UNITS as readonly string[]).includes(unit)) {
    return detail(400, `Invalid time_unit '${unit}': expected one of ${TIME_UNITS.join(', ')}.`);
  }
  const window = seriesWindow(call.query);
  if (typeof window === 'string') return detail(400, window);
  const denied = forbidden(call.env, 'pipeline-metrics');
  if (denied) return denied;
  const id = call.params['pipeline_id'] as string;
  const data = pipelineMetric(call.env, id);
  if (!data) return detail(404, 'Pipeline not found');
  if (window) {
    const shape = call.env.settings().metricsSeries;
    data['latency'] = metricSeries(shape, window, id, 'latency', data['latency'] as number);
    data['recordsLag'] = metricSeries(shape, window, id, 'lag', data['recordsLag'] as number);
  }
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
  const denied = forbidden(call.env, 'pipeline-metrics');
  if (denied) return denied;
  const ids = requestedIds(call, ['ids', 'pipeline_ids']) ?? call.env.store.pipelines.all().map((p) => p.id);
  const data: JsonRecord = {};
  for (const id of ids) {
    const m = pipelineMetric(call.env, id);
    if (m) data[id] = m;
  }
  return ok({ data, metadata: { count: Object.keys(data).length } });
}

function taskStatus(connector: string): string {
  if (connector === 'Active') return 'RUNNING';
  return connector === 'Broken' ? 'FAILED' : 'UNASSIGNED';
}

function connectorMetrics(kind: 'source' | 'destination') {
  return (call: Call): Reply => {
    const level = call.query.get('level');
    const timeType = call.query.get('time_type');
    if (level !== null && !LEVELS.includes(level)) return detail(400, `Invalid level '${level}'.`);
    if (timeType !== null && !TIME_TYPES.includes(timeType))
      return detail(400, `Invalid time_type '${timeType}'.`);
    const denied = kind === 'source' ? forbidden(call.env, 'source-metrics') : undefined;
    if (denied) return denied;
    const collection = call.env.store.connectors(kind);
    const ids = requestedIds(call, ['ids']) ?? collection.all().map((c) => c.id);
    const connector: JsonRecord = {};
    const tasks: JsonRecord = {};
    const topics: JsonRecord = {};
    for (const id of ids) {
      const c = collection.get(id);
      if (!c) continue;
      const status = connectorStatus(call.env, c);
      connector[id] = {
        status,
        records_per_second: stable(id, 'rps', 5, 900),
        lag: stable(id, 'lag', 0, 100),
        latency_ms: stable(id, 'latency', 100, 3000),
      };
      tasks[id] = [{ task_id: 0, status: taskStatus(status) }];
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
    .add('POST', '/pipelines/metrics', manyPipelineMetrics, false)
    .add('GET', '/sources/{source_id}/metrics', sourceMetricsById);
  for (const kind of ['source', 'destination'] as const) {
    router
      .add('GET', `/${kind}s/metrics`, connectorMetrics(kind))
      .add('POST', `/${kind}s/metrics`, connectorMetrics(kind), false);
  }
}
