import type { Command } from 'commander';
import { UserError } from '../../errors/index.js';
import type { CommandContext } from '../context.js';

export function registerEmulator(program: Command, _ctx: CommandContext): void {
  program
    .command('emulator')
    .description('(not yet available)')
    .action(() => {
      throw new UserError('`emulator` is not yet available in this version.');
    });
}
