/**
 * `GET /sources/{source_id}/metrics` (the quickstart's route for connector health and snapshot
 * progress): `snapshotStatus`, `snapshotState`, `SnapshotRunning`, `SnapshotCompleted`. Only the
 * route and those names are known, so `sourceMetricsShape` plays three readings (health-settings.ts).
 */
import { connectorStatus, forbidden } from '../health.js';
import { detail, ok, type Reply } from '../http.js';
import type { Call } from '../router.js';
import { snapshotProgress, type SnapshotProgress } from '../snapshot-progress.js';
import type { JsonRecord } from '../types.js';

/** `None` before the first snapshot, else Running, Completed or Stopped. */
function statusWord(p: SnapshotProgress | undefined): string {
  if (!p) return 'None';
  return { running: 'Running', completed: 'Completed', stopped: 'Stopped' }[p.phase];
}

function snapshotFields(shape: string, p: SnapshotProgress | undefined): JsonRecord {
  const common: JsonRecord = { snapshotStatus: statusWord(p), snapshotState: p?.snapshotType ?? null };
  const completed = [...(p?.completed ?? [])];
  const running = [...(p?.running ?? [])];
  const total = p?.tables.length ?? 0;
  if (shape === 'tables') return { ...common, SnapshotRunning: running, SnapshotCompleted: completed };
  if (shape === 'flags') {
    return {
      ...common,
      SnapshotRunning: p?.phase === 'running',
      SnapshotCompleted: p?.phase === 'completed',
      TotalTableCount: total,
      RemainingTableCount: total - completed.length,
    };
  }
  return {
    ...common,
    SnapshotRunning: running.length,
    SnapshotCompleted: completed.length,
    TotalTableCount: total,
  };
}

export function sourceMetricsById(call: Call): Reply {
  const denied = forbidden(call.env, 'source-metrics');
  if (denied) return denied;
  const id = call.params['source_id'] as string;
  const source = call.env.store.sources.get(id);
  if (!source) return detail(404, 'Source not found');
  const snap = call.env.store.snapshots.get(id);
  const shape = call.env.settings().sourceMetricsShape;
  const fields = snapshotFields(shape, snap ? snapshotProgress(call.env, snap, source) : undefined);
  const status = connectorStatus(call.env, source);
  // NOTE: `tables` puts everything at the top level with a snake_case status; the others nest under `data`.
  if (shape === 'tables') return ok({ source_id: id, connector_status: status, ...fields });
  return ok({ data: { status, ...fields }, metadata: { source_id: id } });
}
