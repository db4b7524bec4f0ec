/**
 * Start and stop requests. The start path is the quickstart's (api-notes §3.5); a 409 means a
 * snapshot of that source is already running, reported with how to follow or stop it. A start is
 * never resent after it may have landed (the client's rule for POSTs without a lookup).
 */
import type { ApiClient } from '../api/types.js';
import { ApiError } from '../errors/index.js';
import type { StartSnapshotBody } from './request-body.js';

export const START_PATH = '/sources/execute_incremental_snapshot';
export const STOP_PATH = '/sources/stop_incremental_snapshot';

function explained(error: ApiError, message: string, hint: string): ApiError {
  return new ApiError({
    message: `${message} (${error.method} ${error.path} -> HTTP ${error.status ?? '?'})`,
    status: error.status,
    method: error.method,
    path: error.path,
    requestId: error.requestId,
    details: error.details,
    cause: error,
    hint,
  });
}

export async function startSnapshot(
  client: ApiClient,
  sourceName: string,
  body: StartSnapshotBody,
): Promise<void> {
  try {
    await client.request('POST', START_PATH, { body });
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      throw explained(
        error,
        `a snapshot of source ${sourceName} is already running; nothing new was started`,
        `follow it with \`streamkap-gitops status\`, or stop it with \`streamkap-gitops snapshot ${sourceName} --stop\` and start again`,
      );
    }
    throw error;
  }
}

export async function stopSnapshot(client: ApiClient, sourceName: string, sourceId: string): Promise<void> {
  try {
    await client.request('POST', STOP_PATH, { body: { source_id: sourceId } });
  } catch (error) {
    if (error instanceof ApiError && (error.status === 400 || error.status === 404)) {
      throw explained(
        error,
        `could not stop a snapshot of source ${sourceName}: ${error.details[0] ?? 'refused'}`,
        'is a snapshot running? `streamkap-gitops status` shows it',
      );
    }
    throw error;
  }
}
