/**
 * One apply per namespace at a time (issue 12.10): a lock taken through the API itself, as a tag
 * named `gitops-lock:<namespace>` whose description holds the run's id and expiry. Taking it is
 * creating that tag: the API refuses a second tag with the same name (api-notes §2.6: 400
 * "already exists"), so of two runs exactly one creates it.
 *
 * NOTE: an expired lock is taken over by deleting it BY ITS ID, then creating a new one. Ids are never
 * reused, so the delete can only remove the expired lock that was read, never a fresh one another run
 * has just created; creating stays the one atomic step, so of two runs taking over the same expired
 * lock exactly one wins (the other's delete answers 404, its create "already exists"). Deleting by name,
 * or overwriting the expired tag (PUT is not conditional), could let both in.
 */
import { randomUUID } from 'node:crypto';
import type { ApiClient } from '../api/types.js';
import type { Clock } from './clock.js';
import { ApiError, InternalError, SafetyError } from '../errors/index.js';
import { LOCK_TAG_PREFIX } from '../model/index.js';
import { tagsNamed } from './tags-named.js';

/** How long a lock lasts without renewal; an apply renews it as it starts each action. */
export const LOCK_TTL_MS = 30 * 60_000;
const FIRST_PAUSE_MS = 250;
const MAX_PAUSE_MS = 5_000;

export function lockTagName(namespace: string): string {
  return `${LOCK_TAG_PREFIX}${namespace}`;
}

/** A lock as read from the account. `runId` and `expiresAt` are undefined when the description is not ours. */
export interface LockHolder {
  readonly tagId: string;
  readonly runId: string | undefined;
  readonly expiresAt: number | undefined;
}

const DESCRIPTION = /^streamkap-gitops apply lock: run (\S+) until (\S+)$/;

function describeLock(runId: string, expiresAt: number): string {
  return `streamkap-gitops apply lock: run ${runId} until ${new Date(expiresAt).toISOString()}`;
}

function parseHolder(raw: unknown): LockHolder | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const t = raw as Record<string, unknown>;
  if (typeof t['id'] !== 'string') return undefined;
  const m = DESCRIPTION.exec(typeof t['description'] === 'string' ? t['description'] : '');
  const expiresAt = m?.[2] === undefined ? NaN : Date.parse(m[2]);
  return {
    tagId: t['id'],
    runId: m?.[1],
    expiresAt: Number.isFinite(expiresAt) ? expiresAt : undefined,
  };
}

/** The lock of a namespace as the account holds it now, or undefined. */
export async function readLock(client: ApiClient, namespace: string): Promise<LockHolder | undefined> {
  return parseHolder((await tagsNamed(client, lockTagName(namespace)))[0]);
}

/** "run 1c9e… until 2026-…" (or "a tag the tool did not write"), for messages. */
export function holderText(holder: LockHolder): string {
  if (holder.runId === undefined) return `a tag streamkap-gitops did not write (tag id ${holder.tagId})`;
  const until = holder.expiresAt === undefined ? 'no expiry' : new Date(holder.expiresAt).toISOString();
  return `run ${holder.runId} (expires ${until})`;
}

function isDuplicate(error: unknown): boolean {
  return error instanceof ApiError && error.status === 400 && /already exists/i.test(error.message);
}

export interface LockOptions {
  readonly client: ApiClient;
  readonly namespace: string;
  readonly clock: Clock;
  /** How long to wait for a held lock (`--lock-timeout`); 0 = do not wait. */
  readonly timeoutMs: number;
  readonly runId?: string;
  readonly ttlMs?: number;
  /** Called once per pause while another run holds the lock. */
  readonly onWait?: (holder: LockHolder) => void;
}

/** A held lock: renew it while working, release it at the end (also on failure). */
export class NamespaceLock {
  #tagId: string;
  #expiresAt: number;
  #lost = false;

  constructor(
    private readonly options: LockOptions & { readonly runId: string; readonly ttlMs: number },
    tagId: string,
    expiresAt: number,
  ) {
    this.#tagId = tagId;
    this.#expiresAt = expiresAt;
  }

  get runId(): string {
    return this.options.runId;
  }

  /** True once a renewal found the lock gone or taken: another run may have written meanwhile. */
  get lost(): boolean {
    return this.#lost;
  }

  /** Pushes the expiry out when a third of the lease has passed (cheap to call often). */
  async renewIfDue(): Promise<void> {
    const { clock, ttlMs } = this.options;
    if (this.#lost || this.#expiresAt - clock.now() > (ttlMs * 2) / 3) return;
    const expiresAt = clock.now() + ttlMs;
    const res = await this.options.client.request('PUT', `/tags/${this.#tagId}`, {
      body: {
        name: lockTagName(this.options.namespace),
        description: describeLock(this.runId, expiresAt),
        type: ['pipelines'],
      },
      absentOn: [404],
    });
    if (res === undefined) this.#lost = true;
    else this.#expiresAt = expiresAt;
  }

  /**
   * Deletes the lock if it is still this run's. Returns false when it was not (expired and taken
   * over, or force-unlocked): the caller must not report success.
   */
  async release(): Promise<boolean> {
    const holder = await readLock(this.options.client, this.options.namespace);
    const ours = holder !== undefined && holder.tagId === this.#tagId && holder.runId === this.runId;
    if (ours) await this.options.client.request('DELETE', `/tags/${this.#tagId}`, { absentOn: [404] });
    return ours && !this.#lost;
  }
}

async function tryCreate(o: LockOptions & { runId: string }, expiresAt: number): Promise<string | undefined> {
  const name = lockTagName(o.namespace);
  try {
    const res = await o.client.request('POST', '/tags', {
      body: { name, description: describeLock(o.runId, expiresAt), type: ['pipelines'], created_from: 'api' },
      // A create whose answer was lost: the lock is ours if it names this run.
      lookupAfterFailure: async () => {
        const holder = await readLock(o.client, o.namespace);
        return holder?.runId === o.runId ? { id: holder.tagId } : undefined;
      },
    });
    const id = (res as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id : undefined;
  } catch (error) {
    if (isDuplicate(error)) return undefined;
    throw error;
  }
}

function lockedError(namespace: string, holder: LockHolder, waitedMs: number): SafetyError {
  const waited = waitedMs > 0 ? ` after waiting ${Math.round(waitedMs / 1000)} s` : '';
  return new SafetyError(
    `namespace "${namespace}" is locked by another apply: ${holderText(holder)}${waited}; nothing was applied`,
    {
      hint: `wait for it (--lock-timeout 10m waits up to 10 minutes), or, if that run was killed, run \`streamkap-gitops force-unlock ${namespace}\``,
    },
  );
}

/**
 * Takes the namespace's lock, waiting up to `timeoutMs` (pauses doubling from 250 ms to 5 s on the
 * given clock); an expired lock is taken over (file comment). Refuses with a SafetyError (exit 3)
 * naming the holder's run id and expiry when the wait runs out.
 */
export async function acquireLock(options: LockOptions): Promise<NamespaceLock> {
  const o = { ...options, runId: options.runId ?? randomUUID(), ttlMs: options.ttlMs ?? LOCK_TTL_MS };
  const started = o.clock.now();
  let pause = FIRST_PAUSE_MS;
  let vanished = 0;
  for (;;) {
    const expiresAt = o.clock.now() + o.ttlMs;
    const id = await tryCreate(o, expiresAt);
    if (id !== undefined) return new NamespaceLock(o, id, expiresAt);
    const holder = await readLock(o.client, o.namespace);
    if (holder === undefined) {
      // Released between our create and our read: try again at once (a few times at most).
      if (++vanished > 5)
        throw new InternalError(
          `the lock tag ${lockTagName(o.namespace)} is refused as a duplicate but cannot be read`,
        );
      continue;
    }
    if (holder.runId === o.runId) return new NamespaceLock(o, holder.tagId, holder.expiresAt ?? expiresAt);
    if (holder.expiresAt !== undefined && holder.expiresAt <= o.clock.now()) {
      await o.client.request('DELETE', `/tags/${holder.tagId}`, { absentOn: [404] });
      continue;
    }
    const waited = o.clock.now() - started;
    if (waited >= o.timeoutMs) throw lockedError(o.namespace, holder, waited);
    o.onWait?.(holder);
    await o.clock.sleep(Math.min(pause, o.timeoutMs - waited));
    pause = Math.min(pause * 2, MAX_PAUSE_MS);
  }
}

/** `force-unlock`: deletes the namespace's lock whoever holds it; returns what was removed. */
export async function forceUnlock(client: ApiClient, namespace: string): Promise<LockHolder | undefined> {
  const holder = await readLock(client, namespace);
  if (holder !== undefined) await client.request('DELETE', `/tags/${holder.tagId}`, { absentOn: [404] });
  return holder;
}
