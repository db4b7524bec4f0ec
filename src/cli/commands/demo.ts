import type { Command } from 'commander';
import { UserError } from '../../errors/index.js';
import type { CommandContext } from '../context.js';

export function registerDemo(program: Command, _ctx: CommandContext): void {
  program
    .command('demo')
    .description('(not yet available)')
    .action(() => {
      throw new UserError('`demo` is not yet available in this version.');
    });
}
