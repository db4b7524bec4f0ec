import { isInSync, type DriftItem, type DriftReport } from '../planner/index.js';
import { codeCell, codeSpan, diffBlock, escapeCell } from './markdown-util.js';
import { changeMarker, displayPath, formatValue, isMultiline, multilineView } from './common.js';
import { paint } from './paint.js';
import { printable, printableJson } from './printable.js';
import type { FieldChange } from '../model/index.js';

/** First line of every drift comment or issue body, for CI that updates one sticky post. */
const DRIFT_COMMENT_MARKER = '<!-- streamkap-gitops:drift -->';

function driftValue(c: FieldChange): string {
  if (c.sensitive) return '(sensitive value changed)';
  return `${formatValue(c.before)} (live) -> ${formatValue(c.after)} (git)`;
}

/** One changed field; a multi-line value (a transform's code) as a line diff, live `-` and git `+`. */
function driftFieldLines(f: FieldChange, color: boolean): string[] {
  const marker = paint(changeMarker(f), changeMarker(f), color);
  if (!isMultiline(f)) return [`      ${marker} ${displayPath(f.path)} = ${driftValue(f)}`];
  const view = multilineView(f, 'update');
  return [
    `      ${marker} ${displayPath(f.path)} ${view.counts} (- live, + git):`,
    ...view.rows.map((row) =>
      row.op === '…' ? '          …' : `        ${paint(`${row.op} ${printable(row.text)}`, row.op, color)}`,
    ),
    ...(view.note === undefined ? [] : [`          (${view.note})`]),
  ];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `In sync: no drift; 2 unmanaged objects (no gitops: tag).` */
function inSyncLine(r: DriftReport): string {
  const unmanaged =
    r.unmanaged.count > 0 ? `; ${plural(r.unmanaged.count, 'unmanaged object')} (no gitops: tag)` : '';
  return `In sync: no drift${unmanaged}${r.ignored > 0 ? ` (${r.ignored} ignored)` : ''}.`;
}

/** `Drift: 1 changed, 0 missing, 0 orphaned, 2 unmanaged (3 ignored).` */
function driftSummaryLine(r: DriftReport): string {
  if (isInSync(r)) return inSyncLine(r);
  const base = `Drift: ${r.changed.length} changed, ${r.missing.length} missing, ${r.orphaned.length} orphaned, ${r.unmanaged.count} unmanaged`;
  const errors = r.errors.length > 0 ? `, ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}` : '';
  return `${base}${errors}${r.ignored > 0 ? ` (${r.ignored} ignored)` : ''}.`;
}

function itemLines(title: string, marker: string, items: readonly DriftItem[], color: boolean): string[] {
  if (items.length === 0) return [];
  return [title, ...items.map((i) => `  ${paint(`${marker} ${printable(i.id)}`, marker, color)}`), ''];
}

/** Drift as text; `color` (a TTY, as for plan) paints the markers and the summary line. */
export function renderDriftText(r: DriftReport, options: { readonly color?: boolean } = {}): string {
  const color = options.color === true;
  const lines = [`streamkap-gitops drift for namespace "${printable(r.namespace)}"`, ''];
  if (r.changed.length > 0) {
    lines.push(`Changed (${r.changed.length}): managed objects edited outside git`);
    for (const c of r.changed) {
      lines.push(
        `  ${paint(`~ ${printable(c.id)}`, '~', color)}${c.replace ? '  [only a replace restores it]' : ''}`,
      );
      for (const f of c.changes) lines.push(...driftFieldLines(f, color));
    }
    lines.push('');
  }
  lines.push(
    ...itemLines(
      `Missing (${r.missing.length}): in the manifests, absent from the account`,
      '+',
      r.missing,
      color,
    ),
  );
  lines.push(
    ...itemLines(
      `Orphaned (${r.orphaned.length}): carry the ownership tag, in no manifest`,
      '-',
      r.orphaned,
      color,
    ),
  );
  lines.push(
    ...itemLines(
      `Unmanaged (${r.unmanaged.count}): objects of managed kinds with no gitops: ownership tag (not drift; --fail-on-unmanaged counts them)`,
      '?',
      r.unmanaged.items,
      color,
    ),
  );
  if (r.errors.length > 0) {
    lines.push('Errors:');
    for (const e of r.errors)
      lines.push(`  - ${e.id !== undefined ? `${printable(e.id)}: ` : ''}${printable(e.message)}`);
    lines.push('');
  }
  lines.push(paint(driftSummaryLine(r), isInSync(r) ? 'ok' : '!', color));
  return `${lines.join('\n')}\n`;
}

/** Stable JSON (`format_version` first, snake_case), documented in docs/drift.md. */
export function renderDriftJson(r: DriftReport): string {
  const item = (i: DriftItem): Record<string, unknown> => ({
    id: i.id,
    kind: i.kind,
    name: i.name,
    live_id: i.liveId,
  });
  const doc = {
    format_version: r.formatVersion,
    namespace: r.namespace,
    in_sync: isInSync(r),
    summary: {
      changed: r.changed.length,
      missing: r.missing.length,
      orphaned: r.orphaned.length,
      unmanaged: r.unmanaged.count,
      ignored: r.ignored,
    },
    changed: r.changed.map((c) => ({
      ...item(c),
      replace: c.replace,
      changes: c.changes.map((f) => ({ path: f.path, live: f.before, git: f.after, sensitive: f.sensitive })),
    })),
    missing: r.missing.map(item),
    orphaned: r.orphaned.map(item),
    unmanaged: { count: r.unmanaged.count, items: r.unmanaged.items.map(item) },
    errors: r.errors.map((e) => ({ code: e.code, id: e.id, message: e.message, hint: e.hint })),
  };
  return printableJson(doc);
}

function mdItems(title: string, items: readonly DriftItem[]): string[] {
  if (items.length === 0) return [];
  return [
    `<details><summary>${escapeCell(title)} (${items.length})</summary>`,
    '',
    ...items.map((i) => `- <code>${escapeCell(i.id)}</code>`),
    '',
    '</details>',
    '',
  ];
}

export function renderDriftMarkdown(r: DriftReport): string {
  const lines = [DRIFT_COMMENT_MARKER, `### streamkap-gitops drift · namespace ${codeSpan(r.namespace)}`, ''];
  lines.push('| Changed | Missing | Orphaned | Unmanaged | Ignored |', '|---:|---:|---:|---:|---:|');
  lines.push(
    `| ${r.changed.length} | ${r.missing.length} | ${r.orphaned.length} | ${r.unmanaged.count} | ${r.ignored} |`,
    '',
  );
  for (const c of r.changed) {
    lines.push(`<details><summary><code>~ changed</code> <b>${escapeCell(c.id)}</b></summary>`, '');
    lines.push('| | Field | Live | Git |', '|---|---|---|---|');
    const blocks: string[] = [];
    for (const f of c.changes) {
      if (isMultiline(f)) {
        blocks.push(...diffBlock(f, 'update'));
        continue;
      }
      const live = f.sensitive ? '' : codeCell(f.before);
      const git = f.sensitive ? '<i>(sensitive value changed)</i>' : codeCell(f.after);
      lines.push(
        `| ${changeMarker(f)} | <code>${escapeCell(displayPath(f.path))}</code> | ${live} | ${git} |`,
      );
    }
    lines.push('', ...blocks, '</details>', '');
  }
  lines.push(...mdItems('Missing: in the manifests, absent from the account', r.missing));
  lines.push(...mdItems('Orphaned: ownership tag, in no manifest', r.orphaned));
  lines.push(...mdItems('Unmanaged: no gitops: ownership tag (not drift)', r.unmanaged.items));
  for (const e of r.errors)
    lines.push(
      `- **error** ${e.id !== undefined ? `<code>${escapeCell(e.id)}</code>: ` : ''}${escapeCell(e.message)}`,
    );
  lines.push(`**${driftSummaryLine(r)}**`, '');
  return lines.join('\n');
}
