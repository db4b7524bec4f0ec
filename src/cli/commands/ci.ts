import { Option, type Command } from 'commander';
import type { CliEntry, CommandContext } from '../context.js';
import type { CiFlags } from '../flags.js';

/** `ci <command> [args...]`: runs a command (through `cli`, in-process) for a CI job and publishes its result (see run/ci.ts). */
export function registerCi(program: Command, ctx: CommandContext, cli: CliEntry): void {
  program
    .command('ci')
    .description(
      'run validate, plan, apply, drift or status in CI: job summary, one sticky pull/merge-request comment, outputs exit-code and has-changes',
    )
    .argument('<command>', 'validate, plan, apply, drift or status')
    .argument('[args...]', "the command's paths and flags (put them after -- to be safe)")
    .addOption(
      new Option('--provider <provider>', 'where to publish (auto: GITHUB_ACTIONS or GITLAB_CI)')
        .choices(['auto', 'github', 'gitlab', 'none'])
        .default('auto'),
    )
    .option('--no-comment', 'do not post or update the pull/merge-request comment')
    .option('--comment-key <key>', 'names the sticky comment (default: the command), for several per request')
    .option(
      '--fail-on-changes',
      'exit 2 when the command finds changes, drift or unhealthy pipelines (default: 0)',
      false,
    )
    .allowUnknownOption()
    .action(async (command: string, args: string[], flags: CiFlags) => {
      const { runCi } = await import('../run/ci.js');
      await runCi(ctx, cli, program, command, args, flags);
    });
}
