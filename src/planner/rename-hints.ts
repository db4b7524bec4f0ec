import { registry } from '../kinds/registry.js';
import type { DesiredState, LiveResource, PlanProblem } from '../model/index.js';
import type { DiffContext } from './context.js';
import type { PlanLiveIndex } from './live-index.js';
import { isManaged, type ManagedResource } from './resource-actions.js';
import type { DraftSet } from './types.js';

/** Pairs compared per kind at most: a plan of thousands of creates and deletes is no rename. */
const MAX_PAIRS = 2500;

/**
 * A create and a delete of the same kind whose objects differ only by name look like a rename
 * without `previous_names` (issue 8.11): applied as planned, the delete drops the live object (a
 * source re-snapshots). The plan suggests the rename instead; it still plans what the manifests say.
 */
export function renameHints(
  desired: DesiredState,
  index: PlanLiveIndex,
  set: DraftSet,
  ctx: DiffContext,
): PlanProblem[] {
  const actions = [...set.actions.values()];
  // NOTE: indexed once: a plan of 10,000 creates looked each one up in every resource and action.
  const deletesByKind = new Map<string, typeof actions>();
  for (const a of actions) {
    if (a.type !== 'delete') continue;
    const list = deletesByKind.get(a.kind) ?? [];
    if (list.length < MAX_PAIRS) list.push(a);
    deletesByKind.set(a.kind, list);
  }
  if (deletesByKind.size === 0) return [];
  const wantedByKey = new Map<string, ManagedResource>();
  for (const r of desired.resources) {
    const key = `${r.kind}/${r.name}`;
    if (isManaged(r) && !wantedByKey.has(key)) wantedByKey.set(key, r);
  }
  const liveById = new Map(index.all.map((l) => [`${l.kind}/${l.live.id}`, l]));
  const hints: PlanProblem[] = [];
  for (const create of actions) {
    if (create.type !== 'create') continue;
    const wanted = wantedByKey.get(`${create.kind}/${create.name}`);
    if (wanted === undefined) continue;
    for (const del of deletesByKind.get(create.kind) ?? []) {
      const live = liveById.get(`${del.kind}/${del.liveId ?? ''}`);
      if (live === undefined || !sameButName(wanted, live, ctx)) continue;
      hints.push({
        code: 'possible-rename',
        id: create.id,
        message: `${create.id} is created and ${del.id} deleted, with the same configuration: a rename?`,
        hint: `to rename the live object instead (no delete, no re-snapshot), add "previous_names: [${del.name}]" to ${create.kind} ${create.name}`,
      });
      break;
    }
  }
  return hints;
}

function sameButName(wanted: ManagedResource, live: LiveResource, ctx: DiffContext): boolean {
  const plan = registry.get(wanted.kind);
  if (!plan.tagged) return false;
  // NOTE: the live object of the same kind as `wanted` (matched on kind above), renamed to compare.
  const diff = plan.plan.diff(wanted, { ...live, name: wanted.name } as never, ctx);
  return diff.replaceReason === undefined && diff.changes.length === 0;
}
