import { Option, type Command } from 'commander';
import { addApiOptions } from '../api-options.js';
import type { CommandContext } from '../context.js';
import type { ExportFlags } from '../flags.js';

/** `export --out DIR`: the live account as manifests (see run/export.ts). */
export function registerExport(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('export')
    .description(
      'write the live account as manifests that validate accepts, secrets as ${env:...} (.env.example lists them); never overwrites without --force (exit 3)',
    )
    .requiredOption('--out <dir>', 'directory to write to (created when missing)')
    .requiredOption(
      '--namespace <ns>',
      'the namespace the manifests declare, and whose objects --select owned takes',
    )
    .addOption(
      new Option(
        '--select <which>',
        'owned: what the namespace owns; unowned: objects no namespace owns (to adopt with apply --adopt); all',
      )
        .choices(['owned', 'unowned', 'all'])
        .default('owned'),
    )
    .addOption(
      new Option(
        '--split <kind>',
        'one file per pipeline, with the source, destination and transforms only it uses',
      ).choices(['pipelines']),
    )
    .option('--force', 'replace files that exist (never without it: exit 3 naming them)', false);
  addApiOptions(cmd).action(async (flags: ExportFlags) => {
    const { runExport } = await import('../run/export.js');
    await runExport(ctx, flags);
  });
}
