import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ResourceKey } from '../../model/index.js';
import type { PlanOptions } from '../../planner/index.js';
import { addApiOptions, type ApiCliOptions } from '../api-options.js';
import type { CommandContext } from '../context.js';

export type OutputFormat = 'text' | 'json' | 'markdown';

/** The flags every planning command shares (plan, apply). */
export interface PlanningFlags extends ApiCliOptions {
  readonly target: ResourceKey[];
  readonly exclude: ResourceKey[];
  readonly adopt: boolean;
  readonly maxDeletes?: number;
  readonly resendSecrets: boolean;
}

export interface PlanFlags extends PlanningFlags {
  readonly format: OutputFormat;
  readonly out?: string;
  readonly detailedExitcode: boolean;
}

/**
 * Parses `kind/name` (commander argument parser: a bad value is a usage error, exit 4). The kind is
 * checked against the kind registry once the command runs (`checkResourceKinds`), which keeps this
 * module light.
 */
export function parseResourceKey(value: string): ResourceKey {
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) {
    throw new InvalidArgumentError(`"${value}" is not kind/name, e.g. source/orders-db.`);
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
    const { runPlan } = await import('../run/plan.js');
    await runPlan(ctx, paths, flags);
  });
}
