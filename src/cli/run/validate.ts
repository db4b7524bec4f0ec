import type { Problem } from '../../errors/index.js';
import { registry } from '../../kinds/registry.js';
import type { DesiredState, ResourceKind } from '../../model/index.js';
import { formatProblem, validateManifests } from '../../schema/index.js';
import type { ValidateFlags } from '../flags.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { jsonDocument } from '../../render/json-document.js';
import { paint } from '../../render/paint.js';
import { printable } from '../../render/printable.js';

function counts(state: DesiredState | undefined): Partial<Record<ResourceKind, number>> {
  const out: Partial<Record<ResourceKind, number>> = {};
  for (const r of state?.resources ?? []) out[r.kind] = (out[r.kind] ?? 0) + 1;
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summaryLine(problems: readonly Problem[], state: DesiredState | undefined): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const warned = warnings > 0 ? `, ${plural(warnings, 'warning')}` : '';
  if (!state) return `invalid: ${plural(errors, 'error')}${warned}`;
  const c = counts(state);
  const parts = registry.names.filter((k) => state.managedKinds.includes(k)).map((k) => plural(c[k] ?? 0, k));
  return `valid: namespace "${printable(state.namespace)}", ${plural(state.files.length, 'file')}${parts.length > 0 ? `, ${parts.join(', ')}` : ''}${warned}`;
}

function renderJson(problems: readonly Problem[], state: DesiredState | undefined): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const body = {
    valid: state !== undefined,
    errors,
    warnings: problems.length - errors,
    problems,
    namespace: state?.namespace ?? null,
    managedKinds: state?.managedKinds ?? [],
    resources: counts(state),
    files: state?.files.map((f) => f.path) ?? [],
  };
  return jsonDocument(body, new Set(['resources']));
}

/** The `validate` action: prints every problem and a summary; exit 0 when valid, 4 when not. */
export async function runValidate(ctx: CommandContext, paths: string[], flags: ValidateFlags): Promise<void> {
  const { problems, state } = await validateManifests(paths, {
    cwd: ctx.io.cwd,
    env: ctx.io.env,
    allowMissingEnv: flags.allowMissingEnv,
    maxFileBytes: flags.maxFileSize,
  });
  if (flags.format === 'json') {
    ctx.io.stdout.write(renderJson(problems, state));
  } else {
    // NOTE: colour like plan's: only on a TTY, never with --no-color or NO_COLOR (ctx.globals()).
    const color = ctx.globals().color;
    for (const p of problems) ctx.io.stdout.write(`${paint(formatProblem(p), p.severity, color)}\n`);
    ctx.io.stdout.write(`${paint(summaryLine(problems, state), state ? 'ok' : 'error', color)}\n`);
  }
  ctx.setExitCode(state ? EXIT.ok : EXIT.invalid);
}
