import type { Command } from 'commander';
import { UserError } from '../../errors/index.js';
import type { CommandContext } from '../context.js';

export function registerSchema(program: Command, _ctx: CommandContext): void {
  program
    .command('schema')
    .description('(not yet available)')
    .action(() => {
      throw new UserError('`schema` is not yet available in this version.');
    });
}
