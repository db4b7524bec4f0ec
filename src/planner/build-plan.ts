import { registry } from '../kinds/registry.js';
import {
  PLAN_FORMAT_VERSION,
  resourceKey,
  type DesiredState,
  type LiveState,
  type Plan,
  type PlanAction,
  type PlanActionOf,
  type PlanProblem,
  type PlanSummary,
  type ResourceKey,
  type ResourceKind,
} from '../model/index.js';
import type { DiffContext } from './context.js';
import { addDependencies } from './dependencies.js';
import { planDeletes } from './delete-actions.js';
import { indexLive, type PlanLiveIndex } from './live-index.js';
import { orderActions } from './order.js';
import { ownershipRefusals } from './ownership-guard.js';
import { knownTagNames } from './kinds/tag.js';
import { isManaged, matchDesired, planDesired, renameMap } from './resource-actions.js';
import { renameHints } from './rename-hints.js';
import { selectActions } from './select.js';
import { unmanagedKindWarnings } from './unmanaged-kinds.js';
import { DEFAULT_MAX_DELETES, type DraftAction, type DraftSet, type PlanOptions } from './types.js';

function checkTagReferences(desired: DesiredState, index: PlanLiveIndex, set: DraftSet): void {
  const known = knownTagNames(desired, index);
  for (const r of desired.resources) {
    if (!isManaged(r)) continue;
    for (const tag of r.tags ?? []) {
      if (known(tag)) continue;
      set.errors.push({
        code: 'unknown-tag',
        id: resourceKey(r.kind, r.name),
        message: `tag "${tag}" is neither in the manifests' tags nor an existing tag of the account`,
        hint: 'declare it under `tags:` in a manifest, or fix the name (system tags such as Production are matched exactly)',
      });
    }
  }
}

/**
 * An object may refer to one the manifests list under `external:` (a pipeline using another team's
 * source); that one is never written, so it must already exist, or the create fails half-way through
 * apply.
 */
function checkExternalReferences(
  desired: DesiredState,
  live: LiveState,
  index: PlanLiveIndex,
  set: DraftSet,
): void {
  const declared = new Set(desired.resources.map((r) => resourceKey(r.kind, r.name)));
  const missing = (kind: ResourceKind, name: string): boolean =>
    // NOTE: a kind that was not loaded cannot be checked here; apply reports it then.
    live.loadedKinds.includes(kind) && !declared.has(resourceKey(kind, name)) && !index.byName(kind, name);
  for (const r of desired.resources) {
    const seen = new Set<ResourceKey>();
    for (const { kind, name } of registry.referencesOf(r)) {
      const key = resourceKey(kind, name);
      if (seen.has(key) || !missing(kind, name)) continue;
      seen.add(key);
      set.errors.push({
        code: 'missing-external',
        id: resourceKey(r.kind, r.name),
        message: `uses ${kind} "${name}", which is neither in the manifests nor in the account`,
        hint: `create ${kind} "${name}" first (external resources are looked up by name, never written), or fix the name`,
      });
    }
  }
}

type AnyAction = PlanActionOf<ResourceKind>;

/** The draft as a plan action: optional fields only when set, desired only for actions that write. */
function finalAction(a: DraftAction): PlanAction {
  const writes = a.type !== 'noop' && a.type !== 'delete';
  const desired = a.desired ?? (writes ? a.lazyDesired?.() : undefined);
  const action: { -readonly [K in keyof AnyAction]: AnyAction[K] } = {
    id: a.id,
    kind: a.kind,
    name: a.name,
    type: a.type,
    changes: a.changes,
    dependsOn: a.dependsOn.size === 0 ? [] : [...a.dependsOn].sort(),
    destructive: a.destructive,
    protected: a.protected,
  };
  if (a.adopt) action.adopt = true;
  if (a.renamedFrom !== undefined) action.renamedFrom = a.renamedFrom;
  if (a.liveId !== undefined) action.liveId = a.liveId;
  if (a.liveFingerprint !== undefined) action.liveFingerprint = a.liveFingerprint;
  if (a.reason !== undefined) action.reason = a.reason;
  if (a.location !== undefined) action.location = a.location;
  if (a.writes !== undefined) action.writes = a.writes;
  if (desired !== undefined) action.desired = desired;
  // NOTE: a draft's payload is built by its own kind's planner, so the action is of that kind.
  return action as PlanAction;
}

function summarise(actions: readonly PlanAction[]): PlanSummary {
  const s = { create: 0, update: 0, replace: 0, delete: 0, noop: 0 };
  for (const a of actions) s[a.type] += 1;
  return s;
}

function byId(a: PlanProblem, b: PlanProblem): number {
  const ka = `${a.id ?? ''}\0${a.code}\0${a.message}`;
  const kb = `${b.id ?? ''}\0${b.code}\0${b.message}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * The pure planner: desired and live state in, a Plan value out. No I/O, no clock, no randomness:
 * the same inputs always give the same plan (docs/plan-format.md describes the result).
 */
export function buildPlan(desired: DesiredState, live: LiveState, options: PlanOptions): Plan {
  const index = indexLive(live, (r) => registry.referencesOf(r));
  const set: DraftSet = { actions: new Map(), errors: [], warnings: [] };
  const { matches, claimed } = matchDesired(desired, index);
  const ctx: DiffContext = {
    namespace: desired.namespace,
    hmacKey: options.hmacKey,
    resendSecrets: options.resendSecrets === true,
    adoptFrom: options.adoptFrom ?? [],
    renames: renameMap(matches),
    liveIdOf: (kind, name) => index.byName(kind, name)?.live.id,
  };
  const adopt = { adopt: options.adopt === true, adoptFrom: options.adoptFrom ?? [] };
  for (const kind of registry.kinds) if (!kind.tagged) kind.plan.planAll(desired, index, set, adopt);
  planDesired(matches, index, ctx, options, set);
  planDeletes(desired, index, claimed, set);
  set.warnings.push(...renameHints(desired, index, set, ctx));
  checkTagReferences(desired, index, set);
  checkExternalReferences(desired, live, index, set);
  addDependencies(desired.namespace, index, set);
  const selection = selectActions(set.actions, options.targets, options.excludes);
  const excluded = new Set(options.excludes ?? []);
  const { ordered, problems } = orderActions(set.actions);
  const actions = ordered.map(finalAction);
  const refusals = ownershipRefusals(actions, live, {
    namespace: desired.namespace,
    adoptFrom: options.adoptFrom ?? [],
  });
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    namespace: desired.namespace,
    managedKinds: [...desired.managedKinds],
    actions,
    errors: [
      ...set.errors.filter((e) => e.id === undefined || !excluded.has(e.id)),
      ...problems,
      ...refusals,
      ...selection.errors,
    ].sort(byId),
    warnings: [...set.warnings, ...selection.warnings, ...unmanagedKindWarnings(desired, live)].sort(byId),
    summary: summarise(actions),
    destructive: actions.filter((a) => a.destructive).map((a) => a.id),
    maxDeletes: options.maxDeletes ?? DEFAULT_MAX_DELETES,
  };
}

/** True when applying the plan would change something. */
export function hasChanges(plan: Plan): boolean {
  return plan.actions.some((a) => a.type !== 'noop');
}
