import type { Command } from 'commander';
// NOTE: defaults.js, not the api index or config.js: those load undici, the errors and the
// catalogue, and registering the flags runs on every CLI call (even --version).
import { DEFAULTS as API_DEFAULTS } from '../api/defaults.js';
import { wholeNumber } from './flags.js';
import { retriesHelp } from './help/retries.js';

/**
 * Adds the API connection flags (`ApiCliOptions`) to a command that talks to Streamkap, and the
 * "Retries:" block to its help (before the examples, which addHelpTexts appends last).
 */
export function addApiOptions(cmd: Command): Command {
  return cmd
    .addHelpText('after', retriesHelp())
    .option(
      '--api-url <url>',
      'Streamkap API base URL (env STREAMKAP_API_URL or STREAMKAP_HOST; default https://api.streamkap.com). ' +
        'Credentials come from STREAMKAP_CLIENT_ID and STREAMKAP_CLIENT_SECRET',
    )
    .option(
      '--timeout <ms>',
      `timeout of each API request in milliseconds (default ${API_DEFAULTS.timeoutMs})`,
      wholeNumber(1),
    )
    .option(
      '--max-retries <n>',
      `retries of a failed API request (see "Retries" below; default ${API_DEFAULTS.maxAttempts - 1})`,
      wholeNumber(0),
    )
    .option(
      '--concurrency <n>',
      `API requests in flight at once (default ${API_DEFAULTS.concurrency})`,
      wholeNumber(1),
    );
}
