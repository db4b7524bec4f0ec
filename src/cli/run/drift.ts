import { applyDriftIgnore, detectDrift, hasDrift, type DriftReport } from '../../planner/index.js';
import { renderDriftJson, renderDriftMarkdown, renderDriftText } from '../../render/index.js';
import type { DriftFlags, OutputFormat } from '../flags.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { readIgnoreFile } from '../ignore-file.js';
import { loadPlanInputs } from './plan-inputs.js';

function renderDrift(report: DriftReport, format: OutputFormat, color: boolean): string {
  if (format === 'json') return renderDriftJson(report);
  if (format === 'markdown') return renderDriftMarkdown(report);
  return renderDriftText(report, { color });
}

/** The `drift` action: read-only; exit 0 in sync, 2 drift (unmanaged objects too with --fail-on-unmanaged). */
export async function runDrift(ctx: CommandContext, paths: string[], flags: DriftFlags): Promise<void> {
  const rules = await readIgnoreFile(ctx.io.cwd, flags.ignoreFile);
  const { desired, live } = await loadPlanInputs(ctx, paths, flags, false);
  const report = applyDriftIgnore(detectDrift(desired, live, { resendSecrets: flags.resendSecrets }), rules);
  ctx.io.stdout.write(renderDrift(report, flags.format, ctx.globals().color));
  ctx.setExitCode(hasDrift(report, { failOnUnmanaged: flags.failOnUnmanaged }) ? EXIT.changes : EXIT.ok);
}
