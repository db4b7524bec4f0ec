/**
 * `doctor --format text`: one line per check (✓ / ⚠ / ✗, its title and what was seen), grouped;
 * under a warning or a failure what the tool assumed, its setting and what to do; then leftovers
 * of --probe-writes and the summary. Everything that came from the API is escaped (printable).
 */
import type { CheckResult, DoctorReport } from '../doctor/types.js';
import { CHECK_GROUPS } from '../doctor/types.js';
import { GROUP_TITLE, STATUS_MARK, doctorSummaryLine, doctorVerdict } from './doctor-common.js';
import { printable } from './printable.js';

export interface DoctorTextOptions {
  readonly color: boolean;
}

const COLOURS = { ok: '32', warn: '33', fail: '31' } as const;

function checkLines(c: CheckResult, color: boolean): string[] {
  const mark = color
    ? `\u001b[${COLOURS[c.status]}m${STATUS_MARK[c.status]}\u001b[0m`
    : STATUS_MARK[c.status];
  const lines = [`  ${mark} ${printable(c.title)}: ${printable(c.seen)} [${c.id}]`];
  if (c.status === 'ok') return lines;
  lines.push(`      assumed: ${printable(c.assumed)}`);
  if (c.setting !== undefined) lines.push(`      setting: ${printable(c.setting)}`);
  if (c.hint !== undefined) lines.push(`      to do:   ${printable(c.hint)}`);
  return lines;
}

export function renderDoctorText(report: DoctorReport, options: DoctorTextOptions): string {
  const lines = [
    `streamkap-gitops ${report.toolVersion} doctor: ${printable(report.apiUrl)} (checked ${report.checkedAt}${report.probeWrites ? ', with --probe-writes' : ', read-only'})`,
  ];
  for (const group of CHECK_GROUPS) {
    const checks = report.checks.filter((c) => c.group === group);
    if (checks.length === 0) continue;
    lines.push('', GROUP_TITLE[group], ...checks.flatMap((c) => checkLines(c, options.color)));
  }
  if (report.leftovers.length > 0) {
    lines.push('', 'Left in the account (delete by hand):');
    for (const l of report.leftovers) {
      lines.push(`  ${l.kind} "${printable(l.name)}" (${printable(l.id)}): ${printable(l.error)}`);
    }
  }
  lines.push('', `${doctorSummaryLine(report)}. ${doctorVerdict(report)}`);
  return `${lines.join('\n')}\n`;
}
