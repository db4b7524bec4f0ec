/**
 * `status` end to end minus the CLI: the owned pipelines, their readings, one evaluated row each.
 * Throws (exit 1) only when the check itself cannot run: the tags or the pipelines cannot be listed.
 */
import type { Logger } from '../logging/logger.js';
import type { ApiClient } from '../api/types.js';
import { evaluatePipeline } from './evaluate-health.js';
import { fetchHealth } from './fetch-health.js';
import { ownedPipelines } from './owned-pipelines.js';
import { metricsWindow } from './time-window.js';
import { STATUS_FORMAT_VERSION, type StatusReport, type Thresholds } from './types.js';

export interface StatusOptions {
  readonly namespace: string;
  readonly sinceMs: number;
  readonly thresholds: Thresholds;
  /** Epoch ms of the check (injected: tests and --watch pass their clock). */
  readonly now: number;
  readonly logger: Logger;
}

export async function checkStatus(client: ApiClient, o: StatusOptions): Promise<StatusReport> {
  const pipelines = await ownedPipelines(client, o.namespace, o.logger);
  const window = metricsWindow(o.sinceMs, o.now);
  const readings = await fetchHealth(client, pipelines, window);
  const rows = pipelines.flatMap((p) => {
    const r = readings.get(p.id);
    return r ? [evaluatePipeline(p, r, o.thresholds)] : [];
  });
  const count = (h: string): number => rows.filter((r) => r.health === h).length;
  return {
    formatVersion: STATUS_FORMAT_VERSION,
    namespace: o.namespace,
    checkedAt: new Date(o.now).toISOString(),
    window: { sinceMs: o.sinceMs, from: window.timestamp_from, to: window.timestamp_to },
    thresholds: o.thresholds,
    pipelines: rows,
    summary: {
      total: rows.length,
      healthy: count('healthy'),
      unhealthy: count('unhealthy'),
      unknown: count('unknown'),
    },
  };
}
