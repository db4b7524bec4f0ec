/**
 * What the health endpoints report about one object: stable plausible numbers derived from its id,
 * unless a `healthOverrides` entry (by name or id) says otherwise; and the 403 of an endpoint the
 * settings close.
 */
import { createHash } from 'node:crypto';
import type { HealthOverride, MetricsEndpoint } from './health-settings.js';
import { detail, type Reply } from './http.js';
import type { ServerEnv } from './router.js';
import type { StoredConnector, StoredPipeline } from './types.js';

/** A number in [min, max] that stays the same for an id across calls and runs. */
export function stable(id: string, salt: string, min: number, max: number): number {
  const n = createHash('sha256').update(`${salt}:${id}`).digest().readUInt32BE(0);
  return min + (n % (max - min + 1));
}

/** The permission each endpoint needs, as its 403 names it (api-notes §3.5 names the first). */
const PERMISSIONS: Record<MetricsEndpoint, string> = {
  'pipeline-metrics': 'read:pipeline_metrics',
  'source-metrics': 'read:source_metrics',
  'consumer-groups': 'read:consumer_groups',
};

/** The 403 of an endpoint closed by `forbiddenMetrics`, else undefined. */
export function forbidden(env: ServerEnv, endpoint: MetricsEndpoint): Reply | undefined {
  if (!env.settings().forbiddenMetrics.includes(endpoint)) return undefined;
  return detail(403, `Not enough permissions: this API client lacks ${PERMISSIONS[endpoint]}.`);
}

export function overrideFor(env: ServerEnv, item: { id: string; name: string }): HealthOverride {
  const all = env.settings().healthOverrides;
  return all[item.id] ?? all[item.name] ?? {};
}

export interface PipelineNow {
  readonly status: string;
  readonly latency: number;
  readonly recordsLag: number;
}

/** A pipeline's current metrics: overrides first, else derived from its id and settle status. */
export function pipelineNow(env: ServerEnv, p: StoredPipeline): PipelineNow {
  const o = overrideFor(env, p);
  const status = o.status ?? p.settle.status;
  const active = status === 'Active';
  return {
    status,
    latency: o.latency ?? stable(p.id, 'latency', 250, 4000),
    recordsLag: o.recordsLag ?? (active ? stable(p.id, 'lag', 0, 50) : stable(p.id, 'lag', 500, 5000)),
  };
}

/** The connector status a source's metrics report. */
export function connectorStatus(env: ServerEnv, c: StoredConnector): string {
  return overrideFor(env, c).status ?? c.settle.status;
}
