import type { Command } from 'commander';
import { UserError } from '../../errors/index.js';
import type { CommandContext } from '../context.js';

export function registerValidate(program: Command, _ctx: CommandContext): void {
  program
    .command('validate')
    .description('(not yet available)')
    .action(() => {
      throw new UserError('`validate` is not yet available in this version.');
    });
}
