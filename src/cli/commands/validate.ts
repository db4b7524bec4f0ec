import { Option, type Command } from 'commander';
import type { CommandContext } from '../context.js';
import { MANIFEST_PATHS_HELP, type ValidateFlags } from '../flags.js';
import { addManifestOptions } from '../manifest-options.js';

/** `validate [paths...]`: offline check, no API call. Exit 0 when valid, 4 when not. */
export function registerValidate(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('validate')
    .description('check manifests offline (no API call); exit 0 when valid, 4 when not')
    .argument('[paths...]', MANIFEST_PATHS_HELP)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--allow-missing-env', 'do not require the ${env:...} variables (checks structure only)', false);
  addManifestOptions(cmd).action(async (paths: string[], flags: ValidateFlags) => {
    const { runValidate } = await import('../run/validate.js');
    await runValidate(ctx, paths, flags);
  });
}
