/**
 * Pure: one pipeline's readings and the thresholds → its row of the report. Unhealthy when the
 * pipeline is not Active, a connector (its source or destination) is not Active, or a threshold
 * is crossed. Unknown when the pipeline's own metrics could not be read (a 403 included) or a
 * value a requested threshold needs is missing. Other failed reads (source metrics, consumer
 * groups) are notes: they leave a column unknown but decide nothing.
 */
import type { PipelineReadings, Settled } from './fetch-health.js';
import type { OwnedPipeline } from './owned-pipelines.js';
import type { ForbiddenRead, Health, PipelineStatus, SnapshotProgress, Thresholds } from './types.js';

const ACTIVE = 'Active';

function connectorReasons(p: OwnedPipeline, r: PipelineReadings): string[] {
  const reasons: string[] = [];
  const source = (r.source.ok ? r.source.value.connectorStatus : undefined) ?? p.source.status;
  if (source !== undefined && source !== ACTIVE) reasons.push(`source ${p.source.name} is ${source}`);
  const dest = p.destination.status;
  if (dest !== undefined && dest !== ACTIVE) reasons.push(`destination ${p.destination.name} is ${dest}`);
  return reasons;
}

interface Values {
  readonly status: string | undefined;
  readonly latencyMs: number | undefined;
  readonly recordsLag: number | undefined;
  readonly consumerLag: number | undefined;
}

function thresholdChecks(v: Values, t: Thresholds): { reasons: string[]; unchecked: string[] } {
  const reasons: string[] = [];
  const unchecked: string[] = [];
  const check = (
    value: number | undefined,
    max: number | undefined,
    what: string,
    flag: string,
    fmt: (n: number) => string,
  ): void => {
    if (max === undefined) return;
    if (value === undefined) unchecked.push(`${what} unknown: ${flag} not checked`);
    else if (value > max) reasons.push(`${what} ${fmt(value)} > ${fmt(max)}`);
  };
  const count = (n: number): string => n.toLocaleString('en-US');
  check(v.recordsLag, t.maxLag, 'records lag', '--max-lag', count);
  check(v.consumerLag, t.maxLag, 'consumer lag', '--max-lag', count);
  check(v.latencyMs, t.maxLatencyMs, 'latency', '--max-latency', (n) => `${count(n)} ms`);
  return { reasons, unchecked };
}

function readNotes(r: PipelineReadings, p: OwnedPipeline): string[] {
  const notes: string[] = [];
  const failed = (s: Settled<unknown>, what: string): void => {
    if (s.ok) return;
    notes.push(
      s.forbidden
        ? `${what}: forbidden (HTTP 403): the API client needs ${s.forbidden.permission}`
        : `${what}: ${s.error}`,
    );
  };
  failed(r.pipeline, 'pipeline metrics');
  failed(r.source, 'source metrics');
  failed(r.consumer, 'consumer groups');
  if (r.pipeline.ok && r.pipeline.value.status === undefined) notes.push('pipeline metrics carry no status');
  if (r.consumer.ok && r.consumer.value.groups.length === 0) {
    notes.push(`no consumer group found for destination ${p.destination.name} (matched by its id)`);
  }
  return notes;
}

function snapshotOf(r: PipelineReadings, p: OwnedPipeline): SnapshotProgress | null {
  if (!r.source.ok) return null;
  const s = r.source.value.snapshot;
  // NOTE: without a total from the API, the pipeline's topic count stands in for the source's tables.
  return s.total === null && s.completed !== null && p.topics.length > 0
    ? { ...s, total: p.topics.length }
    : s;
}

function forbiddenOf(r: PipelineReadings): ForbiddenRead[] {
  return [r.pipeline, r.source, r.consumer].flatMap((s) => (!s.ok && s.forbidden ? [s.forbidden] : []));
}

export function evaluatePipeline(p: OwnedPipeline, r: PipelineReadings, t: Thresholds): PipelineStatus {
  const m = r.pipeline.ok ? r.pipeline.value : undefined;
  const values: Values = {
    status: m?.status,
    latencyMs: m?.latency.latest,
    recordsLag: m?.recordsLag.latest,
    consumerLag: r.consumer.ok ? r.consumer.value.lag : undefined,
  };
  const limits = thresholdChecks(values, t);
  const reasons = [
    ...(values.status !== undefined && values.status !== ACTIVE ? [`pipeline is ${values.status}`] : []),
    ...connectorReasons(p, r),
    ...limits.reasons,
  ];
  const notes = [...readNotes(r, p), ...limits.unchecked];
  const unknown = values.status === undefined || limits.unchecked.length > 0;
  const health: Health = reasons.length > 0 ? 'unhealthy' : unknown ? 'unknown' : 'healthy';
  return {
    name: p.name,
    id: p.id,
    source: { id: p.source.id, name: p.source.name },
    destination: { id: p.destination.id, name: p.destination.name },
    health,
    status: values.status ?? null,
    latencyMs: values.latencyMs ?? null,
    recordsLag: values.recordsLag ?? null,
    consumerLag: values.consumerLag ?? null,
    consumerGroups: r.consumer.ok ? r.consumer.value.groups : [],
    snapshot: snapshotOf(r, p),
    trend: { latencyMs: m?.latency.points ?? [], recordsLag: m?.recordsLag.points ?? [] },
    reasons,
    notes,
    forbidden: forbiddenOf(r),
  };
}
