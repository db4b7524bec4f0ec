import { Option, type Command } from 'commander';
import { addApiOptions } from '../api-options.js';
import type { CommandContext } from '../context.js';
import { MANIFEST_PATHS_HELP, type DoctorFlags } from '../flags.js';
import { addManifestOptions } from '../manifest-options.js';

/** `doctor [paths...]`: the account against every API assumption. Exit 0 fine, 2 act on it, 1 unreachable. */
export function registerDoctor(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('doctor')
    .description(
      'check the account against every API assumption the tool makes (read-only unless --probe-writes); exit 0 all hold, 2 something to act on, 1 unreachable',
    )
    .argument('[paths...]', `${MANIFEST_PATHS_HELP}; only when given: check them against the account`)
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'),
    )
    .option(
      '--probe-writes',
      'also check write behaviours on a throw-away tag and source it creates and deletes (needs --namespace-scratch)',
      false,
    )
    .option(
      '--namespace-scratch <name>',
      'scratch namespace named on the throw-away objects of --probe-writes',
    );
  addApiOptions(addManifestOptions(cmd)).action(async (paths: string[], flags: DoctorFlags) => {
    const { runDoctorCommand } = await import('../run/doctor.js');
    await runDoctorCommand(ctx, paths, flags);
  });
}
