/**
 * The trend window sent to `GET /pipelines/{id}/metrics` (`time_interval`, `time_unit`,
 * `timestamp_from`, `timestamp_to`): about TARGET_POINTS buckets over `since`, in the smallest unit
 * that keeps them at or under that. NOTE: the timestamp format the API expects is ASSUMED (ISO 8601,
 * UTC); the emulator accepts ISO and epoch values.
 */
export interface MetricsWindow {
  readonly time_interval: number;
  readonly time_unit: 'minute' | 'hour' | 'day';
  readonly timestamp_from: string;
  readonly timestamp_to: string;
}

const TARGET_POINTS = 30;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

function unitFor(bucketMs: number): ['minute' | 'hour' | 'day', number] {
  if (bucketMs < HOUR) return ['minute', MINUTE];
  return bucketMs < DAY ? ['hour', HOUR] : ['day', DAY];
}

export function metricsWindow(sinceMs: number, nowMs: number): MetricsWindow {
  const bucket = Math.max(sinceMs / TARGET_POINTS, MINUTE);
  const [unit, unitMs] = unitFor(bucket);
  return {
    time_interval: Math.max(1, Math.round(bucket / unitMs)),
    time_unit: unit,
    timestamp_from: new Date(nowMs - sinceMs).toISOString(),
    timestamp_to: new Date(nowMs).toISOString(),
  };
}
