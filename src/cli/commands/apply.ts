import { Option, type Command } from 'commander';
import type { CommandContext } from '../context.js';
import { MANIFEST_PATHS_HELP, duration, wholeNumber, type ApplyFlags } from '../flags.js';
import { addPlanningOptions } from './plan.js';

/** `apply [paths...]`: plan, check safety, confirm, carry out the plan, verify it converged. */
export function registerApply(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('apply')
    .description(
      'plan, then carry out the plan in dependency order (exit 0 done, 1 failed, 3 refused, 4 invalid)',
    )
    .argument('[paths...]', MANIFEST_PATHS_HELP)
    .option('--auto-approve', 'do not ask for confirmation (CI)', false)
    .option(
      '--allow-destructive',
      'allow deleting or replacing sources, destinations, transforms and pipelines (never protected ones)',
      false,
    )
    .option(
      '--parallelism <n>',
      'actions in flight at once (a 429 is retried; lower it if the API keeps rate-limiting)',
      wholeNumber(1),
      10,
    )
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
        .argParser(duration())
        .default(600_000, '10m'),
    )
    .addOption(
      new Option(
        '--lock-timeout <duration>',
        'wait up to this long for another apply of the namespace to finish (0s: refuse at once)',
      )
        .argParser(duration())
        .default(0, '0s'),
    )
    .option('--poll-interval <ms>', 'first interval of transform-job and --wait polling', wholeNumber(1), 250)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  addPlanningOptions(cmd).action(async (paths: string[], flags: ApplyFlags) => {
    const { runApply } = await import('../run/apply.js');
    await runApply(ctx, paths, flags);
  });
}
