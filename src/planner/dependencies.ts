import { registry, TAG_KIND } from '../kinds/registry.js';
import {
  ownershipTag,
  replaceTempName,
  resourceKey,
  type LiveResource,
  type PlanWrite,
  type ResourceKey,
} from '../model/index.js';
import type { PlanLiveIndex } from './live-index.js';
import { isOwned } from './resource-actions.js';
import type { DraftAction, DraftSet } from './types.js';

/** What a create/update/replace/noop needs first: the ownership tag, its tags, its references. */
function forwardDependencies(action: DraftAction, ownTag: ResourceKey, set: DraftSet): void {
  for (const id of [ownTag, ...(action.refs ?? [])]) {
    if (id !== action.id && set.actions.has(id)) action.dependsOn.add(id);
  }
}

/** The field of `user` that refers to `liveName`: the repoint change's path (`source.id`). */
function repointPath(user: LiveResource, replaced: DraftAction, liveName: string): string {
  const ref = registry.referencesOf(user).find((r) => r.kind === replaced.kind && r.name === liveName) ?? {
    field: replaced.kind,
    many: false,
  };
  return ref.many ? `${ref.field}[${replaced.name}].id` : `${ref.field}.id`;
}

/**
 * A replaced object gets a new id, so a kept object that still refers to it (a pipeline using a
 * replaced source) is repointed: its action becomes (or stays) an update that runs after the replace.
 */
function repoint(user: DraftAction, replaced: DraftAction, path: string): void {
  const before = replaced.liveId ?? null;
  user.changes = [...user.changes, { path, before, after: '(known after apply)' }];
  if (user.type === 'noop') {
    user.type = 'update';
    user.reason = `repointed: ${replaced.id} is replaced`;
  }
  user.dependsOn.add(replaced.id);
}

/** False (with a warning) when a kind that may refer to this action's object was not read. */
function referrersRead(action: DraftAction, index: PlanLiveIndex, set: DraftSet): boolean {
  const unread = registry.referrers(action.kind).find((k) => !index.isLoaded(k));
  if (unread === undefined) return true;
  // NOTE: without the live objects that may use this one, a user cannot be seen; say so.
  set.warnings.push({
    code: `${unread}s-not-read`,
    id: action.id,
    message: `live ${unread}s were not read, so a ${unread} using this ${action.kind} cannot be checked; the ${action.type} may break one`,
  });
  return false;
}

/**
 * Deletes run bottom-up: a delete (or the delete half of a replace) of an object other objects refer
 * to waits for every live object using it (pipelines using a source) to be deleted or repointed first.
 */
function reverseDependencies(
  action: DraftAction,
  namespace: string,
  index: PlanLiveIndex,
  byLiveId: Map<string, DraftAction>,
  set: DraftSet,
): void {
  if (registry.referrers(action.kind).length === 0 || !referrersRead(action, index, set)) return;
  const liveName = action.type === 'delete' ? action.name : (action.renamedFrom ?? action.name);
  const repointed: LiveResource[] = [];
  for (const user of index.referrers(action.kind, liveName)) {
    const ua = byLiveId.get(`${user.kind}/${user.live.id}`);
    if (!ua) {
      // NOTE: a user another namespace owns (or nobody) is refused by the ownership guard; one of
      // ours of a kind this run does not manage is only warned about.
      if (action.type === 'replace') repointed.push(user);
      if (!isOwned(user, namespace)) continue;
      set.warnings.push({
        code: 'referenced-by-unmanaged',
        id: action.id,
        message: `${action.id} is used by ${user.kind} "${user.name}", which this run does not manage (its kind is in no manifest); the ${action.type} may break it`,
      });
      continue;
    }
    if (
      action.type === 'replace' &&
      ua.type !== 'delete' &&
      (ua.refs ?? []).includes(resourceKey(action.kind, action.name))
    ) {
      // NOTE: a user that is itself replaced already runs after the replace it depends on.
      if (ua.type !== 'replace') repoint(ua, action, repointPath(user, action, liveName));
      repointed.push(user);
      continue;
    }
    if (ua.type !== 'noop' && ua.type !== 'create') action.dependsOn.add(ua.id);
  }
  if (action.type === 'replace' && repointed.length > 0)
    action.writes = replaceWrites(action, repointed, index);
}

/** The writes of a replace through a temporary name, in the applier's order (applier/replace.ts). */
function replaceWrites(
  action: DraftAction,
  users: readonly LiveResource[],
  index: PlanLiveIndex,
): PlanWrite[] {
  const temp = replaceTempName(action.name, (n) => index.byName(action.kind, n) !== undefined);
  const tempId = resourceKey(action.kind, temp);
  const oldId = resourceKey(action.kind, action.renamedFrom ?? action.name);
  return [
    { type: 'create', id: tempId, what: 'the replacement, under a temporary name' },
    ...users.map((u): PlanWrite => ({
      type: 'update',
      id: resourceKey(u.kind, u.name),
      what: `repointed from the old ${action.kind} to the replacement`,
    })),
    { type: 'delete', id: oldId, what: `the old ${action.kind} (id ${action.liveId ?? 'unknown'})` },
    { type: 'update', id: tempId, what: `renamed to "${action.name}"` },
  ];
}

/** Fills every action's dependsOn (see docs/plan-format.md, "Dependencies"). */
export function addDependencies(namespace: string, index: PlanLiveIndex, set: DraftSet): void {
  const ownTag = resourceKey(TAG_KIND, ownershipTag(namespace));
  const byLiveId = new Map<string, DraftAction>();
  for (const a of set.actions.values()) {
    if (a.liveId !== undefined) byLiveId.set(`${a.kind}/${a.liveId}`, a);
    if (registry.get(a.kind).tagged && a.type !== 'delete') forwardDependencies(a, ownTag, set);
  }
  for (const a of set.actions.values()) {
    if (a.type === 'delete' || a.type === 'replace') reverseDependencies(a, namespace, index, byLiveId, set);
  }
}
