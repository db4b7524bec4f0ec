/**
 * `apply [paths...]`: plan (or load a saved plan and prove it is still fresh), show the plan, refuse
 * what safety forbids (exit 3), confirm on a TTY or take --auto-approve, carry the plan out through
 * src/applier with progress on stderr, then re-read the account and check that a fresh plan of
 * what was touched is empty. Any failed, skipped or unconverged action ends in ApplyError (exit 1).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  applyPlan,
  renderProblemLines,
  renderProgressLine,
  renderSummaryLine,
  type ApplyReport,
} from '../../applier/index.js';
import { checkSafety, changingActions } from '../../applier/safety.js';
import { notConverged, staleActions } from '../../applier/stale-check.js';
import { waitUntilActive, type WaitTarget } from '../../applier/wait.js';
import type { ApiClient } from '../../api/types.js';
import { ApplyError, SafetyError, UserError } from '../../errors/index.js';
import {
  KIND_ORDER,
  type DesiredState,
  type LiveState,
  type Plan,
  type ResourceKey,
} from '../../model/index.js';
import { buildPlan, renderPlanJson, renderPlanText, type PlanOptions } from '../../planner/index.js';
import { DEFAULT_MANIFEST_PATHS, formatProblem, loadDesiredState } from '../../schema/index.js';
import { loadLiveState } from '../../state/index.js';
import { openApiClient } from '../api-session.js';
import type { CommandContext } from '../context.js';
import { inputsDigest, loadSavedPlan, planKeyFromEnv } from '../plan-io.js';
import { addPlanningOptions, planOptionsFrom, throwIfPlanErrors, type PlanningFlags } from './plan.js';

interface ApplyFlags extends PlanningFlags {
  autoApprove: boolean;
  allowDestructive: boolean;
  parallelism: number;
  failFast: boolean;
  plan?: string;
  wait: boolean;
  waitTimeout: number;
  pollInterval: number;
  format: 'text' | 'json';
}

/** Version of the `apply --format json` document: `{formatVersion, plan, report}`. */
export const APPLY_JSON_VERSION = 1;

function positiveInt(flag: string): (v: string) => number {
  return (v) => {
    if (!/^\d+$/.test(v.trim()) || Number(v) < 1)
      throw new InvalidArgumentError(`${flag} takes a whole number >= 1, got "${v}".`);
    return Number(v);
  };
}

/** `90s`, `10m`, `1h`, `500ms`; a bare number is seconds. Returns milliseconds. */
export function parseDuration(v: string): number {
  const m = /^(\d+)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) throw new InvalidArgumentError(`expected a duration such as 90s, 10m or 1h, got "${v}".`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

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
    `\nApply these ${n} change(s) to namespace "${plan.namespace}"? Only 'yes' is accepted: `,
  );
  const answer = await readLine(ctx);
  if (answer !== 'yes') throw new SafetyError(`apply cancelled (answer was not 'yes'); nothing was changed`);
}

interface Prepared {
  readonly plan: Plan;
  readonly desired: DesiredState;
  readonly live: LiveState;
  readonly planOptions: PlanOptions;
}

async function loadDesired(ctx: CommandContext, paths: string[]): Promise<DesiredState> {
  const { state, warnings } = await loadDesiredState(paths.length > 0 ? paths : [...DEFAULT_MANIFEST_PATHS], {
    cwd: ctx.io.cwd,
    env: ctx.io.env,
  });
  for (const w of warnings) ctx.io.stderr.write(`${formatProblem(w)}\n`);
  return state;
}

async function prepareFresh(
  ctx: CommandContext,
  flags: ApplyFlags,
  paths: string[],
  client: ApiClient,
  planKey: string,
): Promise<Prepared> {
  const desired = await loadDesired(ctx, paths);
  const live = await loadLiveState(client, KIND_ORDER, { logger: ctx.logger() });
  const planOptions = planOptionsFrom(flags, planKey);
  return { plan: buildPlan(desired, live, planOptions), desired, live, planOptions };
}

/** `--plan file`: the saved plan, refused when its inputs or any object it touches changed. */
async function prepareSaved(
  ctx: CommandContext,
  flags: ApplyFlags,
  paths: string[],
  client: ApiClient,
  planKey: string,
): Promise<Prepared> {
  if (flags.target.length > 0 || flags.exclude.length > 0 || flags.adopt || flags.resendSecrets) {
    throw new UserError(
      '--target, --exclude, --adopt and --resend-secrets shape a new plan; a saved plan is applied as it is',
      {
        hint: 'give them to `plan --out` instead, or apply without --plan',
      },
    );
  }
  const saved = await loadSavedPlan(flags.plan as string, ctx.io.cwd);
  const desired = await loadDesired(ctx, paths);
  if (inputsDigest(desired) !== saved.inputsDigest) {
    throw new SafetyError(`the manifests changed since ${flags.plan} was made; nothing was applied`, {
      hint: 'make and review a new plan (plan --out), or apply without --plan',
    });
  }
  const live = await loadLiveState(client, KIND_ORDER, { logger: ctx.logger() });
  const stale = staleActions(saved.plan, live);
  if (stale.length > 0) {
    throw new SafetyError(`the saved plan is stale; nothing was applied:\n  ${stale.join('\n  ')}`, {
      hint: 'make and review a new plan: the account changed after this one was made',
    });
  }
  const o = saved.options;
  const keys = (v: unknown): ResourceKey[] =>
    Array.isArray(v) ? (v.filter((x) => typeof x === 'string') as ResourceKey[]) : [];
  // The saved plan's own options, so the post-apply check plans the same way.
  const planOptions: PlanOptions = {
    hmacKey: planKey,
    adopt: o['adopt'] === true,
    targets: keys(o['targets']),
    excludes: keys(o['excludes']),
    resendSecrets: o['resendSecrets'] === true,
    ...(typeof o['maxDeletes'] === 'number' ? { maxDeletes: o['maxDeletes'] } : {}),
  };
  return { plan: saved.plan, desired, live, planOptions };
}

async function verify(
  ctx: CommandContext,
  client: ApiClient,
  prepared: Prepared,
  report: ApplyReport,
): Promise<string[]> {
  const touched = new Set<string>(report.results.filter((r) => r.status === 'succeeded').map((r) => r.id));
  if (touched.size === 0) return [];
  const live = await loadLiveState(client, KIND_ORDER, { logger: ctx.logger() });
  return notConverged(buildPlan(prepared.desired, live, prepared.planOptions), touched);
}

async function waitForHealth(
  ctx: CommandContext,
  client: ApiClient,
  flags: ApplyFlags,
  report: ApplyReport,
): Promise<void> {
  const targets: WaitTarget[] = report.results.flatMap((r) =>
    r.status === 'succeeded' && r.resourceId !== undefined
      ? [{ kind: r.kind, name: r.name, id: r.resourceId }]
      : [],
  );
  ctx.io.stderr.write(
    `Waiting up to ${Math.round(flags.waitTimeout / 1000)} s for ${targets.length} resource(s) to be Active…\n`,
  );
  await waitUntilActive(client, targets, {
    timeoutMs: flags.waitTimeout,
    intervalMs: flags.pollInterval,
    onStatus: (t, s) => ctx.io.stderr.write(`  ${t.kind}/${t.name}: ${s}\n`),
  });
  ctx.io.stderr.write('All Active.\n');
}

function writeJson(ctx: CommandContext, plan: Plan, report: ApplyReport | null): void {
  const doc = {
    formatVersion: APPLY_JSON_VERSION,
    plan: JSON.parse(renderPlanJson(plan)) as unknown,
    report,
  };
  ctx.io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
}

async function runApply(ctx: CommandContext, paths: string[], flags: ApplyFlags): Promise<void> {
  const client = openApiClient(ctx, flags);
  try {
    const planKey = planKeyFromEnv(ctx.io.env);
    const prepared = flags.plan
      ? await prepareSaved(ctx, flags, paths, client, planKey)
      : await prepareFresh(ctx, flags, paths, client, planKey);
    const { plan } = prepared;
    if (flags.format === 'text') ctx.io.stdout.write(renderPlanText(plan, { color: ctx.globals().color }));
    throwIfPlanErrors(plan);
    checkSafety(plan, { allowDestructive: flags.allowDestructive, maxDeletes: flags.maxDeletes });
    if (changingActions(plan).length === 0) {
      if (flags.format === 'json') writeJson(ctx, plan, null);
      else ctx.io.stdout.write('Nothing to apply.\n');
      return;
    }
    await confirm(ctx, flags, plan);
    const report = await applyPlan(plan, {
      client,
      live: prepared.live,
      env: ctx.io.env,
      logger: ctx.logger(),
      parallelism: flags.parallelism,
      failFast: flags.failFast,
      planKey,
      jobPollIntervalMs: flags.pollInterval,
      onProgress: (e) => ctx.io.stderr.write(`${renderProgressLine(e)}\n`),
    });
    const converged = await verify(ctx, client, prepared, report);
    const final: ApplyReport =
      converged.length > 0 ? { ...report, notConverged: converged as ResourceKey[] } : report;
    if (flags.format === 'json') writeJson(ctx, plan, final);
    else {
      ctx.io.stdout.write(`\n${renderSummaryLine(final)}\n`);
      for (const line of renderProblemLines(final)) ctx.io.stdout.write(`${line}\n`);
    }
    const s = final.summary;
    if (s.failed + s.skipped + s.notAttempted > 0 || converged.length > 0) {
      const parts = [`${s.failed} failed`, `${s.skipped} skipped`, `${s.notAttempted} not attempted`];
      if (converged.length > 0) parts.push(`${converged.length} not converged`);
      throw new ApplyError(`apply did not complete: ${parts.join(', ')}`, final, {
        hint: 'fix the cause and run apply again: it picks up from the current state',
      });
    }
    if (flags.wait) await waitForHealth(ctx, client, flags, final);
  } finally {
    await client.close();
  }
}

/** `apply [paths...]`: plan, check safety, confirm, carry out the plan, verify it converged. */
export function registerApply(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('apply')
    .description(
      'plan, then carry out the plan in dependency order (exit 0 done, 1 failed, 3 refused, 4 invalid)',
    )
    .argument('[paths...]', 'manifest files or directories (default: the current directory)')
    .option('--auto-approve', 'do not ask for confirmation (CI)', false)
    .option(
      '--allow-destructive',
      'allow deleting or replacing sources and pipelines (never protected ones)',
      false,
    )
    .option('--parallelism <n>', 'actions in flight at once', positiveInt('--parallelism'), 4)
    .option('--fail-fast', 'start nothing new after the first failure', false)
    .option('--plan <file>', 'apply this saved plan (from plan --out) exactly; refused when stale')
    .option('--wait', 'after applying, wait until pipelines and connectors report Active', false)
    .addOption(
      new Option('--wait-timeout <duration>', 'how long --wait waits (e.g. 90s, 10m)')
        .argParser(parseDuration)
        .default(600_000, '10m'),
    )
    .option(
      '--poll-interval <ms>',
      'first interval of transform-job and --wait polling',
      positiveInt('--poll-interval'),
      250,
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  addPlanningOptions(cmd).action(async (paths: string[], flags: ApplyFlags) => {
    await runApply(ctx, paths, flags);
  });
}
