/**
 * Which start-snapshot spelling exists (api-notes §3.5, §9.11). Each is sent a request
 * that can start nothing: an id no source has and a snapshot type that does not exist, so the
 * body is refused (422/400) where the route exists and the route itself answers 404 where not.
 */
import type { ApiClient } from '../../api/types.js';
import { ApiError } from '../../errors/index.js';
import { START_PATH } from '../../snapshot/send-snapshot.js';
import { fail, ok, toResult, warn, type CheckDef } from '../check.js';
import { UNKNOWN_ID } from '../checks/lists.js';
import type { CheckResult } from '../types.js';

const OTHER_PATH = '/sources/snapshot';

const SNAPSHOT_ROUTE: CheckDef = {
  id: 'snapshot-route',
  group: 'writes',
  title: 'Start-snapshot route',
  assumed: `${START_PATH} exists (the quickstart's spelling; ${OTHER_PATH} is the docs reference's)`,
  setting: `no setting: the snapshot command posts to ${START_PATH}`,
};

/** The status a request that cannot start anything gets (2xx as 200). */
async function statusOf(client: ApiClient, path: string): Promise<number | undefined> {
  try {
    await client.request('POST', path, {
      body: { source_id: UNKNOWN_ID, snapshot_type: 'gitops-doctor-invalid' },
    });
    return 200;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return error.status;
  }
}

export async function snapshotRouteCheck(client: ApiClient): Promise<CheckResult> {
  const ours = await statusOf(client, START_PATH);
  const other = await statusOf(client, OTHER_PATH);
  const seen = `${START_PATH}: ${ours ?? 'no status'}; ${OTHER_PATH}: ${other ?? 'no status'} (to a request that cannot start anything)`;
  if (ours === 404 && other !== 404) {
    return toResult(
      SNAPSHOT_ROUTE,
      fail(
        seen,
        `The snapshot command would get 404: the account has only ${OTHER_PATH}. Report this with doctor --format json.`,
      ),
    );
  }
  if (ours === 404) {
    return toResult(
      SNAPSHOT_ROUTE,
      warn(seen, 'Neither spelling answered as a route; report this with doctor --format json.'),
    );
  }
  return toResult(SNAPSHOT_ROUTE, ok(seen));
}
