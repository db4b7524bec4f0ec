/** The command line `ci` runs: the user's, plus Markdown output and a changes exit code where possible. */

/** Commands `ci` wraps: the ones whose result a reviewer reads. */
export const WRAPPABLE = ['validate', 'plan', 'apply', 'drift', 'status'] as const;

export interface CommandTraits {
  /** `--format` allows `markdown`. */
  readonly markdown: boolean;
  /** Has `--detailed-exitcode` (plan). */
  readonly detailedExitcode: boolean;
}

/** The value of `--format x` / `--format=x` in args, if given. */
export function formatIn(args: readonly string[]): string | undefined {
  for (const [i, a] of args.entries()) {
    if (a === '--format') return args[i + 1];
    if (a.startsWith('--format=')) return a.slice('--format='.length);
  }
  return undefined;
}

export function wrappedArgs(
  command: string,
  args: readonly string[],
  traits: CommandTraits,
): { readonly args: string[]; readonly format: string } {
  const out = [command, ...args];
  let format = formatIn(args);
  if (format === undefined) {
    format = traits.markdown ? 'markdown' : 'text';
    if (traits.markdown) out.push('--format', 'markdown');
  }
  if (traits.detailedExitcode && !args.includes('--detailed-exitcode')) out.push('--detailed-exitcode');
  return { args: out, format };
}
