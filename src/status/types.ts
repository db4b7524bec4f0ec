/**
 * The status report: what `status` found about each pipeline the namespace owns. A value, like
 * the plan: the collector builds it, renderers (text, JSON, Markdown) only read it.
 */

import { FORMAT_VERSION } from '../model/json.js';

/** Version of the `status --format json` document. */
export const STATUS_FORMAT_VERSION = FORMAT_VERSION;

/** One point of a metric's trend; `t` is the timestamp as the API gave it (null when it gave none). */
export interface SeriesPoint {
  readonly t: string | null;
  readonly v: number | null;
}

export type Health = 'healthy' | 'unhealthy' | 'unknown';

/** Progress of the source's latest snapshot. Counts are null when the API did not say. */
export interface SnapshotProgress {
  /** `running`, `completed`, `stopped`, `none` (never snapshotted) or `unknown`. */
  readonly phase: 'running' | 'completed' | 'stopped' | 'none' | 'unknown';
  readonly completed: number | null;
  readonly total: number | null;
  /** `snapshotStatus` / `snapshotState` as the API wrote them. */
  readonly status: string | null;
  readonly state: string | null;
}

/** A read the API refused (403): the endpoint and the permission the API client lacks. */
export interface ForbiddenRead {
  readonly endpoint: string;
  readonly permission: string;
}

export interface PipelineStatus {
  readonly name: string;
  readonly id: string;
  readonly source: { readonly id: string; readonly name: string };
  readonly destination: { readonly id: string; readonly name: string };
  readonly health: Health;
  /** `data.status` of the pipeline metrics. */
  readonly status: string | null;
  readonly latencyMs: number | null;
  readonly recordsLag: number | null;
  /** Lag of the destination's consumer group(s), summed. */
  readonly consumerLag: number | null;
  readonly consumerGroups: readonly string[];
  readonly snapshot: SnapshotProgress | null;
  readonly trend: { readonly latencyMs: readonly SeriesPoint[]; readonly recordsLag: readonly SeriesPoint[] };
  /** Why the pipeline is unhealthy (empty when it is not). */
  readonly reasons: readonly string[];
  /** What could not be read or checked (unknown values, failed reads). */
  readonly notes: readonly string[];
  readonly forbidden: readonly ForbiddenRead[];
}

export interface Thresholds {
  /** Records lag and consumer lag above this are unhealthy. */
  readonly maxLag?: number | undefined;
  readonly maxLatencyMs?: number | undefined;
}

export interface StatusReport {
  readonly formatVersion: typeof STATUS_FORMAT_VERSION;
  readonly namespace: string;
  /** ISO time of the check. */
  readonly checkedAt: string;
  /** The trend window: `since` in ms and the timestamps sent. */
  readonly window: { readonly sinceMs: number; readonly from: string; readonly to: string };
  readonly thresholds: Thresholds;
  readonly pipelines: readonly PipelineStatus[];
  readonly summary: {
    readonly total: number;
    readonly healthy: number;
    readonly unhealthy: number;
    readonly unknown: number;
  };
}
