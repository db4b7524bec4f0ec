import { registry } from '../kinds/registry.js';
import type { PlanProblem, ResourceKey, ResourceKind } from '../model/index.js';
import type { DraftAction } from './types.js';

/**
 * Creates and updates top-down by kind, deletes bottom-up (decK's diff/order.go, as data: the order
 * derives from the kinds' references in the registry): one sortable key per action, computed once.
 */
function priorityKey(a: DraftAction, order: readonly ResourceKind[]): string {
  const k = order.indexOf(a.kind);
  const rank = (n: number): string => String(n).padStart(4, '0');
  return a.type === 'delete' ? `1${rank(order.length - k)}\0${a.name}` : `0${rank(k)}\0${a.name}`;
}

/**
 * Topological order: every action after what it depends on, otherwise in kind order (deletes last,
 * reversed). Deterministic. A cycle is reported as `a -> b -> a` and its actions kept in priority order.
 */
export function orderActions(actions: ReadonlyMap<ResourceKey, DraftAction>): {
  ordered: DraftAction[];
  problems: PlanProblem[];
} {
  const keyOf = new Map<DraftAction, string>();
  const order = registry.applyOrder;
  for (const a of actions.values()) keyOf.set(a, priorityKey(a, order));
  const compare = (a: DraftAction, b: DraftAction): number => {
    const ka = keyOf.get(a) as string;
    const kb = keyOf.get(b) as string;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
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
    if (a.dependsOn.size > 0) {
      const deps: DraftAction[] = [];
      for (const id of a.dependsOn) {
        const d = actions.get(id);
        if (d) deps.push(d);
      }
      for (const d of deps.sort(compare)) visit(d);
    }
    stack.pop();
    state.set(a.id, 'done');
    ordered.push(a);
  };
  for (const a of sorted) visit(a);
  return { ordered, problems };
}
