import { registry } from '../kinds/registry.js';
import type { DesiredState, LiveState, PlanProblem } from '../model/index.js';
import { isManaged, isOwned } from './resource-actions.js';

/**
 * A plan that says "no changes" must not hide what the namespace owns of a kind the manifests never
 * mention (no `pipelines:` key at all): those objects are left alone, and the plan says so and how
 * to delete them (issue 8.8). The manifests stop managing a kind only by leaving its key out.
 */
export function unmanagedKindWarnings(desired: DesiredState, live: LiveState): PlanProblem[] {
  const managed = new Set(desired.managedKinds);
  const warnings: PlanProblem[] = [];
  for (const kind of registry.applyOrder) {
    if (managed.has(kind) || !live.loadedKinds.includes(kind)) continue;
    const n = live.resources.filter(
      (r) => r.kind === kind && isManaged(r) && isOwned(r, desired.namespace),
    ).length;
    if (n === 0) continue;
    const key = registry.get(kind).manifest.key;
    warnings.push({
      code: 'unmanaged-kind',
      message: `${n} ${kind}${n === 1 ? '' : 's'} owned by namespace ${desired.namespace} ${n === 1 ? 'is' : 'are'} not managed by these manifests; add "${key}: []" to delete ${n === 1 ? 'it' : 'them'}`,
    });
  }
  return warnings;
}
