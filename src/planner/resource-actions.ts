import { InternalError } from '../errors/index.js';
import { registry, TAG_KIND } from '../kinds/registry.js';
import {
  ownershipTag,
  PROTECTED_TAG,
  resourceKey,
  type DesiredState,
  type LiveResource,
  type Resource,
  type ResourceKey,
  type ResourceKind,
  type TagResource,
} from '../model/index.js';
import type { DiffContext } from './context.js';
import type { ResourcePlan } from './kinds/types.js';
import { effectiveTags, foreignOwnershipTags } from './rules/tags.js';
import type { PlanLiveIndex } from './live-index.js';
import { matchLive, type IdentityMatch } from './rules/identity.js';
import { changedSecretsOnly } from './rules/secret-payload.js';
import { locationOf } from './location.js';
import type { DraftAction, DraftSet, PlanOptions } from './types.js';

/** A resource of a tagged kind: planned by the generic flow below (tags plan themselves). */
export type ManagedResource = Exclude<Resource, TagResource>;

export function isManaged(r: Resource): r is ManagedResource {
  return registry.get(r.kind).tagged;
}

/** Deleting or replacing an object of any kind but tags is destructive; so is touching a protected one. */
export function isDestructiveKind(kind: ResourceKind): boolean {
  return registry.get(kind).destructive;
}

function planOf(kind: ResourceKind): ResourcePlan {
  const def = registry.get(kind);
  if (!def.tagged) throw new InternalError(`${kind} objects are not planned by the resource flow`);
  return def.plan;
}

/** The actions a resource's action depends on, by key: the tags it carries and what it refers to. */
function referenceKeys(desired: ManagedResource, tags: readonly string[]): ResourceKey[] {
  const keys = tags.map((t) => resourceKey(TAG_KIND, t));
  for (const ref of registry.referencesOf(desired)) keys.push(resourceKey(ref.kind, ref.name));
  return keys;
}

export function liveTagsOf(live: LiveResource): readonly string[] {
  return ('tags' in live ? live.tags : undefined) ?? [];
}

export function isOwned(live: LiveResource, namespace: string): boolean {
  return liveTagsOf(live).includes(ownershipTag(namespace));
}

function baseAction(desired: ManagedResource): DraftAction {
  return {
    id: resourceKey(desired.kind, desired.name),
    kind: desired.kind,
    name: desired.name,
    type: 'create',
    changes: [],
    dependsOn: new Set(),
    destructive: false,
    protected: desired.protected,
    ...locationOf(desired),
  };
}

function createAction(desired: ManagedResource, ctx: DiffContext): DraftAction {
  const action = baseAction(desired);
  const plan = planOf(desired.kind);
  action.changes = plan.createChanges(desired, ctx);
  action.desired = plan.payload(desired, undefined, ctx);
  action.refs = referenceKeys(
    desired,
    effectiveTags(desired.tags, undefined, ctx.namespace, desired.protected),
  );
  return action;
}

/** The namespaces other than ours whose ownership tag the live object carries. */
export function foreignOwners(live: LiveResource, namespace: string): string[] {
  return foreignOwnershipTags(liveTagsOf(live), namespace).map((t) => t.slice('gitops:'.length));
}

function unowned(desired: ManagedResource, live: LiveResource, set: DraftSet, namespace: string): void {
  const owners = foreignOwners(live, namespace);
  const id = resourceKey(desired.kind, desired.name);
  if (owners.length > 0) {
    set.errors.push({
      code: 'unowned-namesake',
      id,
      message: `${desired.kind} "${live.name}" already exists in the account, owned by namespace ${owners.map((o) => `"${o}"`).join(', ')}; the plan will not touch it (--adopt takes only objects no namespace owns)`,
      hint: `give the manifest resource another name, or move it from this manifest to external: to refer to it; to take it over, that team agrees and you pass ${owners.map((o) => `--adopt-from ${o}`).join(' ')}`,
    });
    return;
  }
  set.errors.push({
    code: 'unowned-namesake',
    id,
    message: `${desired.kind} "${live.name}" already exists in the account but does not carry the ownership tag; the plan will not touch it`,
    hint: '--adopt, or rename: pass --adopt to take it over (the plan adds the ownership tag), or give the manifest resource another name',
  });
}

/** The action for a desired resource matched to a live object (owned, or adopted). */
function matchedAction(
  desired: ManagedResource,
  match: IdentityMatch,
  adopt: boolean,
  ctx: DiffContext,
  set: DraftSet,
): DraftAction | undefined {
  const { live } = match;
  const action = baseAction(desired);
  const liveTags = liveTagsOf(live);
  const plan = planOf(desired.kind);
  if (adopt && liveTags.includes(PROTECTED_TAG) && !desired.protected) {
    // NOTE: adopting never removes a protection: the manifest must keep it, so that removing it
    // later is a reviewed change of the manifest (`protected: false`), never a side effect.
    set.errors.push({
      code: 'adopt-protected',
      id: action.id,
      message: `cannot adopt ${desired.kind} "${live.name}": it is protected (${PROTECTED_TAG}) and the manifest does not say protected: true`,
      hint: 'add `protected: true` to the manifest resource: adopting keeps the protection',
    });
    return undefined;
  }
  const diff = plan.diff(desired, live, ctx);
  if (adopt && diff.replaceReason !== undefined) {
    set.errors.push({
      code: 'adopt-replace',
      id: action.id,
      message: `cannot adopt ${desired.kind} "${live.name}": it would have to be replaced (${diff.replaceReason})`,
      hint: 'match the manifest to the existing object, or rename the manifest resource',
    });
    return undefined;
  }
  action.liveId = live.live.id;
  action.liveFingerprint = live.live.fingerprint;
  action.protected = desired.protected || liveTags.includes(PROTECTED_TAG);
  if (adopt) action.adopt = true;
  const nameChange =
    match.renamedFrom === undefined ? [] : [{ path: 'name', before: match.renamedFrom, after: desired.name }];
  if (match.renamedFrom !== undefined) action.renamedFrom = match.renamedFrom;
  action.changes = [...nameChange, ...diff.changes];
  action.lazyDesired = () => {
    const payload = plan.payload(desired, liveTags, ctx);
    return action.type === 'update' ? changedSecretsOnly(payload, action.changes) : payload;
  };
  action.refs = referenceKeys(
    desired,
    effectiveTags(desired.tags, liveTags, ctx.namespace, desired.protected, ctx.adoptFrom),
  );
  if (diff.replaceReason !== undefined) {
    action.type = 'replace';
    action.reason = diff.replaceReason;
    action.destructive = isDestructiveKind(desired.kind) || action.protected;
  } else {
    action.type = action.changes.length > 0 ? 'update' : 'noop';
    const reasons = [adopt ? adoptReason(live, ctx) : undefined, diff.destructiveReason];
    if (adopt || diff.destructiveReason !== undefined)
      action.reason = reasons.filter((r) => r !== undefined).join('; ');
    if (diff.destructiveReason !== undefined) action.destructive = true;
  }
  return action;
}

/**
 * Whether a live namesake we do not own may be taken over: `--adopt` takes one no namespace owns,
 * `--adopt-from <ns>` one that namespace owns (every owner it carries must be named).
 */
function mayAdopt(live: LiveResource, namespace: string, options: PlanOptions): boolean {
  const owners = foreignOwners(live, namespace);
  if (owners.length === 0) return options.adopt === true;
  const from = new Set(options.adoptFrom ?? []);
  return owners.every((o) => from.has(o));
}

function adoptReason(live: LiveResource, ctx: DiffContext): string {
  const owners = foreignOwners(live, ctx.namespace).filter((o) => ctx.adoptFrom.includes(o));
  const kept = liveTagsOf(live).includes(PROTECTED_TAG) ? '; it stays protected' : '';
  return owners.length > 0
    ? `adopt from namespace ${owners.map((o) => `"${o}"`).join(', ')}: its ownership tag is replaced by ours${kept}`
    : `adopt: adds the ownership tag to an existing object${kept}`;
}

export interface DesiredMatch {
  readonly desired: ManagedResource;
  readonly match: IdentityMatch | undefined;
}

/** Pass 1: pairs every desired resource with its live object (rule 14); builds the rename map. */
export function matchDesired(
  desired: DesiredState,
  index: PlanLiveIndex,
): { matches: DesiredMatch[]; claimed: Set<LiveResource> } {
  const claimed = new Set<LiveResource>();
  const namesByKind = new Map<ResourceKind, Set<string>>();
  for (const r of desired.resources) {
    const names = namesByKind.get(r.kind) ?? new Set<string>();
    names.add(r.name);
    namesByKind.set(r.kind, names);
  }
  const matches: DesiredMatch[] = [];
  for (const r of desired.resources) {
    if (!isManaged(r)) continue;
    // NOTE: only objects others refer to are replaced through a temporary name (applier/replace.ts).
    const viaTemp = registry.referrers(r.kind).length > 0;
    const match = matchLive(r, index, namesByKind.get(r.kind) ?? new Set(), claimed, viaTemp);
    if (match) claimed.add(match.live);
    matches.push({ desired: r, match });
  }
  return { matches, claimed };
}

export function renameMap(matches: readonly DesiredMatch[]): Map<ResourceKind, Map<string, string>> {
  const renames = new Map<ResourceKind, Map<string, string>>();
  for (const { desired, match } of matches) {
    if (match?.renamedFrom === undefined) continue;
    const byKind = renames.get(desired.kind) ?? new Map<string, string>();
    byKind.set(match.renamedFrom, desired.name);
    renames.set(desired.kind, byKind);
  }
  return renames;
}

/**
 * Pass 2: one action per desired resource: create, update (rename, adopt), replace or noop.
 * Unowned namesakes (without --adopt) and live duplicates become plan errors instead.
 */
export function planDesired(
  matches: readonly DesiredMatch[],
  index: PlanLiveIndex,
  ctx: DiffContext,
  options: PlanOptions,
  set: DraftSet,
): void {
  for (const { desired: r, match } of matches) {
    if (!match) {
      set.actions.set(resourceKey(r.kind, r.name), createAction(r, ctx));
      continue;
    }
    if (index.isDuplicate(r.kind, match.live.name)) {
      set.errors.push({
        code: 'duplicate-live',
        id: resourceKey(r.kind, r.name),
        message: `more than one live ${r.kind} is named "${match.live.name}"; the plan cannot tell which one the manifest means`,
        hint: 'rename or delete the extra objects in Streamkap, then plan again',
      });
      continue;
    }
    const owned = isOwned(match.live, ctx.namespace);
    if (!owned && !mayAdopt(match.live, ctx.namespace, options)) {
      unowned(r, match.live, set, ctx.namespace);
      continue;
    }
    const action = matchedAction(r, match, !owned, ctx, set);
    if (action) set.actions.set(action.id, action);
  }
}
