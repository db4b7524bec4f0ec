import { KIND_ORDER, type PlanProblem, type ResourceKey } from '../model/index.js';
import type { DraftAction } from './types.js';

/** Creates and updates top-down by kind, deletes bottom-up (decK's diff/order.go, as data). */
function priority(a: DraftAction): [number, number, string] {
  const k = KIND_ORDER.indexOf(a.kind);
  return a.type === 'delete' ? [1, KIND_ORDER.length - k, a.name] : [0, k, a.name];
}

function compare(a: DraftAction, b: DraftAction): number {
  const pa = priority(a);
  const pb = priority(b);
  return pa[0] - pb[0] || pa[1] - pb[1] || (pa[2] < pb[2] ? -1 : pa[2] > pb[2] ? 1 : 0);
}

/**
 * Topological order: every action after what it depends on, otherwise in kind order (deletes last,
 * reversed). Deterministic. A cycle is reported as `a -> b -> a` and its actions kept in priority order.
 */
export function orderActions(actions: ReadonlyMap<ResourceKey, DraftAction>): {
  ordered: DraftAction[];
  problems: PlanProblem[];
} {
  const sorted = [...actions.values()].sort(compare);
  const state = new Map<ResourceKey, 'visiting' | 'done'>();
  const ordered: DraftAction[] = [];
  const problems: PlanProblem[] = [];
  const stack: ResourceKey[] = [];
  const visit = (a: DraftAction): void => {
    const s = state.get(a.id);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(a.id)), a.id].join(' -> ');
      problems.push({ code: 'dependency-cycle', id: a.id, message: `dependency cycle: ${cycle}` });
      return;
    }
    state.set(a.id, 'visiting');
    stack.push(a.id);
    const deps = [...a.dependsOn]
      .map((id) => actions.get(id))
      .filter((d): d is DraftAction => d !== undefined);
    for (const d of deps.sort(compare)) visit(d);
    stack.pop();
    state.set(a.id, 'done');
    ordered.push(a);
  };
  for (const a of sorted) visit(a);
  return { ordered, problems };
}
