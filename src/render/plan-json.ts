import type { FieldChange, Plan, PlanAction, PlanProblem } from '../model/index.js';
import { sortKeysDeep } from '../planner/canonical.js';
import { listDelta } from './list-delta.js';
import { printableJson } from './printable.js';

/** The version of the `--format json` document (docs/plan-format.md). */
const PLAN_JSON_FORMAT_VERSION = 1;

type Out = Record<string, unknown>;

function change(c: FieldChange): Out {
  const delta = listDelta(c);
  return {
    path: c.path,
    before: c.before === undefined ? undefined : sortKeysDeep(c.before),
    after: c.after === undefined ? undefined : sortKeysDeep(c.after),
    // NOTE: added to format_version 1 without a bump: new optional keys, `before`/`after` unchanged.
    added: delta?.added,
    removed: delta?.removed,
    sensitive: c.sensitive,
    forces_replace: c.forcesReplace,
  };
}

function action(a: PlanAction): Out {
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    type: a.type,
    adopt: a.adopt,
    renamed_from: a.renamedFrom,
    live_id: a.liveId,
    live_fingerprint: a.liveFingerprint,
    destructive: a.destructive,
    protected: a.protected,
    reason: a.reason,
    depends_on: [...a.dependsOn],
    changes: a.changes.map(change),
    desired: a.desired === undefined ? undefined : sortKeysDeep(a.desired),
  };
}

function problem(p: PlanProblem): Out {
  return { code: p.code, id: p.id, message: p.message, hint: p.hint };
}

/**
 * The plan as a stable JSON document: fixed key order, snake_case, `format_version` first.
 * Secrets appear only as `{"$secret": {"ref", "hmac"}}`; sensitive changes carry no values.
 */
export function renderPlanJson(plan: Plan): string {
  const doc: Out = {
    format_version: PLAN_JSON_FORMAT_VERSION,
    namespace: plan.namespace,
    managed_kinds: [...plan.managedKinds],
    summary: { ...plan.summary },
    max_deletes: plan.maxDeletes,
    destructive: [...plan.destructive],
    errors: plan.errors.map(problem),
    warnings: plan.warnings.map(problem),
    actions: plan.actions.map(action),
  };
  return printableJson(doc);
}
