import { registry } from '../kinds/registry.js';
import { PROTECTED_TAG, resourceKey, type DesiredState, type LiveResource } from '../model/index.js';
import type { PlanLiveIndex } from './live-index.js';
import { isDestructiveKind, isManaged, isOwned, liveTagsOf } from './resource-actions.js';
import type { DraftSet } from './types.js';

/**
 * Live objects of a managed kind that carry the ownership tag but match no manifest resource are
 * deleted. Tags are never deleted; objects the manifests list under `external` are left alone.
 * A protected object's delete is planned (and marked): apply refuses it.
 */
export function planDeletes(
  desired: DesiredState,
  index: PlanLiveIndex,
  claimed: ReadonlySet<LiveResource>,
  set: DraftSet,
): void {
  const managed = new Set(desired.managedKinds.filter((k) => registry.get(k).tagged));
  const reported = new Set<string>(
    set.errors.filter((e) => e.code === 'duplicate-live').map((e) => e.id ?? ''),
  );
  for (const live of index.all) {
    if (!isManaged(live) || !managed.has(live.kind) || claimed.has(live) || !isOwned(live, desired.namespace))
      continue;
    const id = resourceKey(live.kind, live.name);
    if ((desired.external[live.kind] ?? []).includes(live.name)) {
      set.warnings.push({
        code: 'external-owned',
        id,
        message: `${id} carries the ownership tag but is listed under external: it is not deleted`,
      });
      continue;
    }
    if (index.isDuplicate(live.kind, live.name) || set.actions.has(id)) {
      if (!reported.has(id)) {
        set.errors.push({
          code: 'duplicate-live',
          id,
          message: `more than one live ${live.kind} named "${live.name}" carries the ownership tag; the plan will not guess which one to delete`,
          hint: 'rename or delete the extra objects in Streamkap, then plan again',
        });
      }
      reported.add(id);
      continue;
    }
    const isProtected = liveTagsOf(live).includes(PROTECTED_TAG);
    set.actions.set(id, {
      id,
      kind: live.kind,
      name: live.name,
      type: 'delete',
      liveId: live.live.id,
      liveFingerprint: live.live.fingerprint,
      changes: [],
      dependsOn: new Set(),
      destructive: isDestructiveKind(live.kind) || isProtected,
      protected: isProtected,
      reason: isProtected
        ? 'not in the manifests, but protected: set protected: false and apply that first, then remove it'
        : 'not in the manifests (carries the ownership tag)',
    });
  }
}
