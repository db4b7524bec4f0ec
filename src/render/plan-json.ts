import type { FieldChange, Plan, PlanAction, PlanProblem } from '../model/index.js';
import { sortKeysDeep } from '../planner/canonical.js';
import { listDelta } from './list-delta.js';
import { renameKeys, snakeKey } from './json-document.js';
import { printableJson } from './printable.js';

/** Payload fields whose values are user data, written as they are (a config map, the code). */
export const PAYLOAD_DATA_KEYS: ReadonlySet<string> = new Set(['config', 'extra_config', 'implementation']);

type Out = Record<string, unknown>;

function change(c: FieldChange): Out {
  const delta = listDelta(c);
  return {
    path: c.path,
    before: c.before === undefined ? undefined : sortKeysDeep(c.before),
    after: c.after === undefined ? undefined : sortKeysDeep(c.after),
    // NOTE: optional keys beside `before`/`after`, which stay whole.
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
    location: a.location === undefined ? undefined : { file: a.location.file, line: a.location.line },
    writes: a.writes?.map((w) => ({ type: w.type, id: w.id, what: w.what })),
    depends_on: [...a.dependsOn],
    changes: a.changes.map(change),
    // NOTE: the payload's own fields in snake_case (`extra_config`), its user data as written.
    desired:
      a.desired === undefined ? undefined : renameKeys(sortKeysDeep(a.desired), snakeKey, PAYLOAD_DATA_KEYS),
  };
}

function problem(p: PlanProblem): Out {
  return { code: p.code, id: p.id, message: p.message, hint: p.hint };
}

/**
 * The plan as a stable JSON value: fixed key order, snake_case, `format_version` first. Secrets
 * appear only as `{"$secret": {"ref", "hmac"}}`; sensitive changes carry no values. A saved plan
 * holds the same value (plan-io.ts).
 */
export function planDocument(plan: Plan): Out {
  return {
    format_version: plan.formatVersion,
    namespace: plan.namespace,
    managed_kinds: [...plan.managedKinds],
    summary: { ...plan.summary },
    max_deletes: plan.maxDeletes,
    destructive: [...plan.destructive],
    errors: plan.errors.map(problem),
    warnings: plan.warnings.map(problem),
    actions: plan.actions.map(action),
  };
}

/** `plan --format json` (docs/plan-format.md). */
export function renderPlanJson(plan: Plan): string {
  return printableJson(planDocument(plan));
}
