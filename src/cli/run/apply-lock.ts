/**
 * apply's side of the namespace lock (src/applier/namespace-lock.ts): taken once the manifests'
 * namespace is known and before the live state is read, renewed as actions start, released at the
 * end: after success, failure, or SIGINT/SIGTERM. A run whose lock was lost on the way (expired and
 * taken over, or force-unlocked) does not exit 0: another run may have overwritten its changes.
 */
import type { ApiClient } from '../../api/types.js';
import { systemClock } from '../../applier/clock.js';
import { acquireLock, holderText, type NamespaceLock } from '../../applier/namespace-lock.js';
import { OperationError } from '../../errors/index.js';
import type { CommandContext } from '../context.js';

export interface HeldLock {
  readonly lock: NamespaceLock;
  /** Renews the lease when due; never throws (a failed renewal shows at release). */
  renew(): void;
  /** Removes the signal handlers; the caller then releases the lock. */
  dispose(): void;
}

export async function lockNamespace(
  ctx: CommandContext,
  client: ApiClient,
  namespace: string,
  timeoutMs: number,
): Promise<HeldLock> {
  let said = false;
  const lock = await acquireLock({
    client,
    namespace,
    clock: ctx.io.clock ?? systemClock,
    timeoutMs,
    onWait: (holder) => {
      if (said) return;
      said = true;
      ctx.io.stderr.write(
        `Waiting for the lock of namespace "${namespace}", held by ${holderText(holder)}…\n`,
      );
    },
  });
  // NOTE: a signal would end the process without the finally blocks: release the lock first, then
  // raise the signal again with no handler left, so the process ends as the signal says (130, 143).
  const onSignal = (signal: NodeJS.Signals): void => {
    void lock
      .release()
      .catch(() => false)
      .finally(() => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        process.kill(process.pid, signal);
      });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    lock,
    renew: () => {
      lock
        .renewIfDue()
        .catch((error: unknown) => ctx.logger().warn({ error: String(error) }, 'lock renewal failed'));
    },
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * Releases the lock (when one was taken). After a run that completed, a lock that was no longer
 * this run's is an error (exit 1); after a failure the failure is what is reported.
 */
export async function releaseLock(held: HeldLock | undefined, completed: boolean): Promise<void> {
  if (held === undefined) return;
  held.dispose();
  const kept = await held.lock.release().catch((error: unknown) => {
    if (completed) throw error;
    return true;
  });
  if (!kept && completed) {
    throw new OperationError(
      `the lock of this apply (run ${held.lock.runId}) was taken over or removed while it ran: another run may have overwritten its changes`,
      { hint: 'run plan to see the state of the account, then apply again' },
    );
  }
}
