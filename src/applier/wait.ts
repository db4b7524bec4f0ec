/**
 * `apply --wait`: after the writes, poll the health endpoints (api-notes §3.5) of the objects the apply
 * touched whose kind registers a `health` (pipelines, sources, destinations) until every one
 * reports `Active`. `Broken` fails at once; a timeout fails with the statuses last seen. Each kind
 * says where its metrics are (src/applier/kinds/); the object's own status field is the fallback.
 */
import type { ApiClient } from '../api/types.js';
import { ApiError, ApplyError } from '../errors/index.js';
import { registry } from '../kinds/registry.js';
import { systemClock, type Clock } from './clock.js';
import type { ResourceKind } from '../model/index.js';
import { isRecord, type KindHealth } from './kinds/common.js';
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

async function metricsStatus(client: ApiClient, health: KindHealth, id: string): Promise<string | undefined> {
  try {
    return await health.metricsStatus(client, id);
  } catch (error) {
    // Metrics need their own permission (403) and their shapes are partly ASSUMED: fall back.
    if (error instanceof ApiError && error.status !== undefined && error.status < 500) return undefined;
    throw error;
  }
}

/** The kinds --wait watches: those that register a health. */
export function isWatched(kind: ResourceKind): boolean {
  return registry.get(kind).health !== undefined;
}

/** The object's own status field (`connector_status`, or `status` on pipelines). */
async function objectStatus(client: ApiClient, health: KindHealth, id: string): Promise<string | undefined> {
  const res = await client.request('GET', `${health.path}/${id}`, { absentOn: [404] });
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
  const health = registry.get(t.kind).health;
  if (!health) return 'Active';
  const m = await metricsStatus(client, health, t.id);
  if (m === 'Active' || (m !== undefined && BROKEN.has(m))) return m;
  return (await objectStatus(client, health, t.id)) ?? m;
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
