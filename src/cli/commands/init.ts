import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import type { InitFlags } from '../flags.js';

/** `init [dir]`: scaffolds a repository (see run/init.ts). */
export function registerInit(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .description(
      'start a repository: a starter manifest that validates, .env.example, .streamkap-gitops-ignore and three GitHub workflows (asks on a terminal)',
    )
    .argument('[dir]', 'where to write (created when missing)', '.')
    .option('--source <connector>', 'source connector of the starter pipeline (default postgresql)')
    .option('--destination <connector>', 'destination connector (default snowflake)')
    .option('--namespace <name>', "ownership scope of the resources (default: from the directory's name)")
    .option('--force', 'overwrite files that exist (never without it: exit 3 naming them)', false)
    .action(async (dir: string, flags: InitFlags) => {
      const { runInit } = await import('../run/init.js');
      await runInit(ctx, dir, flags);
    });
}
