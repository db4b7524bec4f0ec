import { Option, type Command } from 'commander';
import {
  applyDriftIgnore,
  detectDrift,
  isInSync,
  renderDriftJson,
  renderDriftMarkdown,
  renderDriftText,
  type DriftReport,
} from '../../planner/index.js';
import type { ApiCliOptions } from '../api-session.js';
import { addApiOptions } from '../api-session.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { readIgnoreFile } from '../ignore-file.js';
import { loadPlanInputs, type OutputFormat } from './plan.js';

interface DriftFlags extends ApiCliOptions {
  readonly format: OutputFormat;
  readonly ignoreFile?: string;
  readonly resendSecrets: boolean;
}

function renderDrift(report: DriftReport, format: OutputFormat): string {
  if (format === 'json') return renderDriftJson(report);
  if (format === 'markdown') return renderDriftMarkdown(report);
  return renderDriftText(report);
}

/** `drift [paths...]`: read-only check for cron. Exit 0 in sync, 2 drift, 1 runtime/API error, 4 bad input. */
export function registerDrift(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('drift')
    .description('report live changes made outside git (read-only); exit 0 in sync, 2 drift')
    .argument('[paths...]', 'manifest files or directories (searched recursively for *.yaml, *.yml)', ['.'])
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'),
    )
    .option(
      '--ignore-file <file>',
      'known exceptions to leave out (default: .streamkap-gitops-ignore in the working directory, if any)',
    )
    .option('--resend-secrets', 'count secrets the API reads back as null as drift', false);
  addApiOptions(cmd).action(async (paths: string[], flags: DriftFlags) => {
    const rules = await readIgnoreFile(ctx.io.cwd, flags.ignoreFile);
    const { desired, live } = await loadPlanInputs(ctx, paths, flags);
    const report = applyDriftIgnore(
      detectDrift(desired, live, { resendSecrets: flags.resendSecrets }),
      rules,
    );
    ctx.io.stdout.write(renderDrift(report, flags.format));
    ctx.setExitCode(isInSync(report) ? EXIT.ok : EXIT.changes);
  });
}
