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
  const hints: PlanProblem[] = [];
  for (const create of actions.filter((a) => a.type === 'create')) {
    const wanted = desired.resources.find(
      (r): r is ManagedResource => r.kind === create.kind && r.name === create.name && isManaged(r),
    );
    if (wanted === undefined) continue;
    const deletes = actions.filter((a) => a.type === 'delete' && a.kind === create.kind).slice(0, MAX_PAIRS);
    for (const del of deletes) {
      const live = index.all.find((l) => l.kind === del.kind && l.live.id === del.liveId);
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
