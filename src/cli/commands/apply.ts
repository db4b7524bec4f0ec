import type { Command } from 'commander';
import { UserError } from '../../errors/index.js';
import type { CommandContext } from '../context.js';

export function registerApply(program: Command, _ctx: CommandContext): void {
  program
    .command('apply')
    .description('(not yet available)')
    .action(() => {
      throw new UserError('`apply` is not yet available in this version.');
    });
}
