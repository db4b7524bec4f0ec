/**
 * The applier: carries out a plan against the API. Secrets are resolved and checked against the
 * plan's HMACs before the first write; then the plan runs as a dependency graph (execute-plan.ts)
 * with the kind writers doing the HTTP (kinds/).
 */
import type { ApiClient } from '../api/types.js';
import type { Logger } from '../logging/logger.js';
import type { LiveState, Plan } from '../model/index.js';
import { executePlan, type ProgressEvent } from './execute-plan.js';
import { httpRunner } from './http-runner.js';
import { registry } from '../kinds/registry.js';
import { codeIn } from './kinds/common.js';
import { RunContext, type RunKinds } from './run-context.js';
import type { ApplyReport } from './report.js';
import { resolvePlanSecrets, type Env } from './secrets.js';
import { checkGraph } from './graph.js';
import { systemClock, type Clock } from './clock.js';

export type { ApplyReport, ActionResult, ActionStatus, ReportSummary } from './report.js';
export { renderSummaryLine, renderProblemLines, formatDuration } from './report.js';
export type { ActionRunner, ProgressEvent } from './execute-plan.js';
export { renderProgressLine } from './progress.js';
export { systemClock, type Clock } from './clock.js';

export interface ApplyDeps {
  readonly client: ApiClient;
  /** The live state the plan was computed (or checked) against. */
  readonly live: LiveState;
  readonly env: Env;
  readonly logger: Logger;
  readonly parallelism: number;
  readonly failFast: boolean;
  /** Key of the plan's secret HMACs (derived by the CLI from STREAMKAP_GITOPS_PLAN_KEY or the client secret). */
  readonly planKey: string;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Transform job polling; tests use milliseconds. Defaults: every 2 s, up to 10 min. */
  readonly jobPollIntervalMs?: number;
  readonly jobTimeoutMs?: number;
  /** Deadline and pauses of the transform job polls (default: the system clock). */
  readonly clock?: Clock;
}

/** The registry's knowledge the run context needs (it sits below the registry's writers). */
const RUN_KINDS: RunKinds = {
  referencesOf: (r) => registry.referencesOf(r),
  codeOf: (r) => codeIn(registry.get(r.kind).write, r),
};

export async function applyPlan(plan: Plan, deps: ApplyDeps): Promise<ApplyReport> {
  checkGraph(plan.actions);
  const ctx = new RunContext(
    deps.client,
    deps.live,
    plan.namespace,
    deps.logger,
    {
      jobPollIntervalMs: deps.jobPollIntervalMs ?? 2000,
      jobTimeoutMs: deps.jobTimeoutMs ?? 600_000,
      clock: deps.clock ?? systemClock,
    },
    RUN_KINDS,
  );
  const desired = resolvePlanSecrets(plan, {
    env: deps.env,
    planKey: deps.planKey,
    liveFor: (a) => ctx.liveFor(a),
  });
  const before = deps.client.stats.requests;
  const report = await executePlan(plan, httpRunner(ctx, desired), {
    parallelism: deps.parallelism,
    failFast: deps.failFast,
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
  });
  for (const r of report.results) {
    if (r.status === 'failed') deps.logger.debug({ action: r.id, error: r.error }, 'action failed');
  }
  return { ...report, requests: deps.client.stats.requests - before };
}
