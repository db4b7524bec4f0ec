import { Option, type Command } from 'commander';
import { addApiOptions } from '../api-options.js';
import type { CommandContext } from '../context.js';
import { MANIFEST_PATHS_HELP, type DriftFlags } from '../flags.js';
import { addManifestOptions } from '../manifest-options.js';

/** `drift [paths...]`: read-only check for cron. Exit 0 in sync, 2 drift, 1 runtime/API error, 4 bad input. */
export function registerDrift(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('drift')
    .description('report live changes made outside git (read-only); exit 0 in sync, 2 drift')
    .argument('[paths...]', MANIFEST_PATHS_HELP)
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'),
    )
    .option(
      '--ignore-file <file>',
      'known exceptions to leave out (default: .streamkap-gitops-ignore in the working directory, if any)',
    )
    .option('--resend-secrets', 'count secrets the API reads back as null as drift', false)
    .option(
      '--fail-on-unmanaged',
      'exit 2 also when objects of managed kinds carry no gitops: ownership tag (listed either way)',
      false,
    );
  addApiOptions(addManifestOptions(cmd)).action(async (paths: string[], flags: DriftFlags) => {
    const { runDrift } = await import('../run/drift.js');
    await runDrift(ctx, paths, flags);
  });
}
