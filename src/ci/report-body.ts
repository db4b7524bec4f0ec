/**
 * The Markdown a CI run publishes (job summary, pull/merge-request comment) for one wrapped
 * command: its own Markdown when it has some, its text otherwise, and what went wrong when it
 * failed or refused, so plan errors and refusals reach the reviewer too.
 */
import { escapeCell, fenceFor } from '../render/markdown-util.js';

export interface WrappedRun {
  /** `plan`, `apply`, `drift`, `status`. */
  readonly command: string;
  /** The command line as run, without the program name. */
  readonly args: readonly string[];
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The output format the command ran with. */
  readonly format: string;
}

const OUTCOME: Readonly<Record<number, string>> = {
  0: 'succeeded',
  1: 'failed',
  2: 'found changes',
  3: 'refused by a safety check',
  4: 'refused its input',
};

/** Most lines of stderr a comment shows (the log has all of them). */
const MAX_STDERR_LINES = 60;

function fenced(text: string, lang: string): string[] {
  const lines = text.replace(/\s+$/, '').split('\n');
  const fence = fenceFor(lines);
  return [`${fence}${lang}`, ...lines, fence];
}

/** The stderr a reviewer needs: `error:`/`hint:` lines and the rest, the tail when long. */
function stderrTail(stderr: string): string {
  const lines = stderr.replace(/\s+$/, '').split('\n');
  return lines.length <= MAX_STDERR_LINES
    ? lines.join('\n')
    : ['…', ...lines.slice(-MAX_STDERR_LINES)].join('\n');
}

/** `has-changes`: plan/drift/status say so with exit 2; apply by its plan's summary line. */
export function hasChanges(run: WrappedRun): boolean {
  if (run.command !== 'apply') return run.exitCode === 2;
  const m = /^Plan: (\d+) to create, (\d+) to update, (\d+) to replace, (\d+) to delete\.$/m.exec(run.stdout);
  return m !== null && m.slice(1).some((n) => n !== '0');
}

export function reportBody(run: WrappedRun, marker: string): string {
  const lines = [marker];
  const out = run.stdout.trim();
  if (run.format === 'markdown' && out !== '') lines.push(out, '');
  else {
    lines.push(`### streamkap-gitops ${run.command}`, '');
    if (out !== '')
      lines.push(
        '<details open><summary>Output</summary>',
        '',
        ...fenced(out, run.format === 'json' ? 'json' : 'text'),
        '',
        '</details>',
        '',
      );
  }
  const failed = run.exitCode !== 0 && run.exitCode !== 2;
  if (failed) {
    const outcome = OUTCOME[run.exitCode] ?? 'failed';
    lines.push(
      run.exitCode === 3 ? '> [!CAUTION]' : '> [!WARNING]',
      `> \`streamkap-gitops ${run.command}\` ${outcome} (exit ${run.exitCode}).`,
      '',
    );
    if (run.stderr.trim() !== '') lines.push(...fenced(stderrTail(run.stderr), 'text'), '');
  }
  lines.push(
    `<sub>exit ${run.exitCode} · <code>streamkap-gitops ${escapeCell(run.args.join(' '))}</code></sub>`,
    '',
  );
  return lines.join('\n');
}
