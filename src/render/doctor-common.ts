/** What the three doctor renderers share: status marks, group titles, the summary and exit lines. */
import type { CheckGroup, CheckStatus, DoctorReport } from '../doctor/types.js';

export const STATUS_MARK: Readonly<Record<CheckStatus, string>> = { ok: '✓', warn: '⚠', fail: '✗' };

export const GROUP_TITLE: Readonly<Record<CheckGroup, string>> = {
  connection: 'Connection and credentials',
  reads: 'Read behaviours',
  writes: 'Write behaviours (--probe-writes)',
  manifests: 'Manifests against the account',
};

/** `18 passed, 2 warnings, 1 to act on`. */
export function doctorSummaryLine(report: DoctorReport): string {
  const s = report.summary;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${s.ok} passed, ${plural(s.warn, 'warning')}, ${s.fail} to act on`;
}

/** What the exit code will say, in words (docs/doctor.md, "Exit codes"). */
export function doctorVerdict(report: DoctorReport): string {
  if (!report.reachable) return 'The API could not be reached or refused the credentials (exit 1).';
  if (report.summary.fail > 0) return 'Act on the checks marked ✗ before the first apply (exit 2).';
  if (report.summary.warn > 0) return 'Nothing blocks an apply; the warnings are worth reading (exit 0).';
  return 'Every assumption holds for this account (exit 0).';
}
