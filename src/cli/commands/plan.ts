import { InvalidArgumentError, Option, type Command } from 'commander';
import { UserError } from '../../errors/index.js';
import {
  KIND_ORDER,
  type DesiredState,
  type LiveState,
  type Plan,
  type ResourceKey,
  type ResourceKind,
} from '../../model/index.js';
import {
  buildPlan,
  hasChanges,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanText,
  type PlanOptions,
} from '../../planner/index.js';
import { formatProblem, loadDesiredState } from '../../schema/index.js';
import { loadLiveState } from '../../state/index.js';
import { addApiOptions, openApiClient, type ApiCliOptions } from '../api-session.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { inputsDigest, makeSavedPlan, planKeyFromEnv, savePlan } from '../plan-io.js';

export type OutputFormat = 'text' | 'json' | 'markdown';

/** The flags every planning command shares (plan, apply). */
export interface PlanningFlags extends ApiCliOptions {
  readonly target: ResourceKey[];
  readonly exclude: ResourceKey[];
  readonly adopt: boolean;
  readonly maxDeletes?: number;
  readonly resendSecrets: boolean;
}

interface PlanFlags extends PlanningFlags {
  readonly format: OutputFormat;
  readonly out?: string;
  readonly detailedExitcode: boolean;
}

/** Parses `kind/name` (commander argument parser: a bad value is a usage error, exit 4). */
export function parseResourceKey(value: string): ResourceKey {
  const slash = value.indexOf('/');
  const kind = value.slice(0, slash);
  if (slash <= 0 || slash === value.length - 1 || !KIND_ORDER.includes(kind as ResourceKind)) {
    throw new InvalidArgumentError(
      `"${value}" is not kind/name (kinds: ${KIND_ORDER.join(', ')}), e.g. source/orders-db.`,
    );
  }
  return value as ResourceKey;
}

function collectKey(value: string, previous: ResourceKey[]): ResourceKey[] {
  return [...previous, parseResourceKey(value)];
}

function nonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value.trim()))
    throw new InvalidArgumentError(`takes a whole number >= 0, got "${value}".`);
  return Number(value);
}

/** Adds --target, --exclude, --adopt, --max-deletes, --resend-secrets and the API flags. */
export function addPlanningOptions(cmd: Command): Command {
  cmd
    .option(
      '--target <kind/name>',
      'plan only this resource and what it depends on (repeatable)',
      collectKey,
      [],
    )
    .option('--exclude <kind/name>', 'leave this resource out of the plan (repeatable)', collectKey, [])
    .option('--adopt', 'take over live objects that have a manifest name but no ownership tag', false)
    .option('--max-deletes <n>', 'most deletes and replaces apply may carry out (default 5)', nonNegativeInt)
    .option('--resend-secrets', 'treat secrets the API reads back as null as changed, and send them', false);
  return addApiOptions(cmd);
}

export function planOptionsFrom(flags: PlanningFlags, hmacKey: string): PlanOptions {
  return {
    hmacKey,
    adopt: flags.adopt,
    targets: flags.target,
    excludes: flags.exclude,
    resendSecrets: flags.resendSecrets,
    ...(flags.maxDeletes === undefined ? {} : { maxDeletes: flags.maxDeletes }),
  };
}

/** Loads the manifests (warnings to stderr) and the live state of the kinds they manage. */
export async function loadPlanInputs(
  ctx: CommandContext,
  paths: string[],
  api: ApiCliOptions,
): Promise<{ desired: DesiredState; live: LiveState }> {
  const { state: desired, warnings } = await loadDesiredState(paths, { cwd: ctx.io.cwd, env: ctx.io.env });
  for (const w of warnings) ctx.io.stderr.write(`${formatProblem(w)}\n`);
  const kinds: ResourceKind[] = KIND_ORDER.filter((k) => k === 'tag' || desired.managedKinds.includes(k));
  const client = openApiClient(ctx, api);
  try {
    const live = await loadLiveState(client, kinds, { logger: ctx.logger() });
    return { desired, live };
  } finally {
    await client.close();
  }
}

export function renderPlan(plan: Plan, format: OutputFormat, color: boolean): string {
  if (format === 'json') return renderPlanJson(plan);
  if (format === 'markdown') return renderPlanMarkdown(plan);
  return renderPlanText(plan, { color });
}

/**
 * Plan errors (an unowned namesake, live duplicates, unknown tags) are invalid input relative to the
 * account: exit 4, like a manifest error (docs/plan-format.md, "Exit codes").
 */
export function throwIfPlanErrors(plan: Plan): void {
  if (plan.errors.length === 0) return;
  const n = plan.errors.length;
  throw new UserError(`The plan has ${n} error${n === 1 ? '' : 's'} (listed above) and cannot be applied.`, {
    hint:
      plan.errors.find((e) => e.hint !== undefined)?.hint ??
      'fix the manifests or the account, then plan again',
  });
}

/** `plan [paths...]`: compare the manifests with the live account; nothing is changed. */
export function registerPlan(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('plan')
    .description(
      'show what apply would change (read-only); exit 0, or 2 with --detailed-exitcode when there are changes',
    )
    .argument('[paths...]', 'manifest files or directories (searched recursively for *.yaml, *.yml)', ['.'])
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'),
    )
    .option('--out <file>', 'save the plan (no secrets) for `apply --plan <file>`')
    .option('--detailed-exitcode', 'exit 2 when the plan has changes, 0 when it has none', false);
  addPlanningOptions(cmd).action(async (paths: string[], flags: PlanFlags) => {
    const hmacKey = planKeyFromEnv(ctx.io.env);
    const { desired, live } = await loadPlanInputs(ctx, paths, flags);
    const options = planOptionsFrom(flags, hmacKey);
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
  });
}
