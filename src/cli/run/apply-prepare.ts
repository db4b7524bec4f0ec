/**
 * The plan `apply` carries out: a fresh one, or a saved one (`--plan file`) proven still fresh,
 * with the desired and live state and the options the post-apply check plans with.
 */
import { withLiveFlags } from '../../applier/safety.js';
import { staleActions } from '../../applier/stale-check.js';
import type { ApiClient } from '../../api/types.js';
import { SafetyError, UserError } from '../../errors/index.js';
import { secretValues, type DesiredState, type LiveState, type Plan } from '../../model/index.js';
import { buildPlan, ownershipRefusals, type PlanOptions } from '../../planner/index.js';
import { formatProblem, loadDesiredState } from '../../schema/index.js';
import { loadLiveState } from '../../state/index.js';
import type { CommandContext } from '../context.js';
import type { ApplyFlags } from '../flags.js';
import { inputsDigest, loadSavedPlan } from '../plan-io.js';
import { checkAdoptFrom, planOptionsFrom, planOptionsFromSaved } from '../plan-options.js';
import { checkResourceKinds, liveKinds } from './plan-inputs.js';

export interface Prepared {
  readonly plan: Plan;
  readonly desired: DesiredState;
  readonly live: LiveState;
  readonly planOptions: PlanOptions;
}

/** The manifests; their secrets are masked in the client's errors and logs from here on. */
async function loadDesired(
  ctx: CommandContext,
  paths: string[],
  client: ApiClient,
  flags: ApplyFlags,
): Promise<DesiredState> {
  const { state, warnings } = await loadDesiredState(paths, {
    cwd: ctx.io.cwd,
    env: ctx.io.env,
    maxFileBytes: flags.maxFileSize,
  });
  for (const w of warnings) ctx.io.stderr.write(`${formatProblem(w)}\n`);
  client.maskValues(secretValues(state.resources));
  return state;
}

/**
 * Runs once the manifests' namespace is known and before the live state is read: apply takes the
 * namespace's lock there, so the plan and its checks see the account as only this run changes it.
 */
export type BeforeLive = (namespace: string) => Promise<void>;

export async function prepareFresh(
  ctx: CommandContext,
  flags: ApplyFlags,
  paths: string[],
  client: ApiClient,
  planKey: string,
  beforeLive: BeforeLive,
): Promise<Prepared> {
  checkResourceKinds([...flags.target, ...flags.exclude]);
  const desired = await loadDesired(ctx, paths, client, flags);
  await beforeLive(desired.namespace);
  // NOTE: a fresh plan is carried out at once: only its JSON document shows fingerprints.
  const fingerprints = flags.format === 'json';
  const live = await loadLiveState(client, liveKinds(), { logger: ctx.logger(), fingerprints });
  const planOptions = planOptionsFrom(flags, planKey);
  checkAdoptFrom(planOptions, desired.namespace);
  return { plan: buildPlan(desired, live, planOptions), desired, live, planOptions };
}

/** `--plan file`: the saved plan, refused when its inputs or any object it touches changed. */
export async function prepareSaved(
  ctx: CommandContext,
  flags: ApplyFlags,
  paths: string[],
  client: ApiClient,
  planKey: string,
  beforeLive: BeforeLive,
): Promise<Prepared> {
  const shaping =
    flags.target.length > 0 ||
    flags.exclude.length > 0 ||
    flags.adopt ||
    flags.adoptFrom.length > 0 ||
    flags.resendSecrets;
  if (shaping) {
    throw new UserError(
      '--target, --exclude, --adopt, --adopt-from and --resend-secrets shape a new plan; a saved plan is applied as it is',
      {
        hint: 'give them to `plan --out` instead, or apply without --plan',
      },
    );
  }
  const saved = await loadSavedPlan(flags.plan as string, planKey, ctx.io.cwd);
  const desired = await loadDesired(ctx, paths, client, flags);
  if (inputsDigest(desired) !== saved.inputsDigest) {
    throw new SafetyError(`the manifests changed since ${flags.plan} was made; nothing was applied`, {
      hint: 'make and review a new plan (plan --out), or apply without --plan',
    });
  }
  if (saved.plan.namespace !== desired.namespace) {
    throw new SafetyError(
      `${flags.plan} is a plan for namespace "${saved.plan.namespace}", but the manifests are namespace "${desired.namespace}"; nothing was applied`,
      { hint: 'apply the plan with the manifests it was made from' },
    );
  }
  await beforeLive(desired.namespace);
  const live = await loadLiveState(client, liveKinds(), { logger: ctx.logger() });
  const stale = staleActions(saved.plan, live);
  if (stale.length > 0) {
    throw new SafetyError(`the saved plan is stale; nothing was applied:\n  ${stale.join('\n  ')}`, {
      hint: 'make and review a new plan: the account changed after this one was made',
    });
  }
  // The saved plan's own options, so the post-apply check plans the same way.
  const planOptions = planOptionsFromSaved(saved.options, planKey);
  return { plan: withLiveFlags(saved.plan, live), desired, live, planOptions };
}

/**
 * Apply's own check of every object it is about to touch, against the live state it just read,
 * whatever the plan says (issue 12): a saved plan was made elsewhere, and a fresh one is checked the
 * same way. Refusals are exit 3, before the first write.
 */
export function refuseUnowned(prepared: Prepared): void {
  const refusals = ownershipRefusals(prepared.plan.actions, prepared.live, {
    namespace: prepared.plan.namespace,
    adoptFrom: prepared.planOptions.adoptFrom ?? [],
  });
  if (refusals.length === 0) return;
  throw new SafetyError(
    `refusing to apply; nothing was changed:\n  ${refusals.map((r) => `${r.id ?? ''}: ${r.message}`).join('\n  ')}`,
    {
      hint: 'make and review a new plan from the manifests: this one touches what the namespace does not own',
    },
  );
}
