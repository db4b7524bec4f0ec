import type { Command } from 'commander';
import type { CommandContext } from '../context.js';

/** Prints the manifest JSON Schema (the committed schema/streamkap-gitops.schema.json) for editors. */
export function registerSchema(program: Command, ctx: CommandContext): void {
  program
    .command('schema')
    .description('print the manifest JSON Schema (for yaml-language-server and other editors)')
    .action(async () => {
      const { runSchema } = await import('../run/schema.js');
      runSchema(ctx);
    });
}
