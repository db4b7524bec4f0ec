import type { ActionType, FieldChange, Plan, PlanAction, PlanProblem } from '../model/index.js';
import {
  ACTION_MARKER,
  actionFlags,
  changedActions,
  changeText,
  displayPath,
  formatValue,
  isMultiline,
  lineMarker,
  locationText,
  multilineView,
  noChangesLine,
  summaryLine,
} from './common.js';
import { deltaCounts, listDelta, type ListDelta } from './list-delta.js';
import { paint } from './paint.js';
import { printable } from './printable.js';

export interface TextRenderOptions {
  /** ANSI colour; the CLI passes ctx.globals().color (TTY, no --no-color, no NO_COLOR). */
  readonly color: boolean;
}

/** `~ path (7 → 8 lines):` then the changed lines with context, indented under it. */
function multilineLines(
  c: FieldChange,
  actionType: ActionType,
  marker: string,
  note: string,
  color: boolean,
): string[] {
  const view = multilineView(c, actionType);
  const lines = [`      ${paint(marker, marker, color)} ${displayPath(c.path)} ${view.counts}:${note}`];
  for (const row of view.rows)
    lines.push(
      row.op === '…' ? '          …' : `        ${paint(`${row.op} ${printable(row.text)}`, row.op, color)}`,
    );
  if (view.note !== undefined) lines.push(`          (${view.note})`);
  return lines;
}

/** `~ topics: 1 added, 1 removed, 2 unchanged`, then one `+` or `-` line per item. */
function listLines(c: FieldChange, d: ListDelta, note: string, color: boolean): string[] {
  return [
    `      ${paint('~', '~', color)} ${displayPath(c.path)}: ${deltaCounts(d)}${note}`,
    ...d.added.map((item) => `          ${paint(`+ ${formatValue(item)}`, '+', color)}`),
    ...d.removed.map((item) => `          ${paint(`- ${formatValue(item)}`, '-', color)}`),
  ];
}

function renderAction(a: PlanAction, color: boolean): string[] {
  const marker = ACTION_MARKER[a.type];
  const flags = actionFlags(a);
  const at = locationText(a);
  const lines = [
    `  ${paint(`${marker} ${printable(a.id)}`, marker, color)}${at === undefined ? '' : ` (${at})`}${flags.length > 0 ? `  [${flags.join(', ')}]` : ''}`,
  ];
  if (a.reason !== undefined) lines.push(`      # ${printable(a.reason)}`);
  if (a.writes !== undefined && a.writes.length > 0) {
    lines.push('      # writes, in order:');
    a.writes.forEach((w, i) =>
      lines.push(`      #   ${i + 1}. ${w.type} ${printable(`${w.id}: ${w.what}`)}`),
    );
  }
  for (const c of a.changes) {
    const m = lineMarker(c, a.type);
    const note = c.forcesReplace ? '  # forces replacement' : '';
    if (isMultiline(c)) {
      lines.push(...multilineLines(c, a.type, m, note, color));
      continue;
    }
    // NOTE: a create lists the whole new list: everything in it is added.
    const delta = a.type === 'create' ? undefined : listDelta(c);
    if (delta !== undefined) {
      lines.push(...listLines(c, delta, note, color));
      continue;
    }
    lines.push(`      ${paint(m, m, color)} ${displayPath(c.path)} = ${changeText(c, a.type)}${note}`);
  }
  lines.push('');
  return lines;
}

function renderProblems(title: string, problems: readonly PlanProblem[], color: boolean): string[] {
  if (problems.length === 0) return [];
  const lines = [paint(title, '!', color && title.startsWith('Error'))];
  for (const p of problems) {
    lines.push(`  - ${p.id !== undefined ? `${printable(p.id)}: ` : ''}${printable(p.message)}`);
    if (p.hint !== undefined) lines.push(`    hint: ${printable(p.hint)}`);
  }
  lines.push('');
  return lines;
}

/** Terraform-like text: `+` create, `~` update, `-/+` replace, `-` delete; only changed fields. */
export function renderPlanText(plan: Plan, options: TextRenderOptions): string {
  const color = options.color;
  const lines = [`streamkap-gitops plan for namespace "${printable(plan.namespace)}"`, ''];
  const changed = changedActions(plan);
  if (changed.length === 0) lines.push(noChangesLine(plan), '');
  for (const a of changed) lines.push(...renderAction(a, color));
  lines.push(...renderProblems('Warnings:', plan.warnings, color));
  lines.push(...renderProblems('Errors (the plan cannot be applied):', plan.errors, color));
  if (plan.destructive.length > 0) {
    lines.push(
      paint(`Destructive changes: ${plan.destructive.map(printable).join(', ')}`, '!', color),
      '  apply needs --allow-destructive; protected resources are never deleted or replaced.',
      '',
    );
  }
  if (plan.summary.delete + plan.summary.replace > plan.maxDeletes) {
    lines.push(`Deletes and replaces exceed --max-deletes ${plan.maxDeletes}: apply will refuse.`, '');
  }
  lines.push(summaryLine(plan));
  return `${lines.join('\n')}\n`;
}
