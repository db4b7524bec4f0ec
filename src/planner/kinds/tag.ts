import {
  DEFAULT_TAG_TYPES,
  isToolTagName,
  ownershipTag,
  PROTECTED_TAG,
  resourceKey,
  type DesiredState,
  type FieldChange,
  type LiveTag,
  type Shape,
  type TagPayload,
  type TagResource,
  shape,
} from '../../model/index.js';
import { sortedUnique } from '../canonical.js';
import type { PlanLiveIndex } from '../live-index.js';
import { locationOf } from '../location.js';
import { sameSet } from '../rules/sets.js';
import type { DraftAction, DraftSet } from '../types.js';
import { claimTag, type TagClaim } from './tag-claim.js';
import type { AdoptOptions, SelfPlan } from './types.js';

/**
 * Tags: description (managed when the manifest gives one) and types (a set; an empty desired list
 * leaves the live types alone). Tags are never deleted or replaced.
 */
export function diffTag(desired: TagResource, live: LiveTag): FieldChange[] {
  const changes: FieldChange[] = [];
  if (desired.description !== null && desired.description !== (live.description ?? '')) {
    changes.push(
      live.description === null
        ? { path: 'description', after: desired.description }
        : { path: 'description', before: live.description, after: desired.description },
    );
  }
  if (desired.types.length > 0 && !sameSet(desired.types, live.types)) {
    changes.push({ path: 'types', before: sortedUnique(live.types), after: sortedUnique(desired.types) });
  }
  return changes;
}

export function tagTypes(desired: TagResource): string[] {
  return sortedUnique(desired.types.length > 0 ? desired.types : DEFAULT_TAG_TYPES);
}

export function createTagChanges(desired: TagResource): FieldChange[] {
  const changes: FieldChange[] = [];
  if (desired.description !== null) changes.push({ path: 'description', after: desired.description });
  changes.push({ path: 'types', after: tagTypes(desired) });
  return changes;
}

export function tagPlanJson(desired: TagResource, live: LiveTag | undefined): TagPayload {
  return {
    name: desired.name,
    description: desired.description ?? live?.description ?? null,
    types:
      desired.types.length > 0 ? sortedUnique(desired.types) : sortedUnique(live?.types ?? DEFAULT_TAG_TYPES),
  };
}

function tagAction(desired: TagResource, index: PlanLiveIndex, set: DraftSet, claim: TagClaim): DraftAction {
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
    ...locationOf(desired),
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
  if (!isToolTagName(desired.name)) claimTag(action, live, claim, set);
  return action;
}

function builtinTag(name: string, description: string): TagResource {
  return { kind: 'tag', name, description, types: [] };
}

/**
 * Tag actions: the manifest's tags (create or update, never delete: other teams' objects may carry
 * one), the namespace's ownership tag, and `gitops:protected` when some resource is protected.
 * A manifest tag that exists without our owner marker is only written when taken over (./tag-claim.ts).
 * The two built-in tags are created when missing and otherwise left as they are.
 */
export function planTags(
  desired: DesiredState,
  index: PlanLiveIndex,
  set: DraftSet,
  options: AdoptOptions,
): void {
  const claim: TagClaim = { namespace: desired.namespace, ...options };
  for (const r of desired.resources) {
    if (r.kind === 'tag') set.actions.set(resourceKey('tag', r.name), tagAction(r, index, set, claim));
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
    const action = tagAction(tag, index, set, claim);
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

/** Tags plan themselves: shared objects, matched by name, created or updated, never deleted. */
export const tagPlan: SelfPlan = { planAll: planTags };

/** What `apply --plan` accepts as a tag's payload. */
export const tagPayloadShape: Shape<TagPayload> = shape.object<TagPayload>({
  name: shape.string,
  description: shape.nullableString,
  types: shape.array(shape.string),
});
