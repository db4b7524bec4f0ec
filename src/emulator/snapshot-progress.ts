/**
 * Where a source's latest snapshot stands at `now`. Tables are snapshotted one after another (as
 * the Streamkap docs describe), so after a fraction f of `snapshotDurationMs` the first
 * floor(f × tables) are completed and the next one runs; past the duration all are completed. A
 * stop freezes the progress it had; with a null duration it runs (table 1) until stopped.
 */
import type { ServerEnv } from './router.js';
import type { SnapshotRecord } from './store.js';
import { sourceTopics } from './topics.js';
import type { StoredConnector } from './types.js';

export type SnapshotPhase = 'running' | 'completed' | 'stopped';

export interface SnapshotProgress {
  readonly phase: SnapshotPhase;
  readonly snapshotType: string;
  readonly tables: readonly string[];
  readonly completed: readonly string[];
  readonly running: readonly string[];
}

function completedCount(env: ServerEnv, snap: SnapshotRecord, total: number): number {
  const duration = env.settings().snapshotDurationMs;
  const until = snap.stopped_at ?? env.now();
  if (duration === null) return 0;
  if (duration <= 0) return total;
  return Math.min(total, Math.floor(((until - snap.started_at) / duration) * total));
}

export function snapshotProgress(
  env: ServerEnv,
  snap: SnapshotRecord,
  source: StoredConnector | undefined,
): SnapshotProgress {
  const tables =
    snap.topic_names.length > 0
      ? snap.topic_names
      : source
        ? sourceTopics(source.connector, source.config)
        : [];
  const total = Math.max(tables.length, 1);
  const done = completedCount(env, snap, total);
  const phase: SnapshotPhase = snap.stopped_at !== null ? 'stopped' : done >= total ? 'completed' : 'running';
  return {
    phase,
    snapshotType: snap.snapshot_type,
    tables,
    completed: tables.slice(0, done),
    running: phase === 'running' ? tables.slice(done, done + 1) : [],
  };
}

/** The source's snapshot while it runs (another start answers 409), else undefined. */
export function runningSnapshot(env: ServerEnv, sourceId: string): SnapshotRecord | undefined {
  const snap = env.store.snapshots.get(sourceId);
  if (!snap) return undefined;
  const progress = snapshotProgress(env, snap, env.store.sources.get(sourceId));
  return progress.phase === 'running' ? snap : undefined;
}
