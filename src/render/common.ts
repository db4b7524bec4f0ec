import type { ActionType, FieldChange, JsonValue, Plan, PlanAction } from '../model/index.js';
import { diffLines, hunks, splitLines, type DiffRow } from './line-diff.js';
import { printable } from './printable.js';

export const ACTION_MARKER: Readonly<Record<ActionType, string>> = {
  create: '+',
  update: '~',
  replace: '-/+',
  delete: '-',
  noop: '=',
};

export const ACTION_VERB: Readonly<Record<ActionType, string>> = {
  create: 'create',
  update: 'update',
  replace: 'replace',
  delete: 'delete',
  noop: 'no change',
};

/** A value as one line of JSON, safe to print. */
export function formatValue(value: JsonValue | undefined): string {
  return value === undefined ? '(unset)' : printable(JSON.stringify(value));
}

/** `+` added, `-` removed, `~` changed: the marker of one field change. */
export function changeMarker(change: FieldChange): '+' | '-' | '~' {
  if (change.sensitive) return '~';
  if (change.before === undefined) return '+';
  if (change.after === undefined) return '-';
  return '~';
}

/** The value part of a field change line: `before -> after`, or the sensitive mask. */
export function changeText(change: FieldChange, actionType: ActionType): string {
  if (change.sensitive) return actionType === 'create' ? '(sensitive value)' : '(sensitive value changed)';
  if (change.before === undefined) return formatValue(change.after);
  if (change.after === undefined) return `${formatValue(change.before)} -> (unset)`;
  return `${formatValue(change.before)} -> ${formatValue(change.after)}`;
}

/** Create changes are shown as `+` lines whatever their shape. */
export function lineMarker(change: FieldChange, actionType: ActionType): string {
  return actionType === 'create' ? '+' : changeMarker(change);
}

/** `Plan: 2 to create, 1 to update, 0 to replace, 1 to delete.` */
export function summaryLine(plan: Plan): string {
  const s = plan.summary;
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete.`;
}

/** Tags shown after an action header: what a reviewer must notice. */
export function actionFlags(action: PlanAction): string[] {
  const flags: string[] = [];
  if (action.renamedFrom !== undefined) flags.push(`renamed from "${printable(action.renamedFrom)}"`);
  if (action.adopt) flags.push('adopt');
  if (action.destructive) flags.push('destructive');
  if (action.protected && (action.type === 'delete' || action.type === 'replace'))
    flags.push('protected: apply refuses');
  return flags;
}

/** `streamkap/shop.yaml:17`: where a manifest declares the action's resource, safe to print. */
export function locationText(action: PlanAction): string | undefined {
  const at = action.location;
  return at === undefined ? undefined : printable(`${at.file}:${at.line}`);
}

/**
 * The line of a plan with nothing to apply: honest about errors, and about owned objects of kinds
 * the manifests do not mention (warning `unmanaged-kind`), which "matches the manifests" would hide.
 */
export function noChangesLine(plan: Plan): string {
  if (plan.errors.length > 0) return 'No applicable changes: see the errors.';
  if (plan.warnings.some((w) => w.code === 'unmanaged-kind'))
    return 'No changes to what these manifests manage; the namespace owns more: see the warnings.';
  return 'No changes. The account matches the manifests.';
}

export function changedActions(plan: Plan): PlanAction[] {
  return plan.actions.filter((a) => a.type !== 'noop');
}

/** A string value with a line break: rendered as lines rather than one JSON string. */
export function isMultiline(change: FieldChange): boolean {
  if (change.sensitive) return false;
  const multi = (v: JsonValue | undefined): boolean => typeof v === 'string' && v.includes('\n');
  return multi(change.before) || multi(change.after);
}

/** A multi-line value as a header note and line rows: all `+` (added), all `-` (removed) or a diff. */
export interface MultilineView {
  /** `(7 → 8 lines)`, `(8 lines)`, `(7 lines → unset)`. */
  readonly counts: string;
  readonly rows: readonly DiffRow[];
  /** Set when the strings differ but no line does. */
  readonly note?: string;
}

function valueLines(value: JsonValue): string[] {
  return typeof value === 'string' ? splitLines(value) : [JSON.stringify(value)];
}

const plural = (n: number): string => (n === 1 ? 'line' : 'lines');

export function multilineView(change: FieldChange, actionType: ActionType): MultilineView {
  const { before, after } = change;
  if (after !== undefined && (before === undefined || actionType === 'create')) {
    const lines = valueLines(after);
    return {
      counts: `(${lines.length} ${plural(lines.length)})`,
      rows: lines.map((text) => ({ op: '+', text })),
    };
  }
  if (before === undefined) return { counts: '(unset)', rows: [] };
  const old = valueLines(before);
  if (after === undefined)
    return {
      counts: `(${old.length} ${plural(old.length)} → unset)`,
      rows: old.map((text) => ({ op: '-', text })),
    };
  const lines = valueLines(after);
  const rows = hunks(diffLines(old, lines));
  const counts = `(${old.length} → ${lines.length} ${plural(lines.length)})`;
  return rows.length > 0 ? { counts, rows } : { counts, rows, note: 'only the final newline differs' };
}

/** Model field names that the manifest spells differently (the JSON plan keeps the model's). */
const MANIFEST_SPELLING: Readonly<Record<string, string>> = {
  snapshotNewTables: 'snapshot_new_tables',
  topicAutoDiscovery: 'topic_auto_discovery',
  extraConfig: 'extra_config',
};

/**
 * A change's path as a reviewer wrote it in the manifest (`snapshot_new_tables`, `extra_config.x`),
 * safe to print: config keys come from the API too.
 */
export function displayPath(path: string): string {
  const end = path.search(/[.[]/);
  const head = end === -1 ? path : path.slice(0, end);
  const spelled = MANIFEST_SPELLING[head];
  return printable(spelled === undefined ? path : `${spelled}${path.slice(head.length)}`);
}
