/**
 * Settings of the read-only health endpoints (api-notes §3.5): per-object overrides (an unhealthy pipeline, a
 * high lag, a broken source), endpoints that answer 403, and which variant of each ASSUMED response
 * shape the emulator plays, so clients are tested against more than one reading of the contract.
 */

/** The metrics endpoints a missing permission can close (answering 403). */
export const METRICS_ENDPOINTS = ['pipeline-metrics', 'source-metrics', 'consumer-groups'] as const;
export type MetricsEndpoint = (typeof METRICS_ENDPOINTS)[number];

/**
 * What to report for one object, keyed by its name or id. Pipeline keys: `status`, `latency` (ms),
 * `recordsLag`, `consumerLag` (added to its destination's consumer group). Source keys: `status`
 * (the connector status its metrics report).
 */
export interface HealthOverride {
  status?: string;
  latency?: number;
  recordsLag?: number;
  consumerLag?: number;
}

/** `GET /consumer-groups[/{id}]`: `total` = envelope rows and a `lag` total; `partitions` = per-partition offsets. */
export type ConsumerGroupShape = 'total' | 'partitions';
/**
 * `GET /sources/{id}/metrics` snapshot fields: `counts` (SnapshotRunning/SnapshotCompleted as table
 * counts, with TotalTableCount, under `data`), `tables` (lists of table names, top level) or `flags`
 * (Debezium's booleans with TotalTableCount/RemainingTableCount, under `data`).
 */
export type SourceMetricsShape = 'counts' | 'tables' | 'flags';
/** Pipeline metrics over a window: `points` ({timestamp, value}), `pairs` ([timestamp, value]) or `none` (scalars only). */
export type MetricsSeriesShape = 'points' | 'pairs' | 'none';

export interface HealthSettings {
  healthOverrides: Record<string, HealthOverride>;
  forbiddenMetrics: MetricsEndpoint[];
  consumerGroupShape: ConsumerGroupShape;
  sourceMetricsShape: SourceMetricsShape;
  metricsSeries: MetricsSeriesShape;
}

export const DEFAULT_HEALTH_SETTINGS: HealthSettings = {
  healthOverrides: {},
  forbiddenMetrics: [],
  consumerGroupShape: 'total',
  sourceMetricsShape: 'counts',
  metricsSeries: 'points',
};

const OVERRIDE_KEYS: Record<keyof HealthOverride, (v: unknown) => boolean> = {
  status: (v) => typeof v === 'string',
  latency: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  recordsLag: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  consumerLag: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
};

function isOverride(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return Object.entries(v).every(([k, x]) => OVERRIDE_KEYS[k as keyof HealthOverride]?.(x) === true);
}

const oneOf =
  (...values: string[]) =>
  (v: unknown): boolean =>
    typeof v === 'string' && values.includes(v);

/** Checks of each setting, merged into the emulator's settings checks. */
export const HEALTH_CHECKS: Record<keyof HealthSettings, (v: unknown) => boolean> = {
  healthOverrides: (v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isOverride),
  forbiddenMetrics: (v) =>
    Array.isArray(v) && v.every((e) => (METRICS_ENDPOINTS as readonly unknown[]).includes(e)),
  consumerGroupShape: oneOf('total', 'partitions'),
  sourceMetricsShape: oneOf('counts', 'tables', 'flags'),
  metricsSeries: oneOf('points', 'pairs', 'none'),
};
