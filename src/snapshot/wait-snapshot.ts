/**
 * `snapshot --wait`: poll `GET /sources/{id}/metrics` (read as `status` reads it) until the
 * snapshot completes, reporting each change of progress. A stop, a 403 or the timeout ends it with
 * an OperationError (exit 1); the snapshot itself goes on after a timeout. Time is injected.
 * NOTE: the first poll may already show completion (a small table); that is taken as done.
 */
import type { Clock } from '../applier/index.js';
import type { ApiClient } from '../api/types.js';
import { ApiError, OperationError } from '../errors/index.js';
import { parseSourceMetrics } from '../status/parse-source-metrics.js';
import { READS } from '../status/permissions.js';
import type { SnapshotProgress } from '../status/types.js';

export interface WaitSnapshotOptions {
  readonly clock: Clock;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly onProgress: (p: SnapshotProgress) => void;
}

export function progressText(p: SnapshotProgress): string {
  const counts =
    p.completed !== null && p.total !== null ? `, ${p.completed}/${p.total} tables completed` : '';
  return `${p.phase}${counts}${p.status ? ` (snapshotStatus ${p.status})` : ''}`;
}

async function poll(client: ApiClient, sourceId: string): Promise<SnapshotProgress> {
  try {
    return parseSourceMetrics(await client.request('GET', `/sources/${encodeURIComponent(sourceId)}/metrics`))
      .snapshot;
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      throw new OperationError(
        `the snapshot was started, but its progress cannot be read: ${READS.sourceMetrics.endpoint} answered 403`,
        {
          cause: error,
          hint: `the API client needs ${READS.sourceMetrics.permission}; meanwhile \`streamkap-gitops status\` shows what it can`,
        },
      );
    }
    throw error;
  }
}

export async function waitForSnapshot(
  client: ApiClient,
  source: { readonly id: string; readonly name: string },
  o: WaitSnapshotOptions,
): Promise<SnapshotProgress> {
  const deadline = o.clock.now() + o.timeoutMs;
  let shown = '';
  for (;;) {
    const p = await poll(client, source.id);
    const text = progressText(p);
    if (text !== shown) o.onProgress(p);
    shown = text;
    if (p.phase === 'completed') return p;
    if (p.phase === 'stopped') {
      throw new OperationError(`the snapshot of ${source.name} was stopped: ${text}`, {
        hint: `start it again with \`streamkap-gitops snapshot ${source.name}\``,
      });
    }
    if (o.clock.now() + o.intervalMs > deadline) {
      throw new OperationError(
        `the snapshot of ${source.name} did not complete within --wait-timeout: ${text}`,
        {
          hint: `it goes on: follow it with \`streamkap-gitops status\`, or stop it with \`streamkap-gitops snapshot ${source.name} --stop\``,
        },
      );
    }
    await o.clock.sleep(o.intervalMs);
  }
}
