/**
 * A saved plan is applied exactly as reviewed, or not at all: before the first write, every object
 * the plan touches must still be what the plan was computed from (same live fingerprint), and no
 * object the plan creates may exist yet. Any difference refuses the whole plan.
 */
import { registry } from '../kinds/registry.js';
import type { LiveState, Plan, PlanAction } from '../model/index.js';
import { liveLookup, type LiveLookup } from './live-lookup.js';

function describeStale(action: PlanAction, lookup: LiveLookup): string | undefined {
  if (action.type === 'create') {
    // NOTE: a kind read from the account's tags is checked against every tag, system ones included.
    const exists =
      'fromAccountTags' in registry.get(action.kind).live
        ? lookup.hasTag(action.name)
        : lookup.byName(action.kind, action.name) !== undefined;
    return exists ? `${action.id} was to be created but now exists` : undefined;
  }
  const current = lookup.withId(action.liveId);
  if (!current) return `${action.id} (${action.liveId ?? 'no id'}) no longer exists`;
  if (action.liveFingerprint !== undefined && current.live.fingerprint !== action.liveFingerprint) {
    return `${action.id} changed since the plan was made`;
  }
  return undefined;
}

/** One line per touched object that differs from what the plan saw; empty when the plan is fresh. */
export function staleActions(plan: Plan, live: LiveState): string[] {
  const lookup = liveLookup(live);
  return plan.actions.filter((a) => a.type !== 'noop').flatMap((a) => describeStale(a, lookup) ?? []);
}

/**
 * After an apply: the ids among `touched` for which a fresh plan still has something to do.
 * The fresh plan is built by the caller (the planner is pure; the CLI holds its inputs).
 */
export function notConverged(fresh: Plan, touched: ReadonlySet<string>): string[] {
  return fresh.actions.filter((a) => a.type !== 'noop' && touched.has(a.id)).map((a) => a.id);
}

/** Per unconverged id, what the fresh plan would still do: `update config.tasks_max, tags`. */
export function convergenceDetails(fresh: Plan, ids: readonly string[]): Record<string, string> {
  const wanted = new Set(ids);
  const out: Record<string, string> = {};
  for (const a of fresh.actions) {
    if (!wanted.has(a.id)) continue;
    const paths = a.changes.map((c) => c.path);
    out[a.id] = paths.length > 0 ? `${a.type} ${paths.join(', ')}` : a.type;
  }
  return out;
}
