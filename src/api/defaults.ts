/**
 * The API client's defaults. A module of its own with no imports: the CLI's help and flag
 * registration read them on every call (even --version), which must not load the client.
 */
export const DEFAULTS = {
  timeoutMs: 30_000,
  maxAttempts: 5,
  backoff: { initialMs: 1000, factor: 2, maxMs: 30_000, jitter: true },
  concurrency: 16,
  refreshMarginMs: 60_000,
  maxRetryAfterMs: 120_000,
  pageSize: 100,
} as const;
