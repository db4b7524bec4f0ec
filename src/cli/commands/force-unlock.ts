import type { Command } from 'commander';
import { addApiOptions } from '../api-options.js';
import type { CommandContext } from '../context.js';
import { parseNamespace, type ApiCliOptions } from '../flags.js';

/** `force-unlock <namespace>`: removes the apply lock a killed run left (docs/locking.md). */
export function registerForceUnlock(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('force-unlock')
    .description(
      "remove a namespace's apply lock left by a killed run (check that no apply is running first)",
    )
    .argument('<namespace>', 'the namespace whose lock to remove', parseNamespace);
  addApiOptions(cmd).action(async (namespace: string, flags: ApiCliOptions) => {
    const { runForceUnlock } = await import('../run/force-unlock.js');
    await runForceUnlock(ctx, namespace, flags);
  });
}
