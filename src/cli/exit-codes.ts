import { GitopsError } from '../errors/index.js';

/** The exit codes of every command (README, "Exit codes"). The output format never changes them. */
export const EXIT = {
  ok: 0,
  failure: 1,
  changes: 2,
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
    case 'internal':
      return EXIT.failure;
  }
}
