import { Option, type Command } from 'commander';
import { addApiOptions, type ApiCliOptions } from '../api-options.js';
import type { CommandContext } from '../context.js';
import type { OutputFormat } from './plan.js';

export interface DriftFlags extends ApiCliOptions {
  readonly format: OutputFormat;
  readonly ignoreFile?: string;
  readonly resendSecrets: boolean;
}

/** `drift [paths...]`: read-only check for cron. Exit 0 in sync, 2 drift, 1 runtime/API error, 4 bad input. */
export function registerDrift(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('drift')
    .description('report live changes made outside git (read-only); exit 0 in sync, 2 drift')
    .argument('[paths...]', 'manifest files or directories (searched recursively for *.yaml, *.yml)', ['.'])
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'),
    )
    .option(
      '--ignore-file <file>',
      'known exceptions to leave out (default: .streamkap-gitops-ignore in the working directory, if any)',
    )
    .option('--resend-secrets', 'count secrets the API reads back as null as drift', false);
  addApiOptions(cmd).action(async (paths: string[], flags: DriftFlags) => {
    const { runDrift } = await import('../run/drift.js');
    await runDrift(ctx, paths, flags);
  });
}
