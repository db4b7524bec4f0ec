import type { BackoffConfig } from './config.js';

/** Delay before retry number `retry` (1 = the first retry): initial * factor^(retry-1), capped. */
export function backoffDelay(retry: number, config: BackoffConfig, random: () => number): number {
  const raw = Math.min(config.maxMs, config.initialMs * config.factor ** Math.max(0, retry - 1));
  if (!config.jitter) return raw;
  // NOTE: "equal jitter": never less than half the nominal delay, so a struggling server still
  // gets the breathing room the schedule promises.
  return raw / 2 + (raw / 2) * random();
}

/**
 * `Retry-After` as milliseconds: delta-seconds or an HTTP date. Undefined when absent or
 * unparseable; a date in the past gives 0.
 */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
