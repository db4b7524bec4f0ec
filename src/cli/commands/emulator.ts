import { InvalidArgumentError, Option, type Command } from 'commander';
import { UserError } from '../../errors/index.js';
import type { CommandContext } from '../context.js';

interface EmulatorFlags {
  port: number;
  host: string;
  data?: string;
  fixtures?: string;
  clientId: string;
  clientSecret?: string;
  seed: number;
  tokenLifetime?: number;
  latencyMs?: number;
  jitterMs?: number;
  errorRate?: number;
  rateLimitRate?: number;
  htmlErrorRate?: number;
  secretMask?: 'omit' | 'null' | 'mask';
  stringEncoding?: 'defaults' | 'all' | 'none';
  settleReads?: number;
  settleDelayMs?: number;
  putConfig?: 'replace' | 'merge';
  missingById?: 'empty' | '404';
  pageSizeOver100?: 'reject' | 'clamp';
  referencedDelete?: 'refuse' | 'cascade' | 'orphan';
  deployPolls?: number;
}

function number(min: number, max = Number.POSITIVE_INFINITY) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a number between ${min} and ${max}, got "${value}"`);
    }
    return n;
  };
}

const port = (value: string): number => {
  const n = number(0, 65535)(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`expected a port number, got "${value}"`);
  return n;
};

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

async function run(ctx: CommandContext, flags: EmulatorFlags): Promise<void> {
  // NOTE: imported lazily so the other commands never pay for the emulator's modules at start-up.
  const { startEmulatorServer } = await import('../../emulator/index.js');
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

export function registerEmulator(program: Command, ctx: CommandContext): void {
  program
    .command('emulator')
    .description('Run a local emulator of the Streamkap API (prints one JSON line with url and credentials)')
    .option('--port <port>', 'port to listen on (0 picks a free one)', port, 8080)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <file>', 'load state from this JSON file and save changes to it')
    .option('--fixtures <file>', 'JSON seed items to create at start (format of POST /__emulator/seed)')
    .option('--client-id <id>', 'accepted client id', 'emulator-client')
    .option('--client-secret <secret>', 'accepted client secret (default: random, printed at start)')
    .option('--seed <n>', 'seed of ids and injected faults', number(0), 1)
    .option('--token-lifetime <seconds>', 'expiresIn of issued access tokens', number(0))
    .option('--latency-ms <ms>', 'latency added to every API call', number(0))
    .option('--jitter-ms <ms>', 'random extra latency up to this', number(0))
    .option('--error-rate <p>', 'probability of a random 500/502/503/504', number(0, 1))
    .option('--rate-limit-rate <p>', 'probability of a 429', number(0, 1))
    .option('--html-error-rate <p>', 'probability of an HTML 502/504 page', number(0, 1))
    .addOption(
      new Option('--secret-mask <mode>', 'how secrets are withheld without secret_returned').choices([
        'omit',
        'null',
        'mask',
      ]),
    )
    .addOption(
      new Option('--string-encoding <mode>', 'which config scalars read back as strings').choices([
        'defaults',
        'all',
        'none',
      ]),
    )
    .option('--settle-reads <n>', 'reads a wait=false write stays Pending', number(0))
    .option('--settle-delay-ms <ms>', 'time after which a wait=false write is Active', number(0))
    .addOption(new Option('--put-config <mode>', 'PUT config semantics').choices(['replace', 'merge']))
    .addOption(new Option('--missing-by-id <mode>', 'GET of an unknown id').choices(['empty', '404']))
    .addOption(new Option('--page-size-over-100 <mode>', 'page_size above 100').choices(['reject', 'clamp']))
    .addOption(
      new Option('--referenced-delete <mode>', 'deleting what a pipeline uses').choices([
        'refuse',
        'cascade',
        'orphan',
      ]),
    )
    .option('--deploy-polls <n>', 'job_status polls before a deployed transform is RUNNING', number(0))
    .action((flags: EmulatorFlags) => run(ctx, flags));
}
