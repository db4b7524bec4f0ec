/**
 * The guard's half for tags (issue 12.7): an update or delete of a tag is refused unless the live tag
 * carries this namespace's owner marker (model/tag-owner.ts), or the action takes it over within the
 * flags (`adopt` for an unmarked tag, `--adopt-from <owner>` for another namespace's). The tool's own
 * tags and system tags are never updated or deleted by a plan. Like ./ownership-guard.ts it runs in
 * `plan` and again in `apply` against the tags just read, whatever a saved plan says.
 */
import { TAG_KIND } from '../kinds/registry.js';
import {
  isToolTagName,
  type LiveState,
  type LiveTag,
  type PlanAction,
  type PlanProblem,
} from '../model/index.js';

interface TagGuardOptions {
  readonly namespace: string;
  readonly adoptFrom: readonly string[];
}

function targetOf(
  a: PlanAction,
  byId: Map<string, LiveTag>,
  byName: Map<string, LiveTag>,
): LiveTag | undefined {
  return (a.liveId === undefined ? undefined : byId.get(a.liveId)) ?? byName.get(a.name);
}

function adoptable(a: PlanAction, live: LiveTag, o: TagGuardOptions): boolean {
  if (a.type !== 'update' || a.adopt !== true) return false;
  return live.owner === undefined || o.adoptFrom.includes(live.owner);
}

function problem(a: PlanAction, message: string, hint: string): PlanProblem {
  return { code: 'tag-not-owned', id: a.id, message: `refused: ${message}`, hint };
}

function tagRefusal(a: PlanAction, live: LiveTag, o: TagGuardOptions): PlanProblem | undefined {
  const what = `the plan would ${a.type} tag "${live.name}"`;
  if (live.system || isToolTagName(live.name)) {
    return problem(
      a,
      `${what}, a ${live.system ? 'system' : 'streamkap-gitops'} tag`,
      'make a new plan from the manifests',
    );
  }
  if (live.owner === o.namespace || adoptable(a, live, o)) return undefined;
  if (live.owner !== undefined) {
    return problem(
      a,
      `${what}, owned by namespace "${live.owner}" (the marker at the end of its description)`,
      `leave its description to namespace "${live.owner}" (resources may still carry the tag), or take it over with --adopt-from ${live.owner} (that team agrees)`,
    );
  }
  return problem(
    a,
    `${what}, which exists without an owner marker (made by hand, or by streamkap-gitops before tags were marked)`,
    "match the manifest to it, or pass --adopt to take it over (its description gets this namespace's marker)",
  );
}

/** The refusals of the plan's tag actions against the account's tags as read. */
export function tagRefusals(
  actions: readonly PlanAction[],
  live: LiveState,
  o: TagGuardOptions,
): PlanProblem[] {
  const byId = new Map(live.tags.map((t) => [t.id, t]));
  const byName = new Map<string, LiveTag>();
  for (const t of live.tags) if (!byName.has(t.name)) byName.set(t.name, t);
  const problems: PlanProblem[] = [];
  for (const a of actions) {
    if (a.kind !== TAG_KIND || a.type === 'noop' || a.type === 'create') continue;
    const target = targetOf(a, byId, byName);
    const refused = target === undefined ? undefined : tagRefusal(a, target, o);
    if (refused) problems.push(refused);
  }
  return problems;
}
