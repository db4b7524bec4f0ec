import type { Command } from 'commander';
import { UserError } from '../../errors/index.js';
import type { CommandContext } from '../context.js';

export function registerPlan(program: Command, _ctx: CommandContext): void {
  program
    .command('plan')
    .description('(not yet available)')
    .action(() => {
      throw new UserError('`plan` is not yet available in this version.');
    });
}
