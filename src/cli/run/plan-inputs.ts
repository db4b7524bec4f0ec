/** What plan, apply and drift share once their action runs: inputs, rendering, plan errors. */
import { UserError } from '../../errors/index.js';
import {
  KIND_ORDER,
  secretValues,
  type DesiredState,
  type LiveState,
  type Plan,
  type ResourceKind,
} from '../../model/index.js';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../render/index.js';
import { formatProblem, loadDesiredState } from '../../schema/index.js';
import { loadLiveState } from '../../state/index.js';
import type { ApiCliOptions } from '../api-options.js';
import { openApiClient } from '../api-session.js';
import type { OutputFormat } from '../commands/plan.js';
import type { CommandContext } from '../context.js';

/**
 * Tags always (names ↔ ids); the kinds the manifests manage; what managed pipelines refer to, so
 * external references are checked and renames/replaces resolve ids; and pipelines whenever anything
 * they use is managed, so deleting or replacing a source a live pipeline still uses is seen.
 */
export function kindsToLoad(managed: readonly ResourceKind[]): ResourceKind[] {
  const refs: ResourceKind[] = managed.includes('pipeline') ? ['source', 'destination', 'transform'] : [];
  if (managed.some((k) => k === 'source' || k === 'destination' || k === 'transform')) refs.push('pipeline');
  return KIND_ORDER.filter((k) => k === 'tag' || managed.includes(k) || refs.includes(k));
}

/** Loads the manifests (warnings to stderr) and the live state of the kinds the plan needs. */
export async function loadPlanInputs(
  ctx: CommandContext,
  paths: string[],
  api: ApiCliOptions,
): Promise<{ desired: DesiredState; live: LiveState }> {
  const { state: desired, warnings } = await loadDesiredState(paths, { cwd: ctx.io.cwd, env: ctx.io.env });
  for (const w of warnings) ctx.io.stderr.write(`${formatProblem(w)}\n`);
  const kinds = kindsToLoad(desired.managedKinds);
  const client = openApiClient(ctx, api);
  client.maskValues(secretValues(desired.resources));
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
