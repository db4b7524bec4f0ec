import { Writable } from 'node:stream';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { scrubSecrets, scrubText } from '../../src/api/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { SecretValue } from '../../src/model/secret.js';
import { BASE, CLIENT_SECRET, FakeAuth, caught, testClient, unauthorised, useMsw } from './fake-api.js';

const server = useMsw();

const DB_PASSWORD = 'db-password-PLANTED-77';
const KEYFILE = '{"private_key":"-----BEGIN PRIVATE KEY-----PLANTED"}';
const SNOWFLAKE_KEY = 'snowflake-key-PLANTED-55';

function bufferLogger() {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  return { logger: createLogger({ level: 'trace', destination }), text: () => text };
}

describe('redaction', () => {
  it('never writes tokens, the client secret or secret config values to the log', async () => {
    const auth = new FakeAuth();
    let calls = 0;
    server.use(
      ...auth.handlers(),
      http.post(`${BASE}/sources`, async ({ request }) => {
        calls += 1;
        if (calls === 1) return unauthorised(); // forces a refresh: a second token pair is issued
        const body = await request.text();
        return HttpResponse.json(
          { detail: `Connection test failed for ${body}` },
          { status: 400, headers: { 'X-Request-Id': 'req-9' } },
        );
      }),
    );
    const { logger, text } = bufferLogger();
    const { client } = testClient({}, logger);
    const body = {
      name: 'orders-db',
      connector: 'postgresql',
      config: { 'database.password': DB_PASSWORD, keyfile: KEYFILE, 'snowflake.private.key': SNOWFLAKE_KEY },
    };
    const error = await caught(() => client.request('POST', '/sources', { body }));
    // What callers do with errors and bodies: log them.
    logger.error({ err: error }, 'create failed');
    logger.debug({ body, headers: { authorization: 'Bearer access-token-PLANTED-2' } }, 'request body');
    logger.info(
      {
        pipeline: { source: { config: { 'database.password': DB_PASSWORD } } },
        accessToken: 'access-token-PLANTED-1',
      },
      'pipeline echo',
    );
    logger.info({ value: new SecretValue(DB_PASSWORD, 'env:DB_PASSWORD') }, 'secret value');

    const log = text();
    expect(log).toContain('"msg":"api request"');
    expect(log).toMatch(
      /"method":"POST","path":"\/sources","attempt":\d,"durationMs":\d+,"status":400,"requestId":"req-9"/,
    );
    expect(log).toContain('Connection test failed');
    for (const planted of [
      'access-token-PLANTED',
      'refresh-token-PLANTED',
      CLIENT_SECRET,
      DB_PASSWORD,
      'PRIVATE KEY',
      SNOWFLAKE_KEY,
    ]) {
      expect(log).not.toContain(planted);
    }
    expect(auth.refreshed).toBe(1);
  });
});

describe('scrubSecrets / scrubText', () => {
  it('masks provider-pattern keys and catalogue secret keys at any depth, leaving others', () => {
    const input = {
      name: 'x',
      config: { 'database.password': 'a', 'database.user': 'u', keyfile: 'k', 'aws.access.key.id': 'AKIA' },
      nested: [{ apiKey: 'k2', sasl_jaas: 'j', cookie: 'c', port: 5432 }],
      empty: { password: null },
    };
    expect(scrubSecrets(input)).toEqual({
      name: 'x',
      config: {
        'database.password': '[redacted]',
        'database.user': 'u',
        keyfile: '[redacted]',
        'aws.access.key.id': '[redacted]',
      },
      nested: [{ apiKey: '[redacted]', sasl_jaas: '[redacted]', cookie: '[redacted]', port: 5432 }],
      empty: { password: null },
    });
    expect(input.config['database.password']).toBe('a');
  });

  it('masks known values, bearer tokens and key=value pairs in free text', () => {
    expect(scrubText('Authorization: Bearer eyJabc.def-ghi and more', [])).toBe(
      'Authorization: Bearer [redacted] and more',
    );
    expect(scrubText('url?client_secret=abc&x=1 "password": "p w"', [])).toBe(
      'url?client_secret=[redacted]&x=1 "password": [redacted]',
    );
    expect(scrubText('echo: swordfish!', ['swordfish!'])).toBe('echo: [redacted]');
  });

  it('masks a stored secret echoed back as a request id, in the error and in the debug log', async () => {
    const ECHOED = 'stored-pw-ECHOED-31';
    const auth = new FakeAuth();
    const headers = { 'X-Request-Id': ECHOED };
    server.use(
      ...auth.handlers(),
      http.get(`${BASE}/sources/s1`, () =>
        HttpResponse.json(
          { id: 's1', name: 'a', connector: 'postgresql', config: { 'database.password': ECHOED } },
          { headers },
        ),
      ),
      http.delete(`${BASE}/sources/s1`, () =>
        HttpResponse.json({ detail: 'refused' }, { status: 400, headers }),
      ),
    );
    const { logger, text } = bufferLogger();
    const { client } = testClient({}, logger);
    await client.request('GET', '/sources/s1');
    const error = (await caught(() => client.request('DELETE', '/sources/s1'))) as Error;
    expect(error.message).toContain('[request id [redacted]]');
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(ECHOED);
    expect(text()).toContain('api request');
    expect(text()).not.toContain(ECHOED);
  });
});
