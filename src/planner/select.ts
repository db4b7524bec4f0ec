import type { PlanProblem, ResourceKey } from '../model/index.js';
import { didYouMean } from '../schema/suggest.js';
import type { DraftAction } from './types.js';

export interface Selection {
  /** `--target`/`--exclude` keys that name nothing in the plan (exit 4). */
  readonly errors: PlanProblem[];
  readonly warnings: PlanProblem[];
}

/** A flag's key that matches no resource of the plan: an error, with the closest id as a hint. */
function unknownKey(flag: 'target' | 'exclude', id: ResourceKey, ids: readonly string[]): PlanProblem {
  const hint = didYouMean(id, ids);
  return {
    code: `unknown-${flag}`,
    id,
    message: `--${flag} ${id} matches no resource in the manifests or owned by the namespace`,
    hint: hint ?? `the plan's resources are kind/name, e.g. ${ids[0] ?? 'source/orders-db'}`,
  };
}

/** Keeps the targeted actions and everything they depend on, transitively. */
function keepTargets(actions: Map<ResourceKey, DraftAction>, targets: readonly ResourceKey[]): void {
  const keep = new Set<ResourceKey>();
  const pending = [...targets];
  while (pending.length > 0) {
    const id = pending.pop() as ResourceKey;
    const a = actions.get(id);
    if (!a || keep.has(id)) continue;
    keep.add(id);
    pending.push(...a.dependsOn);
  }
  for (const id of [...actions.keys()]) if (!keep.has(id)) actions.delete(id);
}

/**
 * `--target` keeps the targeted actions and everything they depend on, transitively; `--exclude`
 * then drops actions. A key that names nothing is an error. A kept action that changes something and
 * depended on a dropped action that changes something loses that dependency, with a warning: apply
 * will not wait for something it does not run. (A dropped noop needs no waiting: no warning.)
 */
export function selectActions(
  actions: Map<ResourceKey, DraftAction>,
  targets: readonly ResourceKey[] | undefined,
  excludes: readonly ResourceKey[] | undefined,
): Selection {
  const ids = [...actions.keys()];
  const errors: PlanProblem[] = [];
  for (const t of targets ?? []) if (!actions.has(t)) errors.push(unknownKey('target', t, ids));
  for (const x of excludes ?? []) if (!actions.has(x)) errors.push(unknownKey('exclude', x, ids));
  const before = new Map(actions);
  if (targets !== undefined && targets.length > 0) keepTargets(actions, targets);
  for (const id of excludes ?? []) actions.delete(id);
  const warnings: PlanProblem[] = [];
  for (const a of actions.values()) {
    for (const dep of [...a.dependsOn]) {
      if (actions.has(dep)) continue;
      a.dependsOn.delete(dep);
      if (a.type === 'noop' || before.get(dep)?.type === 'noop') continue;
      warnings.push({
        code: 'excluded-dependency',
        id: a.id,
        message: `${a.id} depends on ${dep}, which is excluded from this plan`,
      });
    }
  }
  return { errors, warnings };
}
