/** The cells of a status row as text, shared by the text and Markdown renderers. */
import type { Health, PipelineStatus, SeriesPoint, SnapshotProgress } from '../status/types.js';
import { sparkline } from './sparkline.js';

const UNKNOWN = 'unknown';
const TREND_WIDTH = 12;

export function formatCount(n: number | null): string {
  return n === null ? UNKNOWN : n.toLocaleString('en-US');
}

export function formatLatency(ms: number | null): string {
  if (ms === null) return UNKNOWN;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** `3/5 tables` while running; `done 5/5`, `stopped 2/5`, `none` (never snapshotted). */
export function formatSnapshot(s: SnapshotProgress | null): string {
  if (s === null) return UNKNOWN;
  const counts = s.completed !== null && s.total !== null ? `${s.completed}/${s.total}` : undefined;
  switch (s.phase) {
    case 'running':
      return counts ? `${counts} tables` : 'running';
    case 'completed':
      return counts ? `done ${counts}` : 'done';
    case 'stopped':
      return counts ? `stopped ${counts}` : 'stopped';
    case 'none':
      return 'none';
    case 'unknown':
      return s.status ?? UNKNOWN;
  }
}

export function formatHealth(h: Health): string {
  return h === 'unhealthy' ? 'UNHEALTHY' : h;
}

export function trend(points: readonly SeriesPoint[]): string {
  return sparkline(
    points.map((p) => p.v),
    TREND_WIDTH,
  );
}

/** Why the pipeline is unhealthy; for an unknown one, what could not be read. */
export function why(p: PipelineStatus): string {
  if (p.reasons.length > 0) return p.reasons.join('; ');
  return p.health === 'unknown' ? (p.notes[0] ?? UNKNOWN) : '';
}

/** `1h`, `90m`, `2d`: the trend window as a column header. */
export function formatWindow(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}

export function summaryLine(r: {
  namespace: string;
  summary: { total: number; healthy: number; unhealthy: number; unknown: number };
}): string {
  const s = r.summary;
  const parts = [`${s.healthy} healthy`, `${s.unhealthy} unhealthy`];
  if (s.unknown > 0) parts.push(`${s.unknown} unknown`);
  return `Namespace ${r.namespace}: ${s.total} pipeline${s.total === 1 ? '' : 's'}, ${parts.join(', ')}`;
}
