import { Option, type Command } from 'commander';
import { addApiOptions } from '../api-options.js';
import type { CommandContext } from '../context.js';
import {
  collectNamespaces,
  collectResourceKeys,
  MANIFEST_PATHS_HELP,
  wholeNumber,
  type PlanFlags,
} from '../flags.js';
import { addManifestOptions } from '../manifest-options.js';

/** Adds --target, --exclude, --adopt, --adopt-from, --max-deletes, --resend-secrets, --max-file-size and the API flags. */
export function addPlanningOptions(cmd: Command): Command {
  cmd
    .option(
      '--target <kind/name>',
      'plan only this resource and what it depends on (repeatable)',
      collectResourceKeys,
      [],
    )
    .option(
      '--exclude <kind/name>',
      'leave this resource out of the plan (repeatable)',
      collectResourceKeys,
      [],
    )
    .option(
      '--adopt',
      'take over live objects that have a manifest name and no gitops: ownership tag (tags: no owner marker)',
      false,
    )
    .option(
      '--adopt-from <namespace>',
      'take over live objects (and tags) with a manifest name that this namespace owns; gitops:protected stays (repeatable)',
      collectNamespaces,
      [],
    )
    .option('--max-deletes <n>', 'most deletes and replaces apply may carry out (default 5)', wholeNumber(0))
    .option('--resend-secrets', 'treat secrets the API reads back as null as changed, and send them', false);
  return addApiOptions(addManifestOptions(cmd));
}

/** `plan [paths...]`: compare the manifests with the live account; nothing is changed. */
export function registerPlan(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('plan')
    .description(
      'show what apply would change (read-only); exit 0, or 2 with --detailed-exitcode when there are changes',
    )
    .argument('[paths...]', MANIFEST_PATHS_HELP)
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
