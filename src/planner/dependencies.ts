import { ownershipTag, resourceKey, type ResourceKey } from '../model/index.js';
import type { PlanLiveIndex } from './live-index.js';
import type { DraftAction, DraftSet } from './types.js';

/** What a create/update/replace/noop needs first: the ownership tag, its tags, a pipeline's references. */
function forwardDependencies(action: DraftAction, ownTag: ResourceKey, set: DraftSet): void {
  for (const id of [ownTag, ...(action.refs ?? [])]) {
    if (id !== action.id && set.actions.has(id)) action.dependsOn.add(id);
  }
}

/**
 * A replaced source/destination/transform gets a new id, so a kept pipeline that still uses it is
 * repointed: its action becomes (or stays) an update that runs after the replace.
 */
function repoint(pipeline: DraftAction, replaced: DraftAction): void {
  const path = replaced.kind === 'transform' ? `transforms[${replaced.name}].id` : `${replaced.kind}.id`;
  const before = replaced.liveId ?? null;
  pipeline.changes = [...pipeline.changes, { path, before, after: '(known after apply)' }];
  if (pipeline.type === 'noop') {
    pipeline.type = 'update';
    pipeline.reason = `repointed: ${replaced.id} is replaced`;
  }
  pipeline.dependsOn.add(replaced.id);
}

/**
 * Deletes run bottom-up: a delete (or the delete half of a replace) of a source, destination or
 * transform waits for every live pipeline using it to be deleted or repointed first.
 */
function reverseDependencies(
  action: DraftAction,
  index: PlanLiveIndex,
  byLiveId: Map<string, DraftAction>,
  set: DraftSet,
): void {
  if (action.kind !== 'source' && action.kind !== 'destination' && action.kind !== 'transform') return;
  if (!index.isLoaded('pipeline')) {
    // NOTE: without the live pipelines a pipeline that uses this object cannot be seen; say so.
    set.warnings.push({
      code: 'pipelines-not-read',
      id: action.id,
      message: `live pipelines were not read, so a pipeline using this ${action.kind} cannot be checked; the ${action.type} may break one`,
    });
    return;
  }
  const liveName = action.type === 'delete' ? action.name : (action.renamedFrom ?? action.name);
  for (const p of index.pipelinesReferencing(action.kind, liveName)) {
    const pa = byLiveId.get(p.live.id);
    if (!pa) {
      set.warnings.push({
        code: 'referenced-by-unmanaged',
        id: action.id,
        message: `${action.id} is used by pipeline "${p.name}", which this namespace does not manage; the ${action.type} may break it`,
      });
      continue;
    }
    if (
      action.type === 'replace' &&
      pa.type !== 'delete' &&
      (pa.refs ?? []).includes(resourceKey(action.kind, action.name))
    ) {
      // NOTE: a pipeline that is itself replaced already runs after the replace it depends on.
      if (pa.type !== 'replace') repoint(pa, action);
      continue;
    }
    if (pa.type !== 'noop' && pa.type !== 'create') action.dependsOn.add(pa.id);
  }
}

/** Fills every action's dependsOn (see docs/plan-format.md, "Dependencies"). */
export function addDependencies(namespace: string, index: PlanLiveIndex, set: DraftSet): void {
  const ownTag = resourceKey('tag', ownershipTag(namespace));
  const byLiveId = new Map<string, DraftAction>();
  for (const a of set.actions.values()) {
    if (a.kind === 'pipeline' && a.liveId !== undefined) byLiveId.set(a.liveId, a);
    if (a.kind !== 'tag' && a.type !== 'delete') forwardDependencies(a, ownTag, set);
  }
  for (const a of set.actions.values()) {
    if (a.type === 'delete' || a.type === 'replace') reverseDependencies(a, index, byLiveId, set);
  }
}
