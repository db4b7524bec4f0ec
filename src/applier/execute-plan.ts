/**
 * Carries out a plan's actions through an ActionRunner, in dependency order (the graph walk in
 * graph.ts), and collects the report. The runner does the HTTP; tests pass a fake one.
 */
import type { PlanAction, ResourceKey } from '../model/index.js';
import type { Plan } from '../model/index.js';
import { runGraph, type NodeOutcome } from './graph.js';
import {
  describeError,
  summarize,
  REPORT_FORMAT_VERSION,
  type ActionResult,
  type ApplyReport,
} from './report.js';

export interface ActionRunner {
  /** Performs one action; resolves to the server id of the resulting object (if any). */
  run(action: PlanAction): Promise<string | undefined>;
}

export type ProgressEvent =
  | { readonly type: 'start'; readonly index: number; readonly total: number; readonly action: PlanAction }
  | {
      readonly type: 'end';
      readonly index: number;
      readonly total: number;
      readonly action: PlanAction;
      readonly result: ActionResult;
    };

export interface ExecuteOptions {
  readonly parallelism: number;
  readonly failFast: boolean;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Monotonic milliseconds; injectable for tests. */
  readonly now?: () => number;
}

export async function executePlan(
  plan: Plan,
  runner: ActionRunner,
  options: ExecuteOptions,
): Promise<ApplyReport> {
  const now = options.now ?? (() => performance.now());
  const began = now();
  const actions = plan.actions.filter((a) => a.type !== 'noop');
  const byId = new Map<string, PlanAction>(actions.map((a) => [a.id, a]));
  const total = actions.length;
  const indexOf = new Map<string, number>();
  const startedAt = new Map<string, number>();
  const resourceIds = new Map<string, string>();
  const results = new Map<string, ActionResult>();

  const toResult = (action: PlanAction, outcome: NodeOutcome): ActionResult => {
    const started = startedAt.get(action.id);
    const resourceId = resourceIds.get(action.id);
    return {
      id: action.id,
      kind: action.kind,
      name: action.name,
      type: action.type,
      status: outcome.status,
      ...(resourceId === undefined || outcome.status !== 'succeeded' ? {} : { resourceId }),
      ...(started === undefined ? {} : { durationMs: Math.round(now() - started) }),
      ...(outcome.status === 'failed' ? { error: describeError(outcome.error) } : {}),
      ...(outcome.blockedBy === undefined ? {} : { blockedBy: outcome.blockedBy as ResourceKey }),
    };
  };

  await runGraph(
    actions,
    async (id) => {
      const action = byId.get(id) as PlanAction;
      const resourceId = await runner.run(action);
      if (resourceId !== undefined) resourceIds.set(id, resourceId);
    },
    {
      parallelism: options.parallelism,
      failFast: options.failFast,
      onStart(id) {
        const action = byId.get(id) as PlanAction;
        indexOf.set(id, indexOf.size + 1);
        startedAt.set(id, now());
        options.onProgress?.({ type: 'start', index: indexOf.size, total, action });
      },
      onEnd(id, outcome) {
        const action = byId.get(id) as PlanAction;
        const result = toResult(action, outcome);
        results.set(id, result);
        options.onProgress?.({ type: 'end', index: indexOf.get(id) ?? 0, total, action, result });
      },
    },
  );

  const ordered = actions.map((a) => results.get(a.id) as ActionResult);
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    namespace: plan.namespace,
    results: ordered,
    summary: summarize(ordered, plan.actions.length - actions.length),
    durationMs: Math.round(now() - began),
  };
}
