/**
 * `snapshot <source> [paths...]`: every check that needs no request first (the flags; with
 * manifests, the source declared and its tables in the manifest's include list), then reads only
 * (the source by exact name, its ownership, its live include list), and only when all of them pass
 * the one write: start or stop. So an invalid request sends nothing at all, or no write.
 */
import { systemClock } from '../../applier/index.js';
import { UserError } from '../../errors/index.js';
import { printable } from '../../render/printable.js';
import { plural } from '../../render/plural.js';
import type { SourceResource } from '../../model/index.js';
import { didYouMean } from '../../schema/suggest.js';
import { loadDesiredState } from '../../schema/index.js';
import { tableProblems } from '../../snapshot/check-tables.js';
import { checkOwned, findSource, type LiveSource } from '../../snapshot/find-source.js';
import { startBody, type StartSnapshotBody } from '../../snapshot/request-body.js';
import { startSnapshot, stopSnapshot } from '../../snapshot/send-snapshot.js';
import { checkSnapshotFlags, type SnapshotRequestInput } from '../../snapshot/snapshot-flags.js';
import { desiredSourceTables, liveSourceTables } from '../../snapshot/source-tables.js';
import { progressText, waitForSnapshot } from '../../snapshot/wait-snapshot.js';
import type { ApiClient } from '../../api/types.js';
import { openApiClient } from '../api-session.js';
import type { CommandContext } from '../context.js';
import type { SnapshotFlags } from '../flags.js';

interface Declared {
  readonly namespace: string;
  readonly source: SourceResource;
}

/** Lists the problems on stderr (one per line) and returns the error that ends the run (exit 4). */
function invalid(ctx: CommandContext, source: string, problems: readonly string[]): UserError {
  for (const p of problems) ctx.io.stderr.write(`  ${printable(p)}\n`);
  const n = problems.length;
  return new UserError(`snapshot of ${source} not sent: ${n} problem${n === 1 ? '' : 's'} (listed above)`, {
    hint: 'fix the flags (or the include list), then run again',
  });
}

/** The source as the manifests declare it (read without their secrets). */
async function declaredSource(
  ctx: CommandContext,
  paths: string[],
  name: string,
  flags: SnapshotFlags,
): Promise<Declared> {
  const { state } = await loadDesiredState(paths, {
    cwd: ctx.io.cwd,
    env: ctx.io.env,
    allowMissingEnv: true,
    maxFileBytes: flags.maxFileSize,
  });
  const sources = state.resources.filter((r): r is SourceResource => r.kind === 'source');
  const source = sources.find((s) => s.name === name);
  if (source) return { namespace: state.namespace, source };
  throw new UserError(
    `source "${name}" is not declared in the manifests (namespace ${state.namespace}); nothing was sent`,
    {
      hint:
        didYouMean(
          name,
          sources.map((s) => s.name),
        ) ?? 'without manifest paths, snapshot looks the source up in the account only',
    },
  );
}

function describeStart(source: string, body: StartSnapshotBody, input: SnapshotRequestInput): string {
  const what = body.topic_names
    ? `${plural(body.topic_names.length, 'table')}: ${body.topic_names.join(', ')}`
    : 'every table';
  const lines = [`Started an incremental snapshot of ${source}, ${what}.`];
  for (const c of input.conditions) lines.push(`  rows of ${c.table} where ${c.filter}`);
  return `${lines.join('\n')}\n`;
}

async function start(
  ctx: CommandContext,
  client: ApiClient,
  live: LiveSource,
  input: SnapshotRequestInput,
  flags: SnapshotFlags,
): Promise<void> {
  const tables = liveSourceTables(live.connector, live.config);
  const problems = tableProblems(input, tables, `the live table include list of source ${live.name}`);
  if (problems.length > 0) throw invalid(ctx, live.name, problems);
  if (!tables.includes && (input.tables !== undefined || input.conditions.length > 0)) {
    ctx.io.stderr.write(
      `warning: source ${live.name} has no table include list: the tables named were not checked\n`,
    );
  }
  const body = startBody(live.id, tables, input);
  await startSnapshot(client, live.name, body);
  ctx.io.stdout.write(describeStart(live.name, body, input));
  if (!flags.wait) {
    ctx.io.stdout.write(
      `Follow it with \`streamkap-gitops status\`; stop it with \`streamkap-gitops snapshot ${printable(live.name)} --stop\`.\n`,
    );
    return;
  }
  const done = await waitForSnapshot(client, live, {
    clock: ctx.io.clock ?? systemClock,
    intervalMs: flags.pollInterval,
    timeoutMs: flags.waitTimeout,
    onProgress: (p) => ctx.io.stderr.write(`  ${printable(`${live.name}: ${progressText(p)}`)}\n`),
  });
  ctx.io.stdout.write(`${printable(`Snapshot of ${live.name} completed: ${progressText(done)}.`)}\n`);
}

export async function runSnapshot(
  ctx: CommandContext,
  source: string,
  paths: string[],
  flags: SnapshotFlags,
): Promise<void> {
  const { problems, input } = checkSnapshotFlags(flags);
  const declared = paths.length > 0 ? await declaredSource(ctx, paths, source, flags) : undefined;
  if (declared && !flags.stop) {
    const list = `the table include list of source ${source} in the manifests`;
    problems.push(...tableProblems(input, desiredSourceTables(declared.source), list));
  }
  if (problems.length > 0) throw invalid(ctx, source, problems);
  const client = openApiClient(ctx, flags);
  try {
    const live = await findSource(client, source);
    if (declared) await checkOwned(client, live, declared.namespace, ctx.logger());
    if (flags.stop) {
      await stopSnapshot(client, live.name, live.id);
      ctx.io.stdout.write(`Stopped the incremental snapshot of ${printable(live.name)}.\n`);
      return;
    }
    await start(ctx, client, live, input, flags);
  } finally {
    await client.close();
  }
}
