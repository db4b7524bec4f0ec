/**
 * Secret masking in API errors beyond the request body: an error may echo a stored secret that is
 * not in its own request body (the old password of an object being updated, a source embedded in a
 * pipeline), so the client masks every catalogue secret value it has seen in any request or
 * response body; URL credentials are masked in free text.
 */
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError, UserError } from '../../src/errors/index.js';
import { collectCatalogueSecretStrings, scrubText } from '../../src/logging/scrub.js';
import { BASE, FakeAuth, caught, testClient, useMsw } from './fake-api.js';

const server = useMsw();

const OLD_PASSWORD = 'old-pw-PLANTED-3c1d';
const NEW_PASSWORD = 'new-pw-PLANTED-8e2f';
const MONGO_URI = 'mongodb://u:mongo-PLANTED-5a@h/db';

describe('secrets seen in earlier bodies are masked in later errors', () => {
  it('masks a stored value echoed by a failed update whose body holds another value', async () => {
    const auth = new FakeAuth();
    server.use(
      ...auth.handlers(),
      http.get(`${BASE}/pipelines`, () =>
        HttpResponse.json({
          result: [
            {
              id: 'p1',
              source: { id: 's1', config: { 'database.password': OLD_PASSWORD, 'database.port': '5432' } },
              destination: { id: 'd1', config: { 'mongodb.connection.string.user.defined': MONGO_URI } },
            },
          ],
        }),
      ),
      http.put(`${BASE}/sources/s1`, () =>
        HttpResponse.json(
          { detail: `cannot change ${OLD_PASSWORD} to the new value; destination uses ${MONGO_URI}` },
          { status: 400 },
        ),
      ),
    );
    const { client } = testClient();
    await client.request('GET', '/pipelines');
    const body = { name: 's', connector: 'postgresql', config: { 'database.password': NEW_PASSWORD } };
    const error = await caught(() => client.request('PUT', '/sources/s1', { body }));
    expect(error).toBeInstanceOf(ApiError);
    const message = (error as ApiError).message;
    expect(message).toBe(
      'PUT /sources/s1 -> HTTP 400: cannot change [redacted] to the new value; destination uses [redacted]',
    );
    expect((error as ApiError).details.join()).not.toContain('PLANTED');
  });

  it('collects only values under catalogue secret keys, at any depth, skipping withheld ones', () => {
    const found = collectCatalogueSecretStrings(
      {
        result: [{ source: { config: { 'database.password': 'pw-1234', 'sasl.mechanism': 'PLAIN' } } }],
        keyfile: { private_key: 'k-5678' },
        config: { 'snowflake.private.key': '********', 'database.user': 'streamkap' },
      },
      new Set(),
    );
    expect([...found].sort()).toEqual(['k-5678', 'pw-1234']);
  });

  it('scrubText masks many known values quickly, longest first', () => {
    const known = Array.from({ length: 20_000 }, (_, i) => `secret-value-${i}`);
    const text = `a secret-value-123 b secret-value-12 c ${JSON.stringify('q"secret-value-7"')}`;
    expect(scrubText(text, known)).toBe('a [redacted] b [redacted] c "q\\"[redacted]\\""');
  });
});

describe('scrubText on already masked text', () => {
  it('leaves a masked value and what follows it alone', () => {
    const pw = 'pw-PLANTED-77';
    expect(scrubText(`(database.password=${pw}) "password": "${pw}", Bearer ${pw}`, [pw])).toBe(
      '(database.password=[redacted]) "password": [redacted], Bearer [redacted]',
    );
  });
});

describe('URL credentials', () => {
  it('masks the password of a URL user info in free text', () => {
    expect(
      scrubText('cannot fetch http://user:pw-PLANTED@127.0.0.1:1/auth and mongodb://r:p2@h/db', []),
    ).toBe('cannot fetch http://user:[redacted]@127.0.0.1:1/auth and mongodb://r:[redacted]@h/db');
    expect(scrubText('see https://example.com:8443/x and a@b', [])).toBe(
      'see https://example.com:8443/x and a@b',
    );
  });

  it('an API URL with credentials is refused without showing them', () => {
    for (const baseUrl of ['http://user:pw-PLANTED@127.0.0.1:1', 'http://user:pw-PLANTED@bad host/']) {
      let message = '';
      try {
        testClient({ baseUrl });
      } catch (error) {
        expect(error).toBeInstanceOf(UserError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/^Invalid API URL "http:\/\/user:\[redacted\]@/);
      expect(message).not.toContain('PLANTED');
    }
  });
});

describe('values handed to the client up front', () => {
  it('are masked in an error that echoes them before any body carried them', async () => {
    const DESIRED = 'desired-pw-PLANTED-41aa';
    server.use(
      ...new FakeAuth().handlers(),
      http.get(`${BASE}/pipelines`, () =>
        HttpResponse.json({ detail: `connector failed: password ${DESIRED} rejected` }, { status: 400 }),
      ),
    );
    const { client } = testClient();
    client.maskValues([DESIRED, '']);
    const error = await caught(() => client.request('GET', '/pipelines'));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(
      'GET /pipelines -> HTTP 400: connector failed: password [redacted] rejected',
    );
  });
});
