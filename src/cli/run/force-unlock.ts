import { forceUnlock, holderText } from '../../applier/namespace-lock.js';
import { openApiClient } from '../api-session.js';
import type { CommandContext } from '../context.js';
import type { ApiCliOptions } from '../flags.js';

/** The `force-unlock` action: deletes the lock tag whoever holds it, and says whose it was. */
export async function runForceUnlock(
  ctx: CommandContext,
  namespace: string,
  flags: ApiCliOptions,
): Promise<void> {
  const client = openApiClient(ctx, flags);
  try {
    const removed = await forceUnlock(client, namespace);
    ctx.io.stdout.write(
      removed === undefined
        ? `Namespace "${namespace}" is not locked; nothing to remove.\n`
        : `Removed the lock of namespace "${namespace}", held by ${holderText(removed)}.\n`,
    );
  } finally {
    await client.close();
  }
}
