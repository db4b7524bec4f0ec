/**
 * Other namespaces are untouchable (issue 12): the refusals of a plan's actions against the live
 * objects they touch, whatever the plan says. The planner adds them to its errors; `apply` runs the
 * same check again against the account as re-read under its lock, so an edited (or forged) saved plan
 * is refused as well. Pure: actions and live state in, problems out.
 */
import { registry } from '../kinds/registry.js';
import {
  PROTECTED_TAG,
  type LiveResource,
  type LiveState,
  type PlanAction,
  type PlanProblem,
  type Resource,
} from '../model/index.js';
import { foreignOwners, isOwned, liveTagsOf } from './resource-actions.js';
import { tagRefusals } from './tag-ownership.js';

/** Plan error codes that are refusals (exit 3), not invalid input (exit 4). */
export const REFUSAL_CODES: ReadonlySet<string> = new Set([
  'not-owned',
  'foreign-write',
  'delete-in-use',
  'tag-not-owned',
]);

export function isRefusal(problem: PlanProblem): boolean {
  return REFUSAL_CODES.has(problem.code);
}

export interface GuardOptions {
  readonly namespace: string;
  /** `--adopt-from`: the namespaces an adopting update may take objects from. */
  readonly adoptFrom: readonly string[];
}

interface LiveLookup {
  target(action: PlanAction): LiveResource | undefined;
  users(target: LiveResource): LiveResource[];
}

function lookup(live: LiveState): LiveLookup {
  const byId = new Map(live.resources.map((r) => [`${r.kind}/${r.live.id}`, r]));
  const byName = new Map(live.resources.map((r) => [`${r.kind}/${r.name}`, r]));
  const users = new Map<string, LiveResource[]>();
  for (const r of live.resources) {
    for (const ref of registry.referencesOf(r)) {
      const key = `${ref.kind}/${ref.name}`;
      const list = users.get(key) ?? [];
      if (!list.includes(r)) list.push(r);
      users.set(key, list);
    }
  }
  return {
    target: (a) =>
      (a.liveId === undefined ? undefined : byId.get(`${a.kind}/${a.liveId}`)) ??
      byName.get(`${a.kind}/${a.renamedFrom ?? a.name}`),
    users: (t) => users.get(`${t.kind}/${t.name}`) ?? [],
  };
}

const describe = (r: LiveResource): string => `${r.kind} "${r.name}"`;

function ownerText(r: LiveResource, namespace: string): string {
  const owners = foreignOwners(r, namespace);
  return owners.length > 0
    ? `owned by namespace ${owners.map((o) => `"${o}"`).join(', ')}`
    : `not owned by namespace "${namespace}"`;
}

/** An update, replace or delete of an object the namespace does not own (an adopt within its flags aside). */
function notOwned(a: PlanAction, target: LiveResource, o: GuardOptions): PlanProblem | undefined {
  if (isOwned(target, o.namespace)) return undefined;
  const owners = foreignOwners(target, o.namespace);
  const adoptable = a.type === 'update' && a.adopt === true && owners.every((n) => o.adoptFrom.includes(n));
  if (adoptable && !keepsProtection(a, target)) {
    return refusal('not-owned', a, `adopting ${describe(target)} would remove ${PROTECTED_TAG}`);
  }
  if (adoptable) return undefined;
  return refusal(
    'not-owned',
    a,
    `the plan would ${a.type} ${describe(target)}, ${ownerText(target, o.namespace)}`,
  );
}

function keepsProtection(a: PlanAction, target: LiveResource): boolean {
  if (!liveTagsOf(target).includes(PROTECTED_TAG)) return true;
  const tags = a.desired !== undefined && 'tags' in a.desired ? a.desired.tags : [];
  return tags.includes(PROTECTED_TAG);
}

function refusal(code: string, a: PlanAction, message: string, hint?: string): PlanProblem {
  return { code, id: a.id, message: `refused: ${message}`, ...(hint === undefined ? {} : { hint }) };
}

/** Whether the plan moves this user off `target` first (an update whose payload no longer names it). */
function movesAway(user: LiveResource, target: LiveResource, byLiveId: Map<string, PlanAction>): boolean {
  const ua = byLiveId.get(`${user.kind}/${user.live.id}`);
  if (ua === undefined || ua.desired === undefined || (ua.type !== 'update' && ua.type !== 'replace'))
    return false;
  const next = { kind: ua.kind, ...ua.desired } as unknown as Resource;
  return !registry.referencesOf(next).some((r) => r.kind === target.kind && r.name === target.name);
}

function usersRefusal(
  a: PlanAction,
  target: LiveResource,
  users: readonly LiveResource[],
  byLiveId: Map<string, PlanAction>,
  o: GuardOptions,
): PlanProblem | undefined {
  const deleted = (u: LiveResource): boolean => {
    const ua = byLiveId.get(`${u.kind}/${u.live.id}`);
    return ua?.type === 'delete' && isOwned(u, o.namespace) && !liveTagsOf(u).includes(PROTECTED_TAG);
  };
  if (a.type === 'replace') {
    const foreign = users.filter((u) => !isOwned(u, o.namespace) && !deleted(u));
    if (foreign.length === 0) return undefined;
    return refusal(
      'foreign-write',
      a,
      `replacing ${describe(target)} would repoint ${foreign.map((u) => `${describe(u)} (${ownerText(u, o.namespace)})`).join(', ')}`,
      'a replace moves every pipeline using the object to its replacement; ask the owner to move or remove those pipelines first, or keep the change in place',
    );
  }
  const blocking = users.filter(
    (u) =>
      !deleted(u) &&
      !movesAway(u, target, byLiveId) &&
      (!isOwned(u, o.namespace) || liveTagsOf(u).includes(PROTECTED_TAG)),
  );
  if (blocking.length === 0) return undefined;
  const why = (u: LiveResource): string =>
    isOwned(u, o.namespace) ? 'protected' : ownerText(u, o.namespace);
  return refusal(
    'delete-in-use',
    a,
    `deleting ${describe(target)} would break ${blocking.map((u) => `${describe(u)} (${why(u)})`).join(', ')}, which uses it`,
    'keep it in the manifests (or under external:) until those pipelines no longer use it',
  );
}

/**
 * The refusals of the plan's actions against the live state: an action on an object the namespace
 * does not own, a replace that would repoint another namespace's pipeline, a delete of an object
 * that another namespace's pipeline, or a protected pipeline, uses. Tag refusals: ./tag-ownership.ts.
 */
export function ownershipRefusals(
  actions: readonly PlanAction[],
  live: LiveState,
  o: GuardOptions,
): PlanProblem[] {
  const find = lookup(live);
  const byLiveId = new Map(
    actions.flatMap((a) => (a.liveId === undefined ? [] : [[`${a.kind}/${a.liveId}`, a] as const])),
  );
  const problems: PlanProblem[] = tagRefusals(actions, live, o);
  for (const a of actions) {
    if (a.type === 'noop' || a.type === 'create' || !registry.get(a.kind).tagged) continue;
    const target = find.target(a);
    if (target === undefined) continue;
    const owned = notOwned(a, target, o);
    if (owned) {
      problems.push(owned);
      continue;
    }
    if (a.type === 'update') continue;
    const used = usersRefusal(a, target, find.users(target), byLiveId, o);
    if (used) problems.push(used);
  }
  return problems;
}
