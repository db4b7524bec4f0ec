/**
 * `apply [paths...]`: plan (or load a saved plan and prove it is still fresh), show the plan, refuse
 * what safety forbids (exit 3), confirm on a TTY or take --auto-approve, carry the plan out through
 * src/applier with progress on stderr, then check that a fresh plan of what was touched is empty
 * against the account as the writes answered it (state/after-writes.ts). Any failed, skipped or unconverged action ends in ApplyError (exit 1).
 */
import {
  applyPlan,
  formatDuration,
  renderProblemLines,
  renderProgressLine,
  renderSummaryLine,
  type ApplyReport,
} from '../../applier/index.js';
import { checkSafety, changingActions } from '../../applier/safety.js';
import { convergenceDetails, notConverged } from '../../applier/stale-check.js';
import { isWatched, waitUntilActive, type WaitTarget } from '../../applier/wait.js';
import type { ApiClient } from '../../api/types.js';
import { ApplyError, SafetyError } from '../../errors/index.js';
import type { Plan, ResourceKey } from '../../model/index.js';
import { buildPlan } from '../../planner/index.js';
import { renderPlanText } from '../../render/index.js';
import { jsonDocument } from '../../render/json-document.js';
import { planDocument } from '../../render/plan-json.js';
import { printable } from '../../render/printable.js';
import { plural } from '../../render/plural.js';
import { liveStateAfterWrites, recordWrites, type WriteLog } from '../../state/index.js';
import { openApiClient } from '../api-session.js';
import type { ApplyFlags } from '../flags.js';
import type { CommandContext } from '../context.js';
import { planKeyFromEnv } from '../plan-io.js';
import { prepareFresh, prepareSaved, refuseUnowned, type Prepared } from './apply-prepare.js';
import { lockNamespace, releaseLock, type HeldLock } from './apply-lock.js';
import { snapshotAddedTables } from './apply-snapshots.js';
import { throwIfPlanErrors } from './plan-inputs.js';

async function readLine(ctx: CommandContext): Promise<string> {
  const stdin = ctx.io.stdin;
  return new Promise((resolve) => {
    let buffered = '';
    const onData = (chunk: Buffer | string): void => {
      buffered += chunk.toString();
      const nl = buffered.indexOf('\n');
      if (nl >= 0) done(buffered.slice(0, nl));
    };
    const done = (line: string): void => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.pause();
      resolve(line.trim());
    };
    const onEnd = (): void => done(buffered);
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
}

async function confirm(ctx: CommandContext, flags: ApplyFlags, plan: Plan): Promise<void> {
  if (flags.autoApprove) return;
  if (ctx.io.stdin.isTTY !== true) {
    throw new SafetyError('not applying: no terminal to confirm on and --auto-approve was not given', {
      hint: 'review the plan, then re-run with --auto-approve (CI), or run it in a terminal',
    });
  }
  const n = changingActions(plan).length;
  ctx.io.stderr.write(
    `\nApply ${n === 1 ? 'this change' : `these ${n} changes`} to namespace "${printable(plan.namespace)}"? Only 'yes' is accepted: `,
  );
  const answer = await readLine(ctx);
  if (answer !== 'yes') throw new SafetyError(`apply cancelled (answer was not 'yes'); nothing was changed`);
}

/**
 * Plans again against the account as the writes left it (the state read before, with what each
 * write answered; see state/after-writes.ts): everything this run wrote must now plan as a noop.
 */
async function verify(
  ctx: CommandContext,
  client: ApiClient,
  prepared: Prepared,
  applied: { readonly report: ApplyReport; readonly writes: WriteLog },
): Promise<ApplyReport> {
  const { report } = applied;
  const touched = new Set<string>(report.results.filter((r) => r.status === 'succeeded').map((r) => r.id));
  if (touched.size === 0) return report;
  const live = await liveStateAfterWrites(client, prepared.live, applied.writes, { logger: ctx.logger() });
  // NOTE: a secret just sent that reads back null is unknown, not unconverged: --resend-secrets would
  // count it as a change on every fresh plan.
  const fresh = buildPlan(prepared.desired, live, { ...prepared.planOptions, resendSecrets: false });
  const ids = notConverged(fresh, touched) as ResourceKey[];
  // NOTE: two objects with one name (a lost create that landed twice, another run) is not converged
  // either, even though the plan cannot say which of them to change.
  const duplicates = fresh.errors.filter((e) => e.code === 'duplicate-live' && e.id !== undefined);
  const dupIds = duplicates.map((e) => e.id as ResourceKey).filter((id) => !ids.includes(id));
  if (ids.length === 0 && dupIds.length === 0) return report;
  const details = convergenceDetails(fresh, ids);
  for (const id of dupIds) details[id] = 'refuse it: more than one live object has this name';
  return { ...report, notConverged: [...ids, ...dupIds], notConvergedDetails: details };
}

async function waitForHealth(
  ctx: CommandContext,
  client: ApiClient,
  flags: ApplyFlags,
  report: ApplyReport,
): Promise<void> {
  const targets: WaitTarget[] = report.results.flatMap((r) =>
    r.status === 'succeeded' && r.resourceId !== undefined && isWatched(r.kind)
      ? [{ kind: r.kind, name: r.name, id: r.resourceId }]
      : [],
  );
  ctx.io.stderr.write(
    `Waiting up to ${formatDuration(flags.waitTimeout)} for ${plural(targets.length, 'resource')} to be Active…\n`,
  );
  await waitUntilActive(client, targets, {
    timeoutMs: flags.waitTimeout,
    intervalMs: flags.pollInterval,
    onStatus: (t, s) => ctx.io.stderr.write(`  ${t.kind}/${printable(`${t.name}: ${s}`)}\n`),
    ...(ctx.io.clock ? { clock: ctx.io.clock } : {}),
  });
  ctx.io.stderr.write('All Active.\n');
}

/**
 * The report with the post-apply check's outcome. A failure of the check itself (the account cannot
 * be re-read) is recorded, not thrown: the report of the writes already made must still be shown.
 */
async function checkConverged(
  ctx: CommandContext,
  client: ApiClient,
  prepared: Prepared,
  applied: { readonly report: ApplyReport; readonly writes: WriteLog },
): Promise<ApplyReport> {
  const { report } = applied;
  try {
    return await verify(ctx, client, prepared, applied);
  } catch (error) {
    return { ...report, checkError: error instanceof Error ? error.message : String(error) };
  }
}

function throwIfIncomplete(final: ApplyReport): void {
  const s = final.summary;
  const converged = final.notConverged ?? [];
  if (s.failed + s.skipped + s.notAttempted > 0 || converged.length > 0 || final.checkError !== undefined) {
    const parts = [`${s.failed} failed`, `${s.skipped} skipped`, `${s.notAttempted} not attempted`];
    if (converged.length > 0) parts.push(`${converged.length} not converged`);
    if (final.checkError !== undefined) parts.push(`could not check the result: ${final.checkError}`);
    throw new ApplyError(`apply did not complete: ${parts.join(', ')}`, final, {
      hint: 'fix the cause and run apply again: it picks up from the current state',
    });
  }
}

function writeJson(ctx: CommandContext, plan: Plan, report: ApplyReport | null): void {
  // NOTE: the plan is already its document; the report's map of details is keyed by resource id.
  const doc = { plan: planDocument(plan), report };
  ctx.io.stdout.write(jsonDocument(doc, new Set(['plan', 'not_converged_details'])));
}

/** The `apply` action (see the file comment). */
export async function runApply(ctx: CommandContext, paths: string[], flags: ApplyFlags): Promise<void> {
  const client = openApiClient(ctx, flags);
  let lock: HeldLock | undefined;
  let completed = false;
  try {
    const planKey = planKeyFromEnv(ctx.io.env);
    const takeLock = async (namespace: string): Promise<void> => {
      lock = await lockNamespace(ctx, client, namespace, flags.lockTimeout);
    };
    const prepared = flags.plan
      ? await prepareSaved(ctx, flags, paths, client, planKey, takeLock)
      : await prepareFresh(ctx, flags, paths, client, planKey, takeLock);
    const { plan } = prepared;
    if (flags.format === 'text') ctx.io.stdout.write(renderPlanText(plan, { color: ctx.globals().color }));
    throwIfPlanErrors(plan);
    refuseUnowned(prepared);
    checkSafety(plan, { allowDestructive: flags.allowDestructive, maxDeletes: flags.maxDeletes });
    if (changingActions(plan).length === 0) {
      if (flags.format === 'json') writeJson(ctx, plan, null);
      else ctx.io.stdout.write('Nothing to apply.\n');
      return;
    }
    await confirm(ctx, flags, plan);
    const recorded = recordWrites(client);
    const report = await applyPlan(plan, {
      client: recorded.client,
      live: prepared.live,
      env: ctx.io.env,
      logger: ctx.logger(),
      parallelism: flags.parallelism,
      failFast: flags.failFast,
      planKey,
      jobPollIntervalMs: flags.pollInterval,
      ...(ctx.io.clock ? { clock: ctx.io.clock } : {}),
      onProgress: (e) => {
        if (e.type === 'start') lock?.renew();
        ctx.io.stderr.write(`${renderProgressLine(e)}\n`);
      },
    });
    const final = await checkConverged(ctx, client, prepared, { report, writes: recorded.log });
    if (flags.format === 'json') writeJson(ctx, plan, final);
    else {
      ctx.io.stdout.write(`\n${renderSummaryLine(final)}\n`);
      for (const line of renderProblemLines(final)) ctx.io.stdout.write(`${line}\n`);
    }
    throwIfIncomplete(final);
    if (flags.wait) await waitForHealth(ctx, client, flags, final);
    // NOTE: after --wait, so a redeployed source is Active again before its snapshot starts.
    if (flags.snapshotAddedTables)
      await snapshotAddedTables(ctx, client, plan, final, flags.format === 'json');
    completed = true;
  } finally {
    await releaseLock(lock, completed);
    await client.close();
  }
}
