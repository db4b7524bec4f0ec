/** `status --format markdown`: a summary and a table for a pull request, a wiki or a chat message. */
import { escapeCell } from './markdown-util.js';
import type { StatusReport } from '../status/types.js';
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

const ICONS = { healthy: '✅', unhealthy: '❌', unknown: '❔' } as const;

function code(text: string): string {
  return text === '' ? '' : `<code>${escapeCell(text)}</code>`;
}

export function renderStatusMarkdown(report: StatusReport): string {
  const w = formatWindow(report.window.sinceMs);
  const lines = [
    `### Streamkap status: ${escapeCell(report.namespace)}`,
    '',
    `${escapeCell(summaryLine(report))}. Checked ${report.checkedAt}; trends over the last ${w}.`,
    '',
  ];
  if (report.pipelines.length === 0)
    return `${[...lines, 'No pipeline is owned by this namespace.'].join('\n')}\n`;
  lines.push(
    `| Pipeline | Health | Status | Latency | Latency ${w} | Records lag | Lag ${w} | Consumer lag | Snapshot | Why |`,
    '|---|---|---|---:|---|---:|---|---:|---|---|',
  );
  for (const p of report.pipelines) {
    const cells = [
      escapeCell(p.name),
      `${ICONS[p.health]} ${formatHealth(p.health)}`,
      escapeCell(p.status ?? 'unknown'),
      formatLatency(p.latencyMs),
      code(trend(p.trend.latencyMs)),
      formatCount(p.recordsLag),
      code(trend(p.trend.recordsLag)),
      formatCount(p.consumerLag),
      escapeCell(formatSnapshot(p.snapshot)),
      escapeCell(why(p)),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const notes = report.pipelines.flatMap((p) =>
    p.notes.map((n) => `- **${escapeCell(p.name)}**: ${escapeCell(n)}`),
  );
  if (notes.length > 0) lines.push('', '<details><summary>Notes</summary>', '', ...notes, '', '</details>');
  return `${lines.join('\n')}\n`;
}
