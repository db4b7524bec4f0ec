import type { PlanProblem, ResourceKey } from '../model/index.js';
import type { DraftAction } from './types.js';

/**
 * `--target` keeps the targeted actions and everything they depend on, transitively; `--exclude`
 * then drops actions. A kept action that depended on a dropped one loses that dependency, with a
 * warning: apply will not wait for something it does not run.
 */
export function selectActions(
  actions: Map<ResourceKey, DraftAction>,
  targets: readonly ResourceKey[] | undefined,
  excludes: readonly ResourceKey[] | undefined,
): PlanProblem[] {
  const warnings: PlanProblem[] = [];
  if (targets !== undefined && targets.length > 0) {
    const keep = new Set<ResourceKey>();
    const pending = [...targets];
    for (const t of targets) {
      if (!actions.has(t))
        warnings.push({
          code: 'unknown-target',
          id: t,
          message: `--target ${t} matches no action in this plan`,
        });
    }
    while (pending.length > 0) {
      const id = pending.pop() as ResourceKey;
      const a = actions.get(id);
      if (!a || keep.has(id)) continue;
      keep.add(id);
      pending.push(...a.dependsOn);
    }
    for (const id of [...actions.keys()]) if (!keep.has(id)) actions.delete(id);
  }
  for (const id of excludes ?? []) {
    if (!actions.delete(id))
      warnings.push({
        code: 'unknown-exclude',
        id,
        message: `--exclude ${id} matches no action in this plan`,
      });
  }
  for (const a of actions.values()) {
    for (const dep of [...a.dependsOn]) {
      if (actions.has(dep)) continue;
      a.dependsOn.delete(dep);
      warnings.push({
        code: 'excluded-dependency',
        id: a.id,
        message: `${a.id} depends on ${dep}, which is excluded from this plan`,
      });
    }
  }
  return warnings;
}
