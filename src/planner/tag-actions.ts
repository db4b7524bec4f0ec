import {
  ownershipTag,
  PROTECTED_TAG,
  resourceKey,
  type DesiredState,
  type TagResource,
} from '../model/index.js';
import { createTagChanges, diffTag, tagPlanJson } from './kinds/tag.js';
import type { PlanLiveIndex } from './live-index.js';
import type { DraftAction, DraftSet } from './types.js';

function tagAction(desired: TagResource, index: PlanLiveIndex, set: DraftSet): DraftAction {
  const live = index.tag(desired.name);
  const action: DraftAction = {
    id: resourceKey('tag', desired.name),
    kind: 'tag',
    name: desired.name,
    type: 'create',
    changes: [],
    dependsOn: new Set(),
    destructive: false,
    protected: false,
    desired: tagPlanJson(desired, live),
  };
  if (!live) {
    action.changes = createTagChanges(desired);
    return action;
  }
  action.liveId = live.id;
  const fingerprint = index.tagResource(desired.name)?.live.fingerprint;
  if (fingerprint !== undefined) action.liveFingerprint = fingerprint;
  const changes = diffTag(desired, live);
  if (changes.length > 0 && live.system) {
    set.warnings.push({
      code: 'system-tag',
      id: action.id,
      message: `tag "${desired.name}" is a system tag: its description and types cannot be changed`,
      hint: 'remove it from the manifest tags; resources may still refer to it by name',
    });
    action.type = 'noop';
    return action;
  }
  action.changes = changes;
  action.type = changes.length > 0 ? 'update' : 'noop';
  return action;
}

function builtinTag(name: string, description: string): TagResource {
  return { kind: 'tag', name, description, types: [] };
}

/**
 * Tag actions: the manifest's tags (create or update, never delete: a tag's ownership cannot be
 * proven), the namespace's ownership tag, and `gitops:protected` when some resource is protected.
 * The two built-in tags are created when missing and otherwise left as they are.
 */
export function planTags(desired: DesiredState, index: PlanLiveIndex, set: DraftSet): void {
  for (const r of desired.resources) {
    if (r.kind === 'tag') set.actions.set(resourceKey('tag', r.name), tagAction(r, index, set));
  }
  const builtins = [
    builtinTag(
      ownershipTag(desired.namespace),
      `Managed by streamkap-gitops (namespace ${desired.namespace})`,
    ),
  ];
  if (desired.resources.some((r) => r.kind !== 'tag' && r.protected)) {
    builtins.push(builtinTag(PROTECTED_TAG, 'Protected by streamkap-gitops: never deleted or replaced'));
  }
  for (const tag of builtins) {
    const id = resourceKey('tag', tag.name);
    if (set.actions.has(id)) continue;
    const action = tagAction(tag, index, set);
    if (action.type === 'update') {
      action.type = 'noop';
      action.changes = [];
    }
    set.actions.set(id, action);
  }
}

/** Tag names a resource may refer to: the manifest's tags and every live account tag. */
export function knownTagNames(desired: DesiredState, index: PlanLiveIndex): (name: string) => boolean {
  const manifest = new Set(desired.resources.filter((r) => r.kind === 'tag').map((r) => r.name));
  // NOTE: the planner creates these two itself, so a manifest naming them is not an unknown tag.
  manifest.add(ownershipTag(desired.namespace));
  manifest.add(PROTECTED_TAG);
  return (name) => manifest.has(name) || index.tag(name) !== undefined;
}
