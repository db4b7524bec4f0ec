/**
 * The ActionRunner that talks to the API through the kind writers. A replace is a delete then a
 * create (names are unique server-side, api-notes §2.6); see replace.ts for one used by live pipelines.
 */
import type { PlanAction, ResolvedPayload } from '../model/index.js';
import { InternalError } from '../errors/index.js';
import type { ActionRunner } from './execute-plan.js';
import type { RunContext } from './run-context.js';
import { registry } from '../kinds/registry.js';
import { runReplace } from './replace.js';

export function httpRunner(ctx: RunContext, desiredById: ReadonlyMap<string, ResolvedPayload>): ActionRunner {
  const desiredOf = (action: PlanAction): ResolvedPayload => {
    const desired = desiredById.get(action.id);
    if (!desired) throw new InternalError(`${action.id}: a ${action.type} action without a desired object`);
    return desired;
  };
  return {
    async run(action) {
      const writer = registry.get(action.kind).write;
      switch (action.type) {
        case 'noop':
          return ctx.liveFor(action)?.live.id;
        case 'create':
          return writer.create({ action, desired: desiredOf(action), ctx });
        case 'update':
          return writer.update({ action, desired: desiredOf(action), ctx }, ctx.requireLive(action));
        case 'replace':
          return runReplace(action, desiredOf(action), ctx, writer);
        case 'delete':
          await writer.delete(action, ctx.requireLive(action), ctx);
          return undefined;
      }
    },
  };
}
