import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CommandContext } from '../context.js';

export interface EmulatorFlags {
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
  printEnv: boolean;
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
    .option(
      '--print-env',
      'run in the background and print export lines for eval (STREAMKAP_API_URL, credentials, STREAMKAP_EMULATOR_PID)',
      false,
    )
    .action(async (flags: EmulatorFlags) => {
      // NOTE: imported lazily so the other commands never pay for the emulator's modules at start-up.
      const { runEmulator } = await import('../run/emulator.js');
      await runEmulator(ctx, flags);
    });
}
