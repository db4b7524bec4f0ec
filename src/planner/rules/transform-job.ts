import type { FieldChange, TransformType } from '../../model/index.js';

/**
 * Job statuses (api-notes §2.7) that mean a transform's job is not running and will not get there by itself:
 * never deployed (`CREATED`, e.g. an apply killed between the code upload and the deploy), or ended.
 * Transient ones (DEPLOYING, INITIALIZING, RESTARTING, ...) and an absent status are left alone.
 */
const NOT_RUNNING = new Set(['CREATED', 'CANCELED', 'FAILED', 'STOPPED']);

/**
 * A declared transform should be running. NOTE: rule 15 keeps deploys themselves out of the diff;
 * this compares the job's state, so a half-finished apply converges on the next run (the applier
 * deploys on any update that is not only tags or a rename). topic_router has no job.
 */
export function transformJobChange(type: TransformType, liveStatus: string | undefined): FieldChange[] {
  if (type === 'topic_router' || liveStatus === undefined || !NOT_RUNNING.has(liveStatus)) return [];
  return [{ path: 'job', before: liveStatus, after: 'RUNNING' }];
}
