import type { Command } from 'commander';
import type { CliEntry, CommandContext } from '../context.js';

/** `demo`: the README's main command; the tour itself is in ../run/demo.ts. */
export function registerDemo(program: Command, ctx: CommandContext, cli: CliEntry): void {
  program
    .command('demo')
    .description(
      'tour examples/streamkap.yaml against a local emulator: validate, plan, apply, drift (no account needed)',
    )
    .action(async () => {
      const { runDemo } = await import('../run/demo.js');
      await runDemo(ctx, cli);
    });
}
