/**
 * Snapshot actions (§3.5): start (both spellings), stop and cancel. Only one may "run" per
 * source; another start answers 409 until it is stopped or its duration passes.
 */
import { detail, ok, validationError, type Reply } from '../http.js';
import type { Call, Router } from '../router.js';
import type { RunningSnapshot } from '../store.js';
import { checkBody } from '../validate-body.js';

const START_RULES = {
  source_id: { type: 'string', required: true },
  topic_names: { type: 'array', items: 'string', nullable: true },
  additional_conditions: { type: 'array', items: 'object', nullable: true },
  snapshot_type: { type: 'string', enum: ['incremental', 'blocking'], nullable: true },
  surrogate_key: { type: 'string', nullable: true },
} as const;
const STOP_RULES = {
  source_id: { type: 'string', required: true },
  topic_names: { type: 'array', items: 'string', nullable: true },
} as const;

function running(call: Call, sourceId: string): RunningSnapshot | undefined {
  const snap = call.env.store.snapshots.get(sourceId);
  if (!snap) return undefined;
  const duration = call.env.settings().snapshotDurationMs;
  if (duration !== null && call.env.now() - snap.started_at >= duration) {
    call.env.store.snapshots.delete(sourceId);
    return undefined;
  }
  return snap;
}

function start(defaultType: 'incremental' | 'blocking') {
  return (call: Call): Reply => {
    const items = checkBody(call.body, START_RULES);
    if (items.length > 0) return validationError(items);
    const b = call.body as {
      source_id: string;
      topic_names?: string[] | null;
      snapshot_type?: string | null;
    };
    if (!call.env.store.sources.get(b.source_id)) return detail(404, 'Source not found');
    if (running(call, b.source_id)) return detail(409, 'A snapshot is already running for this source.');
    const snap: RunningSnapshot = {
      source_id: b.source_id,
      snapshot_type: b.snapshot_type ?? defaultType,
      topic_names: [...(b.topic_names ?? [])],
      started_at: call.env.now(),
    };
    call.env.store.snapshots.set(b.source_id, snap);
    return ok({
      source_id: snap.source_id,
      snapshot_type: snap.snapshot_type,
      topic_names: snap.topic_names,
      status: 'started',
    });
  };
}

function stop(kind: 'incremental' | 'blocking' | 'any') {
  return (call: Call): Reply => {
    const items = checkBody(call.body, STOP_RULES);
    if (items.length > 0) return validationError(items);
    const b = call.body as { source_id: string };
    if (!call.env.store.sources.get(b.source_id)) return detail(404, 'Source not found');
    const snap = running(call, b.source_id);
    if (!snap || (kind !== 'any' && snap.snapshot_type !== kind)) {
      return detail(400, `No ${kind === 'any' ? '' : `${kind} `}snapshot is running for this source.`);
    }
    call.env.store.snapshots.delete(b.source_id);
    return ok({ source_id: b.source_id, status: kind === 'any' ? 'cancelled' : 'stopped' });
  };
}

export function registerSnapshotRoutes(router: Router): void {
  router
    .add('POST', '/sources/snapshot', start('incremental'))
    // NOTE: the quickstart's spelling (§3.5); accepted as an alias of /sources/snapshot.
    .add('POST', '/sources/execute_incremental_snapshot', start('incremental'))
    .add('POST', '/sources/stop_incremental_snapshot', stop('incremental'))
    .add('POST', '/sources/stop_blocking_snapshot', stop('blocking'))
    .add('POST', '/sources/cancel_snapshot', stop('any'));
}
