import { Option, type Command } from 'commander';
import { addApiOptions } from '../api-options.js';
import type { CommandContext } from '../context.js';
import { duration, MANIFEST_PATHS_HELP, wholeNumber, type StatusFlags } from '../flags.js';
import { addManifestOptions } from '../manifest-options.js';

/** `status [paths...]`: health of every pipeline the namespace owns. Exit 0 healthy, 2 unhealthy, 1 unknown. */
export function registerStatus(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('status')
    .description(
      'health of the pipelines the namespace owns (read-only); exit 0 healthy, 2 unhealthy, 1 check failed',
    )
    .argument('[paths...]', `${MANIFEST_PATHS_HELP}; read for the namespace only`)
    .option('--namespace <ns>', 'check this namespace instead of reading it from the manifests')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'),
    )
    .option('--max-lag <n>', 'unhealthy when records lag or consumer lag is above n', wholeNumber(0))
    .option('--max-latency <duration>', 'unhealthy when latency is above this (e.g. 5s, 2m)', duration())
    .addOption(
      new Option('--since <duration>', 'trend window of the sparklines (e.g. 30m, 6h, 1d)')
        .argParser(duration(60_000, '1m'))
        .default(3_600_000, '1h'),
    )
    .option('--watch [interval]', 'refresh on a terminal every interval (default 30s, at least 10s)');
  addApiOptions(addManifestOptions(cmd)).action(async (paths: string[], flags: StatusFlags) => {
    const { runStatus } = await import('../run/status.js');
    await runStatus(ctx, paths, flags);
  });
}
