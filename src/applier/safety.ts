/**
 * The checks `apply` makes before the first write (issue 4, "Safety"): protected resources (never
 * deleted or replaced, whatever the flags), destructive actions without --allow-destructive, and
 * more deletes than --max-deletes. Each refusal lists what it is about. A plan with errors never
 * gets here: apply refuses it first as invalid input (exit 4, `throwIfPlanErrors`).
 */
import { liveLookup, type LiveLookup } from './live-lookup.js';
import { SafetyError } from '../errors/index.js';
import { registry } from '../kinds/registry.js';
import {
  PROTECTED_TAG,
  type LiveState,
  type Plan,
  type PlanAction,
  type PlanSummary,
} from '../model/index.js';

export interface SafetyOptions {
  readonly allowDestructive: boolean;
  /** Overrides the plan's own limit when given. */
  readonly maxDeletes?: number | undefined;
}

const list = (actions: readonly PlanAction[]): string => actions.map((a) => `${a.type} ${a.id}`).join(', ');

export function changingActions(plan: Plan): PlanAction[] {
  return plan.actions.filter((a) => a.type !== 'noop');
}

export function checkSafety(plan: Plan, options: SafetyOptions): void {
  const actions = changingActions(plan);
  const removing = actions.filter((a) => a.type === 'delete' || a.type === 'replace');
  const protectedOnes = removing.filter((a) => a.protected);
  if (protectedOnes.length > 0) {
    throw new SafetyError(
      `refusing to ${list(protectedOnes)}: protected resources are never deleted or replaced`,
      {
        hint: 'to remove one, first apply a change that sets protected: false (it removes the gitops:protected tag)',
      },
    );
  }
  const destructive = actions.filter((a) => a.destructive);
  if (destructive.length > 0 && !options.allowDestructive) {
    throw new SafetyError(`the plan has destructive actions: ${list(destructive)}`, {
      hint: 'review them (a recreated source re-snapshots every table), then re-run with --allow-destructive',
    });
  }
  const limit = options.maxDeletes ?? plan.maxDeletes;
  // NOTE: every delete and replace counts but a tag's (README, "Safety").
  const counted = removing.filter((a) => registry.get(a.kind).destructive);
  if (counted.length > limit) {
    throw new SafetyError(
      `the plan deletes or replaces ${counted.length} resources, more than --max-deletes ${limit}: ${list(counted)}`,
      {
        hint: `check that no manifest is missing, then re-run with --max-deletes ${counted.length}`,
      },
    );
  }
}

function liveProtected(action: PlanAction, lookup: LiveLookup): boolean {
  const target =
    lookup.byId(action.kind, action.liveId) ?? lookup.byName(action.kind, action.renamedFrom ?? action.name);
  return target !== undefined && 'tags' in target && (target.tags ?? []).includes(PROTECTED_TAG);
}

/**
 * The plan with what the safety checks read worked out again from its actions and the live state,
 * never taken from the file: `protected` (the live object's tag), `destructive`, the summary. A saved
 * plan that says "0 to delete", or calls a protected source's delete harmless, is shown and checked
 * as what it does.
 */
export function withLiveFlags(plan: Plan, live: LiveState): Plan {
  const summary: { -readonly [K in keyof PlanSummary]: number } = {
    create: 0,
    update: 0,
    replace: 0,
    delete: 0,
    noop: 0,
  };
  const lookup = liveLookup(live);
  const actions = plan.actions.map((a): PlanAction => {
    summary[a.type] += 1;
    const removes = a.type === 'delete' || a.type === 'replace';
    const isProtected = a.protected || (a.type !== 'create' && liveProtected(a, lookup));
    const destructive = a.destructive || (removes && (isProtected || registry.get(a.kind).destructive));
    return isProtected === a.protected && destructive === a.destructive
      ? a
      : { ...a, protected: isProtected, destructive };
  });
  return { ...plan, actions, summary, destructive: actions.filter((a) => a.destructive).map((a) => a.id) };
}
