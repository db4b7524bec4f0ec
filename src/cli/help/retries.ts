/**
 * The "Retries:" block of every command that calls the API, written from the client's own defaults
 * so the help cannot drift from what the client does (a test checks it against the client too).
 */
// NOTE: defaults.js, not the api index or config.js: those load undici, the errors and the
// catalogue, and registering the flags runs on every CLI call (even --version).
import { DEFAULTS } from '../../api/defaults.js';

const seconds = (ms: number): string => `${ms / 1000}s`;

function schedule(): string {
  const { initialMs, factor, maxMs } = DEFAULTS.backoff;
  const steps = [initialMs, initialMs * factor, initialMs * factor ** 2].filter((ms) => ms < maxMs);
  return `${steps.map(seconds).join(', ')} ... up to ${seconds(maxMs)}`;
}

export function retriesHelp(): string {
  const lines = [
    'A request that fails with any 5xx (500 included), 429, a timeout or a network error is',
    `retried up to --max-retries times (default ${DEFAULTS.maxAttempts - 1}), waiting ${schedule()}`,
    '(each wait jittered; a Retry-After header wins). Reads, updates and deletes are resent as',
    'they are; a create (POST) only once a lookup shows the failed attempt created nothing. A',
    '409 is retried only in its transient Kafka Connect form; other 4xx never. Each retry prints',
    'one line on stderr (hidden by --log-level error), e.g.',
    '"retrying GET /sources in 2s (HTTP 500, attempt 3 of 5)".',
  ];
  return `\nRetries:\n${lines.map((l) => `  ${l}`).join('\n')}`;
}
