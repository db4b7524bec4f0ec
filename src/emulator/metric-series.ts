/**
 * Time series of the pipeline metrics (api-notes §3.5 `time_interval`, `time_unit`, `timestamp_from`,
 * `timestamp_to`). The series shape upstream is ASSUMED, so `metricsSeries` picks one of three:
 * `{timestamp, value}` points, `[timestamp, value]` pairs, or scalars (no series at all).
 */
import type { MetricsSeriesShape } from './health-settings.js';
import { stable } from './health.js';
import type { Json } from './types.js';

export const TIME_UNITS = ['minute', 'hour', 'day', 'week', 'month'] as const;
const UNIT_MS: Record<(typeof TIME_UNITS)[number], number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
};
const MAX_POINTS = 1000;

export interface SeriesWindow {
  readonly from: number;
  readonly to: number;
  readonly stepMs: number;
}

/** Epoch ms from an ISO timestamp or epoch seconds/milliseconds; undefined when unreadable. */
function parseTimestamp(v: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    return n < 1e12 ? n * 1000 : n;
  }
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/** The window asked for, undefined when the query asks for none, or a message for a bad one. */
export function seriesWindow(query: URLSearchParams): SeriesWindow | undefined | string {
  const fromText = query.get('timestamp_from');
  const toText = query.get('timestamp_to');
  if (fromText === null && toText === null) return undefined;
  if (fromText === null || toText === null) return 'timestamp_from and timestamp_to go together.';
  const from = parseTimestamp(fromText);
  const to = parseTimestamp(toText);
  if (from === undefined || to === undefined || to < from) {
    return `Invalid time window '${fromText}'..'${toText}'.`;
  }
  const unit = (query.get('time_unit') ?? 'minute') as (typeof TIME_UNITS)[number];
  const interval = Number(query.get('time_interval') ?? '1');
  if (!Number.isInteger(interval) || interval < 1)
    return `Invalid time_interval '${query.get('time_interval')}'.`;
  return { from, to, stepMs: interval * UNIT_MS[unit] };
}

/** Values over the window ending at `current`, stable per id and point. */
function values(id: string, salt: string, current: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n - 1; i++) out.push(Math.round((current * stable(id, `${salt}:${i}`, 40, 160)) / 100));
  out.push(current);
  return out;
}

/** One metric as the chosen shape: a series over the window, or the scalar. */
export function metricSeries(
  shape: MetricsSeriesShape,
  w: SeriesWindow,
  id: string,
  salt: string,
  current: number,
): Json {
  if (shape === 'none') return current;
  const n = Math.min(MAX_POINTS, Math.floor((w.to - w.from) / w.stepMs) + 1);
  const first = w.to - (n - 1) * w.stepMs;
  return values(id, salt, current, n).map((value, i) => {
    const timestamp = new Date(first + i * w.stepMs).toISOString();
    return shape === 'pairs' ? [timestamp, value] : { timestamp, value };
  });
}
