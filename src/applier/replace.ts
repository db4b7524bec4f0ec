/**
 * Replace = delete then create, because names are unique server-side (api-notes §2.6). But deleting a source,
 * destination or transform that a live pipeline still uses is refused, cascaded (the pipeline is
 * deleted with it!) or orphans the pipeline, depending on the backend (api-notes §6.4, ASSUMED). So when live
 * pipelines use the old object, the replace goes the other way round (api-notes §2.6's second option):
 * create the new object under a temporary name, repoint those pipelines to it, delete the old one,
 * then give the new one its final name. The pipelines' own plan actions run afterwards as usual.
 */
import { registry } from '../kinds/registry.js';
import { ApiError, InternalError, SafetyError, UserError } from '../errors/index.js';
import {
  ownershipTag,
  REPLACE_TEMP_SUFFIX,
  replaceTempName,
  type LiveResource,
  type PlanAction,
  type ResolvedPayload,
} from '../model/index.js';
import { codeIn, type KindWriter } from './kinds/common.js';
import type { RunContext } from './run-context.js';
import { plural } from '../render/plural.js';

export const TEMP_SUFFIX = REPLACE_TEMP_SUFFIX;

/** Points one live user of the replaced object at the replacement, through its kind's writer. */
async function repoint(
  ctx: RunContext,
  user: LiveResource,
  old: LiveResource,
  id: string,
  code?: string,
): Promise<void> {
  const writer = registry.get(user.kind).write;
  if (!writer.repoint) {
    throw new InternalError(
      `${user.kind} "${user.name}" refers to ${old.kind} "${old.name}" but cannot be repointed`,
    );
  }
  const target = { kind: old.kind, liveName: old.name, id, ...(code === undefined ? {} : { code }) };
  await writer.repoint(user, target, ctx);
}

/**
 * The temporary name: `<name>-gitops-replacing`, or `-2`, `-3`… when an interrupted earlier replace
 * left an object with that name (the plan deletes it once its pipelines have moved; reusing the
 * name would fail every later run with "already exists").
 */
function tempNameFor(kind: string, name: string, ctx: RunContext): string {
  const taken = new Set(ctx.live.resources.filter((r) => r.kind === kind).map((r) => r.name));
  return replaceTempName(name, (n) => taken.has(n));
}

/** A step's error prefixed with what the replace had already done, so the user knows the state. */
function midway(error: unknown, done: string): Error {
  const message = `${done}: ${error instanceof Error ? error.message : String(error)}`;
  const hint = 'fix the cause and run apply again: it picks up from the current state';
  if (error instanceof ApiError) {
    return new ApiError({
      message,
      status: error.status,
      method: error.method,
      path: error.path,
      requestId: error.requestId,
      details: error.details,
      retryable: error.retryable,
      cause: error,
      hint,
    });
  }
  return new UserError(message, { cause: error, hint });
}

async function step<T>(run: () => Promise<T>, done: () => string): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw midway(error, done());
  }
}

export async function runReplace(
  action: PlanAction,
  desired: ResolvedPayload,
  ctx: RunContext,
  writer: KindWriter,
): Promise<string> {
  const live = ctx.requireLive(action);
  const users = ctx.referrersOf(live.kind, live.name);
  const old = `the old ${live.kind} (id ${live.live.id})`;
  if (users.length === 0 || !writer.rename) {
    await writer.delete(action, live, ctx);
    return step(
      () => writer.create({ action, desired, ctx, replacing: live }),
      () => `${old} was deleted, but its replacement was not created`,
    );
  }
  return ctx.exclusively(() => replaceInUse(action, desired, ctx, writer, live));
}

/** The temporary-name replace (file comment); `users` are read again once this replace's turn comes. */
async function replaceInUse(
  action: PlanAction,
  desired: ResolvedPayload,
  ctx: RunContext,
  writer: KindWriter,
  live: LiveResource,
): Promise<string> {
  const users = ctx.referrersOf(live.kind, live.name);
  const foreign = users.filter((u) => !('tags' in u && (u.tags ?? []).includes(ownershipTag(ctx.namespace))));
  if (foreign.length > 0) {
    // NOTE: the plan refuses this (foreign-write) and apply checks it before the first write; this is
    // the last line, for a user that appeared in between.
    throw new SafetyError(
      `${action.id}: refused: the replace would repoint ${foreign.map((u) => `${u.kind} "${u.name}"`).join(', ')}, which namespace "${ctx.namespace}" does not own; nothing of this replace was written`,
    );
  }
  const old = `the old ${live.kind} (id ${live.live.id})`;
  const tempName = tempNameFor(live.kind, desired.name, ctx);
  ctx.logger.info(
    { action: action.id, pipelines: users.map((p) => p.name) },
    'replacing through a temporary name',
  );
  const id = await writer.create({ action, desired: { ...desired, name: tempName }, ctx, replacing: live });
  const made = `the replacement was created as "${tempName}" (id ${id})`;
  let moved = 0;
  for (const p of users) {
    await step(
      () => repoint(ctx, p, live, id, codeIn(writer, desired)),
      () =>
        `${made} and ${moved} of ${plural(users.length, 'pipeline')} moved to it, ${old} is kept; moving pipeline "${p.name}" failed`,
    );
    moved++;
  }
  await step(
    () => writer.delete(action, live, ctx),
    () => `${made} and every pipeline using ${old} moved to it; deleting the old one failed`,
  );
  await step(
    () => writer.rename?.({ action, desired, ctx, replacing: live }, id) ?? Promise.resolve(),
    () =>
      `${old} was deleted and its replacement (id ${id}) still has the temporary name "${tempName}"; renaming it failed`,
  );
  return id;
}
