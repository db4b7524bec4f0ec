import { Option, type Command } from 'commander';
import { addApiOptions } from '../api-options.js';
import { addManifestOptions } from '../manifest-options.js';
import type { CommandContext } from '../context.js';
import { duration, type SnapshotFlags } from '../flags.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `snapshot <source> [paths...]`: start (or stop) an incremental snapshot: an action, never state. */
export function registerSnapshot(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('snapshot')
    .description(
      'start an incremental snapshot of a source, or --stop it (exit 0 done, 1 failed or 409, 3 not owned, 4 invalid)',
    )
    .argument('<source>', 'the source, by exact name')
    .argument('[paths...]', 'manifests: check the tables offline and that the namespace owns the source')
    .option('--tables <list>', 'schema.table names, comma-separated (default: every table of the source)')
    .option(
      '--where <TABLE=FILTER>',
      'snapshot only the rows of TABLE matching FILTER (repeatable)',
      collect,
      [],
    )
    .option('--stop', 'stop the running incremental snapshot of the source', false)
    .option('--wait', 'wait until the snapshot completes, showing its progress', false)
    .addOption(
      new Option('--poll-interval <duration>', 'how often --wait reads the progress')
        .argParser(duration())
        .default(30_000, '30s'),
    )
    .addOption(
      new Option('--wait-timeout <duration>', 'how long --wait waits')
        .argParser(duration())
        .default(3_600_000, '1h'),
    );
  addApiOptions(addManifestOptions(cmd)).action(
    async (source: string, paths: string[], flags: SnapshotFlags) => {
      const { runSnapshot } = await import('../run/snapshot.js');
      await runSnapshot(ctx, source, paths, flags);
    },
  );
}
