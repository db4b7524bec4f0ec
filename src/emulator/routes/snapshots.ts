/**
 * Snapshot actions (api-notes §3.5): start (both spellings), stop and cancel. Only one may "run" per
 * source; another start answers 409 until it is stopped or its duration passes (its progress:
 * snapshot-progress.ts). Every call is logged with its body in `store.snapshotCalls`.
 */
import { detail, ok, validationError, type Reply } from '../http.js';
import type { Call, Handler, Router } from '../router.js';
import { runningSnapshot } from '../snapshot-progress.js';
import type { SnapshotRecord } from '../store.js';
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

/** Records the call and its answer's status. */
function logged(handler: (call: Call) => Reply): Handler {
  return (call) => {
    const reply = handler(call);
    call.env.store.snapshotCalls.push({ path: call.req.path, body: call.body, status: reply.status });
    return reply;
  };
}

/** Whether the `snapshotRoutes` setting lets this spelling of the start route exist. */
function spellingExists(call: Call, spelling: 'snapshot' | 'execute'): boolean {
  const routes = call.env.settings().snapshotRoutes;
  return routes === 'both' || routes === spelling;
}

function start(defaultType: 'incremental' | 'blocking', spelling: 'snapshot' | 'execute') {
  return (call: Call): Reply => {
    if (!spellingExists(call, spelling)) return detail(404, 'Not Found');
    const items = checkBody(call.body, START_RULES);
    if (items.length > 0) return validationError(items);
    const b = call.body as {
      source_id: string;
      topic_names?: string[] | null;
      snapshot_type?: string | null;
    };
    if (!call.env.store.sources.get(b.source_id)) return detail(404, 'Source not found');
    if (runningSnapshot(call.env, b.source_id)) {
      return detail(409, 'A snapshot is already running for this source.');
    }
    const snap: SnapshotRecord = {
      source_id: b.source_id,
      snapshot_type: b.snapshot_type ?? defaultType,
      topic_names: [...(b.topic_names ?? [])],
      started_at: call.env.now(),
      stopped_at: null,
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
    const snap = runningSnapshot(call.env, b.source_id);
    if (!snap || (kind !== 'any' && snap.snapshot_type !== kind)) {
      return detail(400, `No ${kind === 'any' ? '' : `${kind} `}snapshot is running for this source.`);
    }
    snap.stopped_at = call.env.now();
    return ok({ source_id: b.source_id, status: kind === 'any' ? 'cancelled' : 'stopped' });
  };
}

export function registerSnapshotRoutes(router: Router): void {
  router
    .add('POST', '/sources/snapshot', logged(start('incremental', 'snapshot')))
    // NOTE: the quickstart's spelling (api-notes §3.5); accepted as an alias of /sources/snapshot.
    .add('POST', '/sources/execute_incremental_snapshot', logged(start('incremental', 'execute')))
    .add('POST', '/sources/stop_incremental_snapshot', logged(stop('incremental')))
    .add('POST', '/sources/stop_blocking_snapshot', logged(stop('blocking')))
    .add('POST', '/sources/cancel_snapshot', logged(stop('any')));
}
