import { buildPlan, hasChanges } from '../../planner/index.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { PlanFlags } from '../flags.js';
import { checkPlanOut, inputsDigest, makeSavedPlan, planKeyFromEnv, savePlan } from '../plan-io.js';
import { checkAdoptFrom, planOptionsFrom } from '../plan-options.js';
import { checkResourceKinds, loadPlanInputs, renderPlan, throwIfPlanErrors } from './plan-inputs.js';

/** The `plan` action: read-only; prints (and with --out saves) the plan. */
export async function runPlan(ctx: CommandContext, paths: string[], flags: PlanFlags): Promise<void> {
  checkResourceKinds([...flags.target, ...flags.exclude]);
  if (flags.out !== undefined) await checkPlanOut(flags.out, ctx.io.cwd);
  const fingerprints = flags.out !== undefined || flags.format === 'json';
  const { desired, live } = await loadPlanInputs(ctx, paths, flags, fingerprints);
  // NOTE: after loading, so missing credentials are reported as such, not as a missing plan key.
  const hmacKey = planKeyFromEnv(ctx.io.env);
  const options = planOptionsFrom(flags, hmacKey);
  checkAdoptFrom(options, desired.namespace);
  const plan = buildPlan(desired, live, options);
  ctx.io.stdout.write(renderPlan(plan, flags.format, ctx.globals().color));
  throwIfPlanErrors(plan);
  if (flags.out !== undefined) {
    const saved = makeSavedPlan(plan, {
      inputsDigest: inputsDigest(desired.files),
      createdAt: new Date(),
      options,
    });
    await savePlan(flags.out, saved, ctx.io.cwd);
    ctx.io.stderr.write(
      `Saved the plan to ${flags.out}; apply it with: streamkap-gitops apply --plan ${flags.out}\n`,
    );
  }
  if (flags.detailedExitcode && hasChanges(plan)) ctx.setExitCode(EXIT.changes);
}
