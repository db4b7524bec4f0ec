import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CommandContext } from '../context.js';
import { addPlanningOptions, type PlanningFlags } from './plan.js';

export interface ApplyFlags extends PlanningFlags {
  autoApprove: boolean;
  allowDestructive: boolean;
  parallelism: number;
  failFast: boolean;
  plan?: string;
  wait: boolean;
  waitTimeout: number;
  pollInterval: number;
  format: 'text' | 'json';
  snapshotAddedTables: boolean;
}

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
    .option(
      '--snapshot-added-tables',
      'after a source update adds tables to its include list, start an incremental snapshot of exactly those',
      false,
    )
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
    const { runApply } = await import('../run/apply.js');
    await runApply(ctx, paths, flags);
  });
}
