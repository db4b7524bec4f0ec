/**
 * `GET /pipelines/{id}/metrics` → status, latency, records lag and their trend. The envelope
 * `{data: {latency, recordsLag, status}}` is CONFIRMED; what a metric looks like over a window is
 * not, so each one may be a scalar, a list of numbers, of `[timestamp, value]` pairs or of
 * `{timestamp, value}` points. The latest value is the scalar, or the last point that has one.
 */
import type { SeriesPoint } from './types.js';
import { first, isRecord, num, payload, str } from './read-values.js';

export interface MetricReading {
  readonly latest: number | undefined;
  readonly points: readonly SeriesPoint[];
}

export interface PipelineMetricsReading {
  readonly status: string | undefined;
  readonly latency: MetricReading;
  readonly recordsLag: MetricReading;
}

const TIME_KEYS = ['timestamp', 'time', 'ts', 't', 'x'];
const VALUE_KEYS = ['value', 'v', 'y', 'avg', 'max'];

function point(item: unknown): SeriesPoint {
  if (Array.isArray(item)) return { t: str(item[0]) ?? null, v: num(item[1]) ?? null };
  if (isRecord(item))
    return { t: str(first(item, TIME_KEYS)) ?? null, v: num(first(item, VALUE_KEYS)) ?? null };
  return { t: null, v: num(item) ?? null };
}

function readMetric(v: unknown): MetricReading {
  if (Array.isArray(v)) {
    const points = v.map(point);
    const last = [...points].reverse().find((p) => p.v !== null);
    return { latest: last?.v ?? undefined, points };
  }
  if (isRecord(v)) return { latest: num(first(v, VALUE_KEYS)), points: [] };
  return { latest: num(v), points: [] };
}

export function parsePipelineMetrics(body: unknown): PipelineMetricsReading {
  const data = payload(body);
  return {
    status: str(first(data, ['status', 'connector_status', 'connectorStatus', 'state'])),
    latency: readMetric(first(data, ['latency', 'latency_ms', 'latencyMs'])),
    recordsLag: readMetric(first(data, ['recordsLag', 'records_lag', 'lag'])),
  };
}
