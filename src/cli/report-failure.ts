import { CommanderError } from 'commander';
import { GitopsError, ValidationError } from '../errors/index.js';
import { printable } from '../render/printable.js';
import type { CliIo } from './context.js';
import { errorDocument } from './error-document.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { asksForJson } from './watch-writes.js';

// NOTE: messages carry names and values from manifests and the API (and a server's own words), so
// every one is made printable before it reaches the terminal.
function reportError(io: CliIo, error: unknown, debug: boolean): void {
  if (error instanceof ValidationError) {
    // The validate command renders problems itself; other commands fall back to this summary.
    for (const p of error.problems) {
      const hint = p.hint ? `  (${p.hint})` : '';
      io.stderr.write(`${printable(`${p.file}:${p.line}:${p.col}  ${p.path}  ${p.message}${hint}`)}\n`);
    }
  }
  if (error instanceof GitopsError) {
    io.stderr.write(`error: ${printable(error.message)}\n`);
    if (error.hint) io.stderr.write(`hint: ${printable(error.hint)}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`internal error: ${printable(message)}\n`);
    io.stderr.write('This is a bug in streamkap-gitops; please report it with the output of --debug.\n');
  }
  if (debug && error instanceof Error && error.stack)
    io.stderr.write(`${error.stack.split('\n').map(printable).join('\n')}\n`);
}

export interface FailureFacts {
  readonly argv: readonly string[];
  /** The running command's --format, when an action had started. */
  readonly format: unknown;
  readonly debug: boolean;
  readonly stdoutWritten: boolean;
}

/** Reports a command line that failed (a usage error or a thrown error) and returns its exit code. */
export function reportFailure(io: CliIo, error: unknown, facts: FailureFacts): number {
  const usage = error instanceof CommanderError;
  const code = usage ? EXIT.invalid : exitCodeFor(error);
  if (!usage) reportError(io, error, facts.debug);
  // NOTE: with --format json stdout always holds one document: the command's, or this one.
  const json = facts.format === 'json' || (facts.format === undefined && asksForJson(facts.argv));
  if (json && !facts.stdoutWritten) io.stdout.write(errorDocument(error, code, usage));
  return code;
}
