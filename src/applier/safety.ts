/**
 * The checks `apply` makes before the first write (issue 4, "Safety"): protected resources (never
 * deleted or replaced, whatever the flags), destructive actions without --allow-destructive, and
 * more deletes than --max-deletes. Each refusal lists what it is about. A plan with errors never
 * gets here: apply refuses it first as invalid input (exit 4, `throwIfPlanErrors`).
 */
import { SafetyError } from '../errors/index.js';
import { registry } from '../kinds/registry.js';
import type { Plan, PlanAction } from '../model/index.js';

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
