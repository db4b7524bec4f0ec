/**
 * Replace = delete then create, because names are unique server-side (§2.6). But deleting a source,
 * destination or transform that a live pipeline still uses is refused, cascaded (the pipeline is
 * deleted with it!) or orphans the pipeline, depending on the backend (§6.4, ASSUMED). So when live
 * pipelines use the old object, the replace goes the other way round (§2.6's second option):
 * create the new object under a temporary name, repoint those pipelines to it, delete the old one,
 * then give the new one its final name. The pipelines' own plan actions run afterwards as usual.
 */
import type { LiveResource, PlanAction } from '../model/index.js';
import type { KindWriter } from './kinds/index.js';
import { SW } from './kinds/common.js';
import { pipelineBody } from './kinds/pipeline.js';
import type { RunContext } from './run-context.js';

export const TEMP_SUFFIX = '-gitops-replacing';

function usersOf(action: PlanAction, live: LiveResource, ctx: RunContext): LiveResource[] {
  if (live.kind !== 'source' && live.kind !== 'destination' && live.kind !== 'transform') return [];
  return ctx.pipelinesUsing(live.kind, live.name);
}

function codeOf(desired: Readonly<Record<string, unknown>>): string | undefined {
  const code = desired['connector'] ?? desired['type'];
  return typeof code === 'string' ? code : undefined;
}

async function repoint(
  ctx: RunContext,
  pipeline: LiveResource,
  old: LiveResource,
  id: string,
  code?: string,
): Promise<void> {
  if (
    pipeline.kind !== 'pipeline' ||
    (old.kind !== 'source' && old.kind !== 'destination' && old.kind !== 'transform')
  )
    return;
  const model = { ...pipeline, topics: pipeline.topics ?? [] } as unknown as Record<string, unknown>;
  const target = { kind: old.kind, liveName: old.name, id, ...(code === undefined ? {} : { code }) };
  const body = await pipelineBody(model, ctx, `pipeline/${pipeline.name}`, pipeline.live.tagIds, target);
  await ctx.client.request('PUT', `/pipelines/${pipeline.live.id}`, { query: SW, body });
}

export async function runReplace(
  action: PlanAction,
  desired: Readonly<Record<string, unknown>>,
  ctx: RunContext,
  writer: KindWriter,
): Promise<string> {
  const live = ctx.requireLive(action);
  const users = usersOf(action, live, ctx);
  if (users.length === 0 || !writer.rename) {
    await writer.delete(action, live, ctx);
    return writer.create({ action, desired, ctx });
  }
  const tempName = `${String(desired['name'])}${TEMP_SUFFIX}`;
  ctx.logger.info(
    { action: action.id, pipelines: users.map((p) => p.name) },
    'replacing through a temporary name',
  );
  const id = await writer.create({ action, desired: { ...desired, name: tempName }, ctx });
  for (const p of users) await repoint(ctx, p, live, id, codeOf(desired));
  await writer.delete(action, live, ctx);
  await writer.rename({ action, desired, ctx }, id);
  return id;
}
