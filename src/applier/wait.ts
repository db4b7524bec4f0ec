/**
 * `apply --wait`: after the writes, poll the health endpoints (§3.5) of the pipelines, sources and
 * destinations the apply touched until every one reports `Active`. `Broken` fails at once; a
 * timeout fails with the statuses last seen. Pipeline status: `GET /pipelines/{id}/metrics`;
 * connectors: `GET /sources/metrics?ids=..` (inner shape ASSUMED), else the object's
 * `connector_status`.
 */
import type { ApiClient } from '../api/types.js';
import { ApiError, ApplyError } from '../errors/index.js';
import { systemClock, type Clock } from './clock.js';
import type { ResourceKind } from '../model/index.js';
import { isRecord } from './kinds/common.js';
import { formatDuration } from './report.js';

export interface WaitTarget {
  readonly kind: ResourceKind;
  readonly name: string;
  readonly id: string;
}

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly onStatus?: (target: WaitTarget, status: string) => void;
  /** Deadline and pauses between polls (default: the system clock). */
  readonly clock?: Clock;
}

export interface WaitResult {
  readonly statuses: ReadonlyMap<string, string>;
}

const BROKEN = new Set(['Broken']);

const PATHS = { pipeline: '/pipelines', source: '/sources', destination: '/destinations' } as const;
type Watched = keyof typeof PATHS;

async function metricsStatus(client: ApiClient, kind: Watched, id: string): Promise<string | undefined> {
  try {
    if (kind === 'pipeline') {
      const res = await client.request('GET', `/pipelines/${id}/metrics`, { query: { time_unit: 'minute' } });
      const data = isRecord(res) ? res['data'] : undefined;
      return isRecord(data) && typeof data['status'] === 'string' ? data['status'] : undefined;
    }
    const res = await client.request('GET', `${PATHS[kind]}/metrics`, {
      query: { ids: id, level: 'connector', time_type: 'latest' },
    });
    const m = isRecord(res) && isRecord(res['connector_metrics']) ? res['connector_metrics'][id] : undefined;
    return isRecord(m) && typeof m['status'] === 'string' ? m['status'] : undefined;
  } catch (error) {
    // Metrics need their own permission (403) and their shapes are partly ASSUMED: fall back.
    if (error instanceof ApiError && error.status !== undefined && error.status < 500) return undefined;
    throw error;
  }
}

/** The kinds --wait watches; tags and transforms (whose job the apply already awaited) have no status here. */
export function isWatched(kind: ResourceKind): kind is Watched {
  return kind in PATHS;
}

/** The object's own status field (`connector_status`, or `status` on pipelines). */
async function objectStatus(client: ApiClient, kind: Watched, id: string): Promise<string | undefined> {
  const res = await client.request('GET', `${PATHS[kind]}/${id}`, { absentOn: [404] });
  const item = isRecord(res) && Array.isArray(res['result']) ? res['result'][0] : undefined;
  if (!isRecord(item)) return undefined;
  const status = item['connector_status'] ?? item['status'];
  return typeof status === 'string' ? status : undefined;
}

/**
 * Metrics first (what the issue asks for); while they do not say Active or Broken, the object's
 * own status decides, since right after a `wait=false` write the two may lag each other.
 */
async function statusOf(client: ApiClient, t: WaitTarget): Promise<string | undefined> {
  if (!isWatched(t.kind)) return 'Active';
  const m = await metricsStatus(client, t.kind, t.id);
  if (m === 'Active' || (m !== undefined && BROKEN.has(m))) return m;
  return (await objectStatus(client, t.kind, t.id)) ?? m;
}

export async function waitUntilActive(
  client: ApiClient,
  targets: readonly WaitTarget[],
  options: WaitOptions,
): Promise<WaitResult> {
  const statuses = new Map<string, string>();
  const pending = new Map(targets.filter((t) => isWatched(t.kind)).map((t) => [`${t.kind}/${t.name}`, t]));
  const clock = options.clock ?? systemClock;
  const deadline = clock.now() + options.timeoutMs;
  let interval = options.intervalMs;
  while (pending.size > 0) {
    const checks = [...pending].map(async ([key, t]) => {
      const status = (await statusOf(client, t)) ?? 'Unknown';
      if (statuses.get(key) !== status) options.onStatus?.(t, status);
      statuses.set(key, status);
      if (BROKEN.has(status)) {
        // NOTE: ApplyError (exit 1): the apply itself went through but the result is unhealthy;
        // a UserError would mean invalid input (exit 4).
        throw new ApplyError(`${key} is ${status} after the apply`, undefined, {
          hint: 'check its status and logs in Streamkap; the configuration was applied',
        });
      }
      if (status === 'Active') pending.delete(key);
    });
    await Promise.all(checks);
    if (pending.size === 0) break;
    if (clock.now() >= deadline) {
      const waiting = [...pending.keys()].map((k) => `${k} (${statuses.get(k) ?? 'Unknown'})`).join(', ');
      throw new ApplyError(`not Active after ${formatDuration(options.timeoutMs)}: ${waiting}`, undefined, {
        hint: 'raise --wait-timeout, or check the status in Streamkap',
      });
    }
    await clock.sleep(Math.min(interval, Math.max(0, deadline - clock.now())));
    interval = Math.min(interval * 2, Math.max(10_000, options.intervalMs));
  }
  return { statuses };
}
