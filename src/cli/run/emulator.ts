import { startEmulatorServer } from '../../emulator/index.js';
import { UserError } from '../../errors/index.js';
import type { EmulatorFlags } from '../flags.js';
import type { CommandContext } from '../context.js';

/** Flags that map one-to-one onto emulator settings (undefined = the emulator's default). */
function settingsFrom(f: EmulatorFlags): Record<string, unknown> {
  const map: Record<string, unknown> = {
    tokenLifetimeSeconds: f.tokenLifetime,
    latencyMs: f.latencyMs,
    jitterMs: f.jitterMs,
    errorRate: f.errorRate,
    rateLimitRate: f.rateLimitRate,
    htmlErrorRate: f.htmlErrorRate,
    secretMask: f.secretMask,
    stringEncoding: f.stringEncoding,
    settleReads: f.settleReads,
    settleDelayMs: f.settleDelayMs,
    putConfig: f.putConfig,
    missingById: f.missingById,
    pageSizeOver100: f.pageSizeOver100,
    referencedDelete: f.referencedDelete,
    deployPolls: f.deployPolls,
  };
  return Object.fromEntries(Object.entries(map).filter(([, v]) => v !== undefined));
}

/** Resolves on the first SIGINT or SIGTERM, so the action (and main()) can finish normally. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `--fixtures`: seed items (the `POST /__emulator/seed` format) created at start. */
async function loadFixtures(
  server: { emulator: { seed(body: unknown): unknown[] }; close(): Promise<void> },
  file: string,
  cwd: string,
): Promise<void> {
  const { readFile } = await import('node:fs/promises');
  const { resolve } = await import('node:path');
  try {
    server.emulator.seed(JSON.parse(await readFile(resolve(cwd, file), 'utf8')) as unknown);
  } catch (error) {
    await server.close();
    const message = error instanceof Error ? error.message : String(error);
    throw new UserError(`Could not load emulator fixtures from ${file}: ${message}`, {
      hint: 'The file holds JSON seed items, e.g. {"sources": [{"name": "pg", "connector": "postgresql", "config": {}}]}.',
      cause: error,
    });
  }
}

/** The `emulator` action: serves until SIGINT/SIGTERM, then closes (saving --data). */
export async function runEmulator(ctx: CommandContext, flags: EmulatorFlags): Promise<void> {
  if (flags.printEnv) {
    const { exportLines, startInBackground } = await import('./emulator-background.js');
    const { ready, pid } = await startInBackground(process.argv);
    ctx.io.stdout.write(exportLines(ready, pid));
    return;
  }
  const signal = untilSignal();
  let server;
  try {
    server = await startEmulatorServer({
      port: flags.port,
      host: flags.host,
      ...(flags.data !== undefined ? { dataFile: flags.data } : {}),
      clientId: flags.clientId,
      ...(flags.clientSecret !== undefined ? { clientSecret: flags.clientSecret } : {}),
      seed: flags.seed,
      ...settingsFrom(flags),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UserError(`The emulator could not start on ${flags.host}:${flags.port}: ${message}`, {
      hint: 'Pick another --port (0 picks a free one), or fix/delete the --data file.',
      cause: error,
    });
  }
  if (flags.fixtures !== undefined) await loadFixtures(server, flags.fixtures, ctx.io.cwd);
  ctx.io.stdout.write(
    `${JSON.stringify({ url: server.url, client_id: server.clientId, client_secret: server.clientSecret })}\n`,
  );
  ctx.logger().info({ url: server.url, data: flags.data ?? null }, 'emulator listening');
  const received = await signal;
  ctx.logger().info({ signal: received }, 'emulator stopping');
  await server.close();
}
