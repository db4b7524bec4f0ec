/**
 * `GET /sources/{id}/metrics` → the connector's status and its latest snapshot's progress. Only the
 * route and the names `snapshotStatus`, `snapshotState`, `SnapshotRunning`, `SnapshotCompleted`
 * are known (the quickstart); everything else is read tolerantly: the fields may sit under `data`
 * or at the top level, and SnapshotRunning/SnapshotCompleted may be counts, lists of tables or
 * Debezium's booleans (with TotalTableCount/RemainingTableCount beside them).
 */
import type { SnapshotProgress } from './types.js';
import { first, num, payload, str, type UnknownRecord } from './read-values.js';

export interface SourceMetricsReading {
  readonly connectorStatus: string | undefined;
  readonly snapshot: SnapshotProgress;
}

/** A count, a list's length, or (for booleans) undefined with the flag kept apart. */
function count(v: unknown): { n: number | undefined; flag: boolean | undefined } {
  if (typeof v === 'boolean') return { n: undefined, flag: v };
  if (Array.isArray(v)) return { n: v.length, flag: v.length > 0 };
  const n = num(v);
  return { n, flag: n === undefined ? undefined : n > 0 };
}

function phaseOf(
  status: string | undefined,
  running: { flag: boolean | undefined },
  done: { completed: number | undefined; total: number | undefined; flag: boolean | undefined },
): SnapshotProgress['phase'] {
  const s = status?.toLowerCase() ?? '';
  if (/^(none|not[ _-]?started|never|idle)$/.test(s)) return 'none';
  if (running.flag === true || /running|in[ _-]?progress|^started$/.test(s)) return 'running';
  if (/stop|cancel|abort/.test(s)) return 'stopped';
  if (done.flag === true || /complete|finish|done/.test(s)) return 'completed';
  if (done.total !== undefined && done.total > 0 && done.completed === done.total) return 'completed';
  if (running.flag === false && done.completed === 0) return 'none';
  return 'unknown';
}

function progress(c: UnknownRecord): SnapshotProgress {
  const status = str(first(c, ['snapshotStatus', 'snapshot_status']));
  const state = str(first(c, ['snapshotState', 'snapshot_state']));
  const running = count(first(c, ['SnapshotRunning', 'snapshotRunning', 'snapshot_running']));
  const done = count(first(c, ['SnapshotCompleted', 'snapshotCompleted', 'snapshot_completed']));
  const remaining = num(first(c, ['RemainingTableCount', 'remainingTableCount', 'remaining_tables']));
  let total = num(first(c, ['TotalTableCount', 'totalTableCount', 'total_tables', 'totalTables']));
  let completed = done.n;
  if (completed === undefined && total !== undefined && remaining !== undefined)
    completed = total - remaining;
  if (completed === undefined && done.flag === true && total !== undefined) completed = total;
  // NOTE: a list of running tables need not name the ones still waiting, so it gives no total.
  if (total === undefined && completed !== undefined && remaining !== undefined)
    total = completed + remaining;
  const phase = phaseOf(status, running, { completed, total, flag: done.flag });
  return {
    phase,
    completed: completed ?? null,
    total: total ?? null,
    status: status ?? null,
    state: state ?? null,
  };
}

export function parseSourceMetrics(body: unknown): SourceMetricsReading {
  const c = payload(body);
  return {
    connectorStatus: str(first(c, ['status', 'connector_status', 'connectorStatus'])),
    snapshot: progress(c),
  };
}
