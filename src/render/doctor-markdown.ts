/**
 * `doctor --format markdown`: a table per group (mark, check, what was seen), then the details of
 * every warning and failure, for an issue or a pull request. Cells are escaped (escapeCell).
 */
import type { CheckResult, DoctorReport } from '../doctor/types.js';
import { CHECK_GROUPS } from '../doctor/types.js';
import { GROUP_TITLE, STATUS_MARK, doctorSummaryLine, doctorVerdict } from './doctor-common.js';
import { codeSpan, escapeCell } from './markdown-util.js';

function details(c: CheckResult): string[] {
  const lines = [`- ${STATUS_MARK[c.status]} **${escapeCell(c.title)}** (${codeSpan(c.id)})`];
  lines.push(`  - assumed: ${escapeCell(c.assumed)}`, `  - seen: ${escapeCell(c.seen)}`);
  if (c.setting !== undefined) lines.push(`  - setting: ${escapeCell(c.setting)}`);
  if (c.hint !== undefined) lines.push(`  - to do: ${escapeCell(c.hint)}`);
  return lines;
}

export function renderDoctorMarkdown(report: DoctorReport): string {
  const lines = [
    '## streamkap-gitops doctor',
    '',
    `${escapeCell(report.apiUrl)}, checked ${report.checkedAt} with ${report.toolVersion}${report.probeWrites ? ' (--probe-writes)' : ' (read-only)'}: ${doctorSummaryLine(report)}. ${doctorVerdict(report)}`,
  ];
  for (const group of CHECK_GROUPS) {
    const checks = report.checks.filter((c) => c.group === group);
    if (checks.length === 0) continue;
    lines.push('', `### ${GROUP_TITLE[group]}`, '', '| | Check | Seen |', '|---|---|---|');
    for (const c of checks)
      lines.push(`| ${STATUS_MARK[c.status]} | ${escapeCell(c.title)} | ${escapeCell(c.seen)} |`);
  }
  const notable = report.checks.filter((c) => c.status !== 'ok');
  if (notable.length > 0) lines.push('', '### To read', '', ...notable.flatMap(details));
  if (report.leftovers.length > 0) {
    lines.push('', '### Left in the account', '');
    for (const l of report.leftovers) {
      lines.push(`- ${l.kind} ${codeSpan(l.name)} (${codeSpan(l.id)}): ${escapeCell(l.error)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
