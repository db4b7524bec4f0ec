import { GitopsError } from '../errors/index.js';

/** The exit codes of every command (README, "Exit codes"). The output format never changes them. */
export const EXIT = {
  ok: 0,
  failure: 1,
  changes: 2,
  /** `status`: some owned pipeline is unhealthy (the same code as changes pending). */
  unhealthy: 2,
  refused: 3,
  invalid: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The one place an error becomes an exit code. */
export function exitCodeFor(error: unknown): ExitCode {
  if (!(error instanceof GitopsError)) return EXIT.failure;
  switch (error.category) {
    case 'user':
    case 'validation':
      return EXIT.invalid;
    case 'safety':
      return EXIT.refused;
    case 'api':
    case 'apply':
    case 'operation':
    case 'internal':
      return EXIT.failure;
  }
}

/**
 * `status`: 2 when any owned pipeline is unhealthy, else 1 when the health of any could not be
 * established (its metrics unreadable, a 403 included), else 0. A known problem outranks an unknown.
 */
export function statusExitCode(summary: { readonly unhealthy: number; readonly unknown: number }): ExitCode {
  if (summary.unhealthy > 0) return EXIT.unhealthy;
  return summary.unknown > 0 ? EXIT.failure : EXIT.ok;
}

/**
 * `doctor`: 1 when the API could not be reached or refused the credentials, else 2 when any check
 * failed (a contradicted assumption, a missing permission, a throw-away object left behind), else
 * 0. Warnings leave the code at 0: the tool copes with what they report.
 */
export function doctorExitCode(report: {
  readonly reachable: boolean;
  readonly summary: { readonly fail: number };
}): ExitCode {
  if (!report.reachable) return EXIT.failure;
  return report.summary.fail > 0 ? EXIT.changes : EXIT.ok;
}
