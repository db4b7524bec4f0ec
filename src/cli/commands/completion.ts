import { Argument, type Command } from 'commander';
import type { CommandContext } from '../context.js';
import type { Shell } from '../flags.js';

/** `completion bash|zsh|fish`: a shell completion script on stdout. */
export function registerCompletion(program: Command, ctx: CommandContext): void {
  program
    .command('completion')
    .description('print a shell completion script (commands, flags, their values, connector names)')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
    .action(async (shell: Shell) => {
      const { runCompletion } = await import('../run/completion.js');
      runCompletion(ctx, program, shell);
    });
}
