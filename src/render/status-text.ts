/**
 * `status --format text`: a summary line, an aligned table (one row per pipeline, health in colour
 * on a TTY) and, below it, every note about what could not be read. Names come from the live
 * account and are shown with control characters escaped.
 */
import { printable } from './printable.js';
import type { Health, PipelineStatus, StatusReport } from '../status/types.js';
import {
  formatCount,
  formatHealth,
  formatLatency,
  formatSnapshot,
  formatWindow,
  summaryLine,
  trend,
  why,
} from './status-cells.js';

export interface StatusTextOptions {
  readonly color: boolean;
}

const COLOURS: Record<Health, string> = { healthy: '32', unhealthy: '31', unknown: '33' };

function row(p: PipelineStatus): string[] {
  return [
    printable(p.name),
    formatHealth(p.health),
    printable(p.status ?? 'unknown'),
    formatLatency(p.latencyMs),
    trend(p.trend.latencyMs),
    formatCount(p.recordsLag),
    trend(p.trend.recordsLag),
    formatCount(p.consumerLag),
    formatSnapshot(p.snapshot),
    printable(why(p)),
  ];
}

/** Left-aligned columns two spaces apart; the last column is not padded. */
function alignColumns(rows: readonly string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length)))
      .join('  ')
      .trimEnd(),
  );
}

function paintHealth(line: string, p: PipelineStatus, color: boolean): string {
  if (!color) return line;
  const word = formatHealth(p.health);
  return line.replace(word, `\u001b[${COLOURS[p.health]}m${word}\u001b[0m`);
}

export function renderStatusText(report: StatusReport, options: StatusTextOptions): string {
  const w = formatWindow(report.window.sinceMs);
  const lines = [`${printable(summaryLine(report))} (checked ${report.checkedAt}, trends over ${w})`];
  if (report.pipelines.length === 0) {
    lines.push(`No pipeline carries the tag gitops:${printable(report.namespace)}.`);
    return `${lines.join('\n')}\n`;
  }
  const header = ['PIPELINE', 'HEALTH', 'STATUS', 'LATENCY', `LATENCY ${w}`, 'RECORDS LAG', `LAG ${w}`];
  header.push('CONSUMER LAG', 'SNAPSHOT', 'WHY');
  const table = alignColumns([header, ...report.pipelines.map(row)]);
  lines.push('', table[0] ?? '');
  report.pipelines.forEach((p, i) => lines.push(paintHealth(table[i + 1] ?? '', p, options.color)));
  const notes = report.pipelines.flatMap((p) =>
    p.notes.map((n) => `  ${printable(p.name)}: ${printable(n)}`),
  );
  if (notes.length > 0) lines.push('', 'Notes:', ...notes);
  return `${lines.join('\n')}\n`;
}
