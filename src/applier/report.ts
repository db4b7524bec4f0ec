/**
 * The apply report: every action of the plan with its outcome. Versioned like the plan, since
 * CI jobs read it with `apply --format json`.
 */
import { ApiError } from '../errors/index.js';
import { FORMAT_VERSION, type ActionType, type ResourceKey, type ResourceKind } from '../model/index.js';
import { printable } from '../render/printable.js';

export const REPORT_FORMAT_VERSION = FORMAT_VERSION;

export type ActionStatus = 'succeeded' | 'failed' | 'skipped' | 'not_attempted';

export interface ActionErrorInfo {
  readonly message: string;
  readonly status?: number;
  readonly method?: string;
  readonly path?: string;
  readonly requestId?: string;
  readonly details?: readonly string[];
}

export interface ActionResult {
  readonly id: ResourceKey;
  readonly kind: ResourceKind;
  readonly name: string;
  readonly type: ActionType;
  readonly status: ActionStatus;
  /** Server id after the action (created or kept); absent for deletes and failures. */
  readonly resourceId?: string;
  readonly durationMs?: number;
  readonly error?: ActionErrorInfo;
  /** Skipped / not attempted because of this action. */
  readonly blockedBy?: ResourceKey;
}

export interface ReportSummary {
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  readonly notAttempted: number;
  readonly noop: number;
}

export interface ApplyReport {
  readonly formatVersion: typeof REPORT_FORMAT_VERSION;
  readonly namespace: string;
  /** In plan order; noop actions are left out. */
  readonly results: readonly ActionResult[];
  readonly summary: ReportSummary;
  readonly durationMs: number;
  /** API requests sent during the apply (every attempt). */
  readonly requests?: number;
  /** Filled by the CLI after the post-apply check: actions whose resources still differ. */
  readonly notConverged?: readonly ResourceKey[];
  /** For each of notConverged, what a fresh plan would still do (`update config.tasks_max`). */
  readonly notConvergedDetails?: Readonly<Record<string, string>>;
  /** Filled by the CLI when the post-apply check could not run (the account could not be re-read). */
  readonly checkError?: string;
}

/** Turns whatever an action threw into report form; never includes a stack or a secret. */
export function describeError(error: unknown): ActionErrorInfo {
  if (error instanceof ApiError) {
    return {
      message: error.message,
      ...(error.status === undefined ? {} : { status: error.status }),
      method: error.method,
      path: error.path,
      ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
      ...(error.details.length > 0 ? { details: error.details } : {}),
    };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

export function summarize(results: readonly ActionResult[], noop: number): ReportSummary {
  const count = (s: ActionStatus): number => results.filter((r) => r.status === s).length;
  return {
    succeeded: count('succeeded'),
    failed: count('failed'),
    skipped: count('skipped'),
    notAttempted: count('not_attempted'),
    noop,
  };
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** `Apply complete: 10 succeeded, 1 failed, 2 skipped, 0 not attempted (3.4 s).` */
export function renderSummaryLine(report: ApplyReport): string {
  const s = report.summary;
  const unconverged = report.notConverged?.length ?? 0;
  const extra =
    (unconverged > 0 ? `, ${unconverged} not converged` : '') +
    (report.checkError !== undefined ? ', result not checked' : '');
  const verdict =
    s.failed > 0 || s.skipped > 0 || s.notAttempted > 0 || extra !== '' ? 'Apply failed' : 'Apply complete';
  return (
    `${verdict}: ${s.succeeded} succeeded, ${s.failed} failed, ${s.skipped} skipped, ` +
    `${s.notAttempted} not attempted${extra} (${formatDuration(report.durationMs)}).`
  );
}

/** ` (request id …)` unless the message already names it (ApiError messages do). */
export function requestIdNote(error: ActionErrorInfo | undefined): string {
  if (!error?.requestId || error.message.includes(error.requestId)) return '';
  return ` (request id ${error.requestId})`;
}

/** One line per action that did not succeed, for the end of the text output; safe to print. */
export function renderProblemLines(report: ApplyReport): string[] {
  return problemLines(report).map(printable);
}

function problemLines(report: ApplyReport): string[] {
  const lines: string[] = [];
  for (const r of report.results) {
    if (r.status === 'failed' && r.error) {
      const rid = requestIdNote(r.error);
      lines.push(`  failed       ${r.id}: ${r.error.message}${rid}`);
    } else if (r.status === 'skipped') {
      lines.push(`  skipped      ${r.id}: depends on ${r.blockedBy ?? 'a failed action'}`);
    } else if (r.status === 'not_attempted') {
      lines.push(`  not attempted ${r.id}`);
    }
  }
  for (const id of report.notConverged ?? []) {
    const detail = report.notConvergedDetails?.[id];
    lines.push(`  not converged ${id}${detail ? `: a fresh plan would still ${detail}` : ''}`);
  }
  if (report.checkError !== undefined) {
    lines.push(`  not checked  could not re-read the account after applying: ${report.checkError}`);
  }
  return lines;
}
