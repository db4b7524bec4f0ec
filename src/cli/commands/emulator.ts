import { Option, type Command } from 'commander';
import type { CommandContext } from '../context.js';
import { decimal, wholeNumber, type EmulatorFlags } from '../flags.js';

export function registerEmulator(program: Command, ctx: CommandContext): void {
  program
    .command('emulator')
    .description('Run a local emulator of the Streamkap API (prints one JSON line with url and credentials)')
    .option('--port <port>', 'port to listen on (0 picks a free one)', wholeNumber(0, 65535), 8080)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <file>', 'load state from this JSON file and save changes to it')
    .option('--fixtures <file>', 'JSON seed items to create at start (format of POST /__emulator/seed)')
    .option('--client-id <id>', 'accepted client id', 'emulator-client')
    .option('--client-secret <secret>', 'accepted client secret (default: random, printed at start)')
    .option('--seed <n>', 'seed of ids and injected faults', wholeNumber(0), 1)
    .option('--token-lifetime <seconds>', 'expiresIn of issued access tokens', decimal(0))
    .option('--latency-ms <ms>', 'latency added to every API call', decimal(0))
    .option('--jitter-ms <ms>', 'random extra latency up to this', decimal(0))
    .option('--error-rate <p>', 'probability of a random 500/502/503/504', decimal(0, 1))
    .option('--rate-limit-rate <p>', 'probability of a 429', decimal(0, 1))
    .option('--html-error-rate <p>', 'probability of an HTML 502/504 page', decimal(0, 1))
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
    .option('--settle-reads <n>', 'reads a wait=false write stays Pending', wholeNumber(0))
    .option('--settle-delay-ms <ms>', 'time after which a wait=false write is Active', decimal(0))
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
    .option('--deploy-polls <n>', 'job_status polls before a deployed transform is RUNNING', wholeNumber(0))
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
