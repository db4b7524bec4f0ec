import type { ActionType, FieldChange, JsonValue, Plan, PlanAction } from '../model/index.js';

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

/** A value as one line of JSON. */
export function formatValue(value: JsonValue | undefined): string {
  return value === undefined ? '(unset)' : JSON.stringify(value);
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
  if (action.renamedFrom !== undefined) flags.push(`renamed from "${action.renamedFrom}"`);
  if (action.adopt) flags.push('adopt');
  if (action.destructive) flags.push('destructive');
  if (action.protected && (action.type === 'delete' || action.type === 'replace'))
    flags.push('protected: apply refuses');
  return flags;
}

export function changedActions(plan: Plan): PlanAction[] {
  return plan.actions.filter((a) => a.type !== 'noop');
}
