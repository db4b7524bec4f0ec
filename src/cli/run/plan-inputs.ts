/** What plan, apply and drift share once their action runs: inputs, rendering, plan errors. */
import { SafetyError, UserError } from '../../errors/index.js';
import { isRefusal } from '../../planner/index.js';
import { registry } from '../../kinds/registry.js';
import {
  secretValues,
  type DesiredState,
  type LiveState,
  type Plan,
  type ResourceKind,
} from '../../model/index.js';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../render/index.js';
import { formatProblem, loadDesiredState } from '../../schema/index.js';
import { closest } from '../../schema/suggest.js';
import { loadLiveState } from '../../state/index.js';
import { openApiClient } from '../api-session.js';
import type { ApiCliOptions, ManifestCliOptions, OutputFormat } from '../flags.js';
import type { CommandContext } from '../context.js';

/**
 * The kinds of live state every command that plans reads: all of them, for plan, apply (and its check
 * after applying) and drift alike (issue 8.9), so the same manifests always give the same warnings,
 * errors and actions. It also lets a plan say what the namespace owns of a kind the manifests do not
 * mention. One list call per kind (and page), whatever the manifests manage.
 */
export function liveKinds(): ResourceKind[] {
  return [...registry.applyOrder];
}

/** `--target` / `--exclude` keys must name a registered kind (usage error, exit 4). */
export function checkResourceKinds(keys: readonly string[]): void {
  for (const key of keys) {
    const kind = key.slice(0, key.indexOf('/'));
    if (registry.has(kind)) continue;
    const near = closest(kind, registry.applyOrder);
    throw new UserError(
      `"${key}" is not kind/name (kinds: ${registry.applyOrder.join(', ')}), e.g. source/orders-db.`,
      near === undefined ? {} : { hint: `did you mean "${near}${key.slice(kind.length)}"?` },
    );
  }
}

/**
 * Loads the manifests (warnings to stderr) and the live state of the kinds the plan needs, with
 * live fingerprints only when `fingerprints` (a plan saved or printed as JSON carries them).
 */
export async function loadPlanInputs(
  ctx: CommandContext,
  paths: string[],
  flags: ApiCliOptions & ManifestCliOptions,
  fingerprints: boolean,
): Promise<{ desired: DesiredState; live: LiveState }> {
  const { state: desired, warnings } = await loadDesiredState(paths, {
    cwd: ctx.io.cwd,
    env: ctx.io.env,
    maxFileBytes: flags.maxFileSize,
  });
  for (const w of warnings) ctx.io.stderr.write(`${formatProblem(w)}\n`);
  const client = openApiClient(ctx, flags);
  client.maskValues(secretValues(desired.resources));
  try {
    const live = await loadLiveState(client, liveKinds(), { logger: ctx.logger(), fingerprints });
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
 * account: exit 4, like a manifest error. A plan whose only errors are refusals (a write to or a
 * break of what another namespace owns) is refused: exit 3 (docs/plan-format.md, "Exit codes").
 */
export function throwIfPlanErrors(plan: Plan): void {
  if (plan.errors.length === 0) return;
  const n = plan.errors.length;
  if (plan.errors.every(isRefusal)) {
    throw new SafetyError(
      `The plan is refused (${n} refusal${n === 1 ? '' : 's'}, listed above): it would write or break what this namespace does not own, or a protected pipeline; nothing was changed.`,
      {
        hint: plan.errors.find((e) => e.hint !== undefined)?.hint ?? 'change the manifests, then plan again',
      },
    );
  }
  throw new UserError(`The plan has ${n} error${n === 1 ? '' : 's'} (listed above) and cannot be applied.`, {
    hint:
      plan.errors.find((e) => e.hint !== undefined)?.hint ??
      'fix the manifests or the account, then plan again',
  });
}
