/**
 * `status`: the namespace (from --namespace or the manifests, read without their secrets), one
 * check (src/status), rendered; or, with --watch on a terminal, a refreshing screen until Ctrl-C.
 */
import { systemClock } from '../../applier/index.js';
import { UserError } from '../../errors/index.js';
import { renderStatusJson, renderStatusMarkdown, renderStatusText } from '../../render/index.js';
import { loadDesiredState } from '../../schema/index.js';
import { checkStatus } from '../../status/check-status.js';
import type { StatusReport } from '../../status/types.js';
import {
  DEFAULT_WATCH_INTERVAL_MS,
  MIN_WATCH_INTERVAL_MS,
  abortableSleep,
  watchStatus,
} from '../../status/watch.js';
import { openApiClient } from '../api-session.js';
import { DURATION_EXAMPLES, durationMs, type StatusFlags } from '../flags.js';
import type { CommandContext } from '../context.js';
import { statusExitCode } from '../exit-codes.js';

async function namespaceOf(ctx: CommandContext, paths: string[], flags: StatusFlags): Promise<string> {
  if (flags.namespace !== undefined) {
    if (flags.namespace.trim() === '') throw new UserError('--namespace must not be empty');
    return flags.namespace;
  }
  // NOTE: status reads no config value, so the manifests' ${env:...} secrets need not be set.
  const { state } = await loadDesiredState(paths, {
    cwd: ctx.io.cwd,
    env: ctx.io.env,
    allowMissingEnv: true,
    maxFileBytes: flags.maxFileSize,
  });
  return state.namespace;
}

function renderer(ctx: CommandContext, flags: StatusFlags): (r: StatusReport) => string {
  if (flags.format === 'json') return renderStatusJson;
  if (flags.format === 'markdown') return renderStatusMarkdown;
  return (r) => renderStatusText(r, { color: ctx.globals().color });
}

/** The --watch interval in ms; refused (exit 4) off a terminal or below the minimum. */
function watchInterval(ctx: CommandContext, watch: boolean | string): number {
  if (ctx.io.stdout.isTTY !== true) {
    throw new UserError('--watch refreshes a terminal screen, and stdout is not a terminal', {
      hint: 'in CI or cron run status without --watch: its exit code is the check (0 healthy, 2 unhealthy)',
    });
  }
  const ms = watch === true ? DEFAULT_WATCH_INTERVAL_MS : durationMs(String(watch));
  if (ms === undefined) throw new UserError(`--watch takes ${DURATION_EXAMPLES}, got "${String(watch)}"`);
  if (ms < MIN_WATCH_INTERVAL_MS) {
    throw new UserError(`--watch ${String(watch)} is faster than the minimum of 10s`, {
      hint: 'each refresh reads up to three endpoints per pipeline; use --watch 10s or slower',
    });
  }
  return ms;
}

export async function runStatus(ctx: CommandContext, paths: string[], flags: StatusFlags): Promise<void> {
  const intervalMs = flags.watch === undefined ? undefined : watchInterval(ctx, flags.watch);
  const namespace = await namespaceOf(ctx, paths, flags);
  const render = renderer(ctx, flags);
  const client = openApiClient(ctx, flags);
  const check = (): Promise<StatusReport> =>
    checkStatus(client, {
      namespace,
      sinceMs: flags.since,
      thresholds: { maxLag: flags.maxLag, maxLatencyMs: flags.maxLatency },
      now: (ctx.io.clock ?? systemClock).now(),
      logger: ctx.logger(),
    });
  try {
    if (intervalMs === undefined) {
      const report = await check();
      ctx.io.stdout.write(render(report));
      ctx.setExitCode(statusExitCode(report.summary));
      return;
    }
    const stop = new AbortController();
    const onSignal = (): void => stop.abort();
    process.once('SIGINT', onSignal);
    try {
      const last = await watchStatus({
        check,
        render,
        write: (t) => ctx.io.stdout.write(t),
        sleep: abortableSleep,
        intervalMs,
        signal: stop.signal,
      });
      if (last) ctx.setExitCode(statusExitCode(last.summary));
    } finally {
      process.off('SIGINT', onSignal);
    }
  } finally {
    await client.close();
  }
}
