import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/api/backoff.js';
import { DEFAULTS } from '../../src/api/config.js';
import { retryLine } from '../../src/api/retry-notice.js';
import { judge } from '../../src/api/retry-policy.js';
import type { AttemptOutcome } from '../../src/api/transport.js';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture-io.js';

async function help(command: string): Promise<string> {
  const io = captureIo();
  expect(await main(['node', 'streamkap-gitops', command, '--help'], io)).toBe(0);
  return io.out();
}

function response(status: number, detail = 'x'): AttemptOutcome {
  const value = { detail };
  return {
    kind: 'response',
    status,
    retryAfter: undefined,
    body: { json: true, value, text: JSON.stringify(value) },
    requestId: undefined,
    date: undefined,
  };
}

const retryable = (o: AttemptOutcome): boolean => judge(o, 0, []).retryable;

describe('the "Retries" help of the commands that call the API', () => {
  it('is in the help of every command that calls the API, and only there', async () => {
    for (const command of ['plan', 'apply', 'drift', 'status', 'snapshot'])
      expect(await help(command), command).toContain('\nRetries:\n');
    for (const command of ['validate', 'schema', 'connectors', 'completion'])
      expect(await help(command), command).not.toContain('Retries:');
  });

  it('says what the client does', async () => {
    const text = (await help('plan')).replace(/\s+/g, ' ');
    expect(text).toContain('any 5xx (500 included), 429, a timeout or a network error');
    for (const status of [500, 501, 502, 503, 504, 429])
      expect(retryable(response(status)), `${status}`).toBe(true);
    expect(retryable({ kind: 'timeout', timeoutMs: 1 })).toBe(true);
    expect(retryable({ kind: 'network', message: 'reset', notSent: false, cause: null })).toBe(true);
    // "409 is retried only in its transient Kafka Connect form; other 4xx never"
    expect(retryable(response(409, 'Kafka Connect API call failed with status code 409'))).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 422])
      expect(retryable(response(status)), `${status}`).toBe(false);
    // "a create (POST) only once a lookup shows ..." : a 5xx may have landed, so the client looks it up.
    expect(judge(response(500), 0, []).mayHaveLanded).toBe(true);

    const { initialMs, maxMs } = DEFAULTS.backoff;
    expect(text).toContain(
      `--max-retries times (default ${DEFAULTS.maxAttempts - 1}), waiting ${initialMs / 1000}s, 2s, 4s ... up to ${maxMs / 1000}s`,
    );
    const nominal = backoffDelay(2, { ...DEFAULTS.backoff, jitter: false }, () => 0);
    const example = retryLine({
      method: 'GET',
      path: '/sources',
      reason: 'HTTP 500',
      delayMs: nominal,
      attempt: 3,
      maxAttempts: DEFAULTS.maxAttempts,
      afterLookup: false,
    });
    expect(text).toContain(`"${example}"`);
  });
});
