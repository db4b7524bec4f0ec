import type { Command } from 'commander';
import { UserError } from '../../errors/index.js';
import type { CommandContext } from '../context.js';

export function registerDrift(program: Command, _ctx: CommandContext): void {
  program
    .command('drift')
    .description('(not yet available)')
    .action(() => {
      throw new UserError('`drift` is not yet available in this version.');
    });
}
