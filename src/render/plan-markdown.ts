import type { FieldChange, JsonValue, Plan, PlanAction } from '../model/index.js';
import {
  ACTION_MARKER,
  ACTION_VERB,
  actionFlags,
  changedActions,
  displayPath,
  isMultiline,
  lineMarker,
  locationText,
  noChangesLine,
  summaryLine,
} from './common.js';
import { deltaCounts, listDelta, type ListDelta } from './list-delta.js';
import { codeCell, codeSpan, diffBlock, escapeCell, fitLines } from './markdown-util.js';
import { renderPipelineGraph } from './plan-graph.js';

/** First line of every plan comment, so CI can find and update one sticky comment. */
export const PLAN_COMMENT_MARKER = '<!-- streamkap-gitops:plan -->';
/** GitHub refuses comments over 65,536 characters; stay well under. */
const MARKDOWN_LIMIT = 60_000;

/** How much detail a rendering keeps; each step is tried until the comment fits. */
type Detail = 'full' | 'no-graph' | 'no-noop' | 'paths' | 'names';
const DETAILS: readonly Detail[] = ['full', 'no-graph', 'no-noop', 'paths', 'names'];

/** Most items of one side of a list change shown in a cell; the text plan has them all. */
const MAX_LIST_ITEMS = 20;

function header(plan: Plan): string[] {
  const s = plan.summary;
  const lines = [
    PLAN_COMMENT_MARKER,
    `### streamkap-gitops plan · namespace ${codeSpan(plan.namespace)}`,
    '',
  ];
  if (plan.destructive.length > 0) {
    lines.push(
      '> [!CAUTION]',
      `> **${plan.destructive.length} destructive change${plan.destructive.length === 1 ? '' : 's'}**: ${plan.destructive.map(codeSpan).join(', ')}.`,
      '> Deleting or replacing a source or pipeline re-snapshots data. `apply` needs `--allow-destructive`; protected resources are refused.',
      '',
    );
  }
  if (plan.errors.length > 0) {
    lines.push(
      '> [!WARNING]',
      `> **The plan has ${plan.errors.length} error${plan.errors.length === 1 ? '' : 's'} and cannot be applied.**`,
    );
    for (const e of plan.errors)
      lines.push(
        `> - ${e.id !== undefined ? `${codeSpan(e.id)}: ` : ''}${escapeCell(e.message)}${e.hint !== undefined ? ` (hint: ${escapeCell(e.hint)})` : ''}`,
      );
    lines.push('');
  }
  lines.push('| Create | Update | Replace | Delete | No change |', '|---:|---:|---:|---:|---:|');
  lines.push(`| ${s.create} | ${s.update} | ${s.replace} | ${s.delete} | ${s.noop} |`, '');
  return lines;
}

function summaryOf(a: PlanAction): string {
  const parts = [`<code>${ACTION_MARKER[a.type]} ${ACTION_VERB[a.type]}</code> <b>${escapeCell(a.id)}</b>`];
  const flags = actionFlags(a);
  if (flags.length > 0) parts.push(escapeCell(flags.join(', ')));
  const at = locationText(a);
  if (at !== undefined) parts.push(`<sub>${escapeCell(at)}</sub>`);
  return parts.join(' · ');
}

/** One side of a list change, one `<code>` item per line, cut after MAX_LIST_ITEMS. */
function itemsCell(marker: '+' | '-', items: readonly JsonValue[]): string {
  const shown = items.slice(0, MAX_LIST_ITEMS).map((i) => codeCell(i, `${marker} `));
  if (items.length > shown.length) shown.push(`… ${items.length - shown.length} more`);
  return shown.join('<br>');
}

/** Before: what the list loses; after: what it gains, then the counts. */
function deltaCells(d: ListDelta): [string, string] {
  const after = [itemsCell('+', d.added), `<i>${deltaCounts(d)}</i>`].filter((s) => s !== '');
  return [itemsCell('-', d.removed), after.join('<br>')];
}

function valueCells(a: PlanAction, c: FieldChange): [string, string] {
  // NOTE: a create lists the whole new list: everything in it is added.
  const delta = a.type === 'create' ? undefined : listDelta(c);
  if (delta !== undefined) return deltaCells(delta);
  if (!c.sensitive) return [codeCell(c.before), codeCell(c.after)];
  return ['', `<i>${a.type === 'create' ? '(sensitive value)' : '(sensitive value changed)'}</i>`];
}

function changeRows(a: PlanAction, changes: readonly FieldChange[]): string[] {
  if (changes.length === 0) return [];
  const lines = ['| | Field | Before | After |', '|---|---|---|---|'];
  for (const c of changes) {
    const [before, after] = valueCells(a, c);
    lines.push(
      `| ${lineMarker(c, a.type)} | <code>${escapeCell(displayPath(c.path))}</code>${c.forcesReplace ? ' (forces replacement)' : ''} | ${before} | ${after} |`,
    );
  }
  lines.push('');
  return lines;
}

function block(a: PlanAction, detail: Detail): string {
  const lines = [`<details><summary>${summaryOf(a)}</summary>`, ''];
  if (a.reason !== undefined) lines.push(`_${escapeCell(a.reason)}_`, '');
  if (a.writes !== undefined && a.writes.length > 0) {
    lines.push('Writes, in order:', '');
    a.writes.forEach((w, i) =>
      lines.push(`${i + 1}. ${w.type} <code>${escapeCell(w.id)}</code>: ${escapeCell(w.what)}`),
    );
    lines.push('');
  }
  if (a.changes.length > 0 && detail === 'paths') {
    for (const c of a.changes)
      lines.push(`- \`${lineMarker(c, a.type)}\` ${escapeCell(displayPath(c.path))}`);
    lines.push('');
  } else if (a.changes.length > 0) {
    // NOTE: multi-line strings (a transform's code) get a diff block after the table, not a cell.
    lines.push(
      ...changeRows(
        a,
        a.changes.filter((c) => !isMultiline(c)),
      ),
    );
    for (const c of a.changes.filter(isMultiline)) lines.push(...diffBlock(c, a.type));
  }
  lines.push('</details>', '');
  return lines.join('\n');
}

function footer(plan: Plan): string[] {
  const lines: string[] = [];
  if (plan.warnings.length > 0) {
    lines.push('**Warnings**', '');
    for (const w of plan.warnings)
      lines.push(`- ${w.id !== undefined ? `${codeSpan(w.id)}: ` : ''}${escapeCell(w.message)}`);
    lines.push('');
  }
  lines.push(`**${summaryLine(plan)}**`, '');
  return lines;
}

function noopBlock(plan: Plan): string[] {
  const noops = plan.actions.filter((a) => a.type === 'noop');
  if (noops.length === 0) return [];
  return [
    `<details><summary>${noops.length} unchanged</summary>`,
    '',
    ...noops.map((a) => `- ${escapeCell(a.id)}`),
    '',
    '</details>',
    '',
  ];
}

function render(plan: Plan, detail: Detail): string {
  const changed = changedActions(plan);
  const body: string[] = detail === 'full' ? renderPipelineGraph(plan) : [];
  if (changed.length === 0) body.push(noChangesLine(plan), '');
  if (detail === 'names') {
    for (const a of changed)
      body.push(
        `- ${summaryOf(a)}${a.changes.length > 0 ? ` (${a.changes.length} field${a.changes.length === 1 ? '' : 's'})` : ''}`,
      );
    body.push('');
  } else {
    for (const a of changed) body.push(block(a, detail));
  }
  if (detail === 'full' || detail === 'no-graph') body.push(...noopBlock(plan));
  return [...header(plan), ...body, ...footer(plan)].join('\n');
}

/**
 * Markdown for a pull-request comment. It shrinks step by step to stay under `limit`: first the
 * pipeline graph goes, then the unchanged list, then field values and code diffs (paths only), then
 * every block (names only), and last the list of names is cut with a count of what is left out.
 */
export function renderPlanMarkdown(plan: Plan, limit: number = MARKDOWN_LIMIT): string {
  for (const detail of DETAILS) {
    const text = render(plan, detail);
    if (text.length <= limit) return text;
  }
  const items = changedActions(plan).map((a) => `- ${summaryOf(a)}`);
  const more = (n: number): string =>
    `- … and ${n} more (the full plan is in the CI log: \`plan --format text\`)`;
  return fitLines([...header(plan)], items, ['', ...footer(plan)], limit, more);
}
