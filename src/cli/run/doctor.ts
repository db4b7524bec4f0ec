/**
 * `doctor`: refuses --probe-writes without --namespace-scratch (exit 4), reads the manifests when
 * paths are given (their namespace and names; no variable needs to be set), opens a client whose
 * observers feed the connection checks, runs src/doctor and prints the report.
 */
import { DEFAULTS as API_DEFAULTS } from '../../api/config.js';
import { resolveApiConfig } from '../../api/index.js';
import { systemClock } from '../../applier/index.js';
import { createObservedFacts, runDoctor } from '../../doctor/run-doctor.js';
import type { DoctorReport } from '../../doctor/types.js';
import { UserError } from '../../errors/index.js';
import { renderDoctorJson, renderDoctorMarkdown, renderDoctorText } from '../../render/index.js';
import { loadDesiredState } from '../../schema/index.js';
import { NAMESPACE_PATTERN } from '../../schema/json-schema-parts.js';
import { openApiClient } from '../api-session.js';
import type { CommandContext } from '../context.js';
import { doctorExitCode } from '../exit-codes.js';
import type { DoctorFlags } from '../flags.js';
import { TOOL_VERSION } from '../version.js';

/** The scratch namespace of --probe-writes, refused (exit 4) when missing, stray or malformed. */
function scratchNamespace(flags: DoctorFlags): string | undefined {
  const name = flags.namespaceScratch;
  if (!flags.probeWrites) {
    if (name !== undefined) throw new UserError('--namespace-scratch is only used with --probe-writes');
    return undefined;
  }
  if (name === undefined) {
    throw new UserError('--probe-writes needs --namespace-scratch NAME', {
      hint: 'it creates and deletes a throw-away tag and source named gitops-doctor-<random>; name a scratch namespace no manifest uses, e.g. --namespace-scratch doctor-scratch',
    });
  }
  if (!new RegExp(NAMESPACE_PATTERN).test(name)) {
    throw new UserError(`--namespace-scratch "${name}" is not a namespace name (${NAMESPACE_PATTERN})`);
  }
  return name;
}

function renderer(ctx: CommandContext, flags: DoctorFlags): (r: DoctorReport) => string {
  if (flags.format === 'json') return renderDoctorJson;
  if (flags.format === 'markdown') return renderDoctorMarkdown;
  return (r) => renderDoctorText(r, { color: ctx.globals().color });
}

export async function runDoctorCommand(
  ctx: CommandContext,
  paths: string[],
  flags: DoctorFlags,
): Promise<void> {
  const scratch = scratchNamespace(flags);
  // NOTE: doctor reads no config value of the manifests, so their ${env:...} secrets need not be set.
  const desired =
    paths.length === 0
      ? undefined
      : (
          await loadDesiredState(paths, {
            cwd: ctx.io.cwd,
            env: ctx.io.env,
            allowMissingEnv: true,
            maxFileBytes: flags.maxFileSize,
          })
        ).state;
  const config = resolveApiConfig(ctx.io.env, { apiUrl: flags.apiUrl });
  const facts = createObservedFacts();
  const client = openApiClient(ctx, flags, { onResponse: facts.onResponse, onToken: facts.onToken });
  const clock = ctx.io.clock ?? systemClock;
  try {
    const report = await runDoctor({
      client,
      facts,
      connection: {
        apiUrl: config.baseUrl.replace(/\/+$/, ''),
        proxy: config.proxy,
        refreshMarginMs: config.refreshMarginMs ?? API_DEFAULTS.refreshMarginMs,
      },
      toolVersion: TOOL_VERSION,
      now: () => clock.now(),
      desired,
      probe: scratch === undefined ? undefined : { scratchNamespace: scratch },
    });
    ctx.io.stdout.write(renderer(ctx, flags)(report));
    ctx.setExitCode(doctorExitCode(report));
  } finally {
    await client.close();
  }
}
