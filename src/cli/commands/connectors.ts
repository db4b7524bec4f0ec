import { Option, type Command } from 'commander';
import type { CommandContext } from '../context.js';
import type { ConnectorsFlags } from '../flags.js';

/** `connectors [name]`: the connector catalogue, or one connector's config keys. */
export function registerConnectors(program: Command, ctx: CommandContext): void {
  program
    .command('connectors')
    .description(
      'list the connectors, or the config keys of one (name, API key, type, default, allowed values)',
    )
    .argument('[name]', 'a connector code, e.g. postgresql (a source and a destination: both are shown)')
    .addOption(new Option('--kind <kind>', 'only this kind').choices(['source', 'destination', 'transform']))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (name: string | undefined, flags: ConnectorsFlags) => {
      const { runConnectors } = await import('../run/connectors.js');
      runConnectors(ctx, name, flags);
    });
}
