import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors/index.js';
import { BASE, CLIENT_SECRET, FakeAuth, caught, testClient, useMsw } from './fake-api.js';

const server = useMsw();

function answer(method: 'post' | 'put' | 'get', path: string, response: () => Response): void {
  server.use(...new FakeAuth().handlers(), http[method](`${BASE}${path}`, response));
}

const SOURCE_ID = '665e1f0c2b3a4d5e6f708192';

describe('ApiError', () => {
  it('renders a string detail with status, method, path, request id and a duplicate hint', async () => {
    answer('post', '/sources', () =>
      HttpResponse.json(
        { detail: 'Source with name orders-db already exists' },
        { status: 422, headers: { 'X-Request-Id': 'req-123' } },
      ),
    );
    const { client } = testClient();
    const error = (await caught(() =>
      client.request('POST', '/sources', { body: { name: 'orders-db' }, query: { wait: false } }),
    )) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe(
      'POST /sources -> HTTP 422: Source with name orders-db already exists [request id req-123]',
    );
    expect(error).toMatchObject({ status: 422, method: 'POST', path: '/sources', requestId: 'req-123' });
    expect(error.details).toEqual(['Source with name orders-db already exists']);
    expect(error.hint).toMatch(/already exists/);
    expect(error.retryable).toBe(false);
  });

  it.each([
    ['a secret of the request body', 'req-hunter2-PLANTED-pw', 'req-[redacted]'],
    ['what is not an id', 'req "quoted" <b>', undefined],
    ['an id too long to be one', `req-${'x'.repeat(200)}`, undefined],
  ])('keeps a request id holding %s out of the message', async (_label, sent, kept) => {
    answer('post', '/sources', () =>
      HttpResponse.json({ detail: 'nope' }, { status: 422, headers: { 'X-Request-Id': sent } }),
    );
    const { client } = testClient();
    const error = (await caught(() =>
      client.request('POST', '/sources', {
        body: { name: 'x', config: { 'database.password': 'hunter2-PLANTED-pw' } },
      }),
    )) as ApiError;
    expect(error.requestId).toBe(kept);
    expect(error.message).toBe(`POST /sources -> HTTP 422: nope${kept ? ` [request id ${kept}]` : ''}`);
  });

  it('renders one line per Pydantic validation item and never echoes the input', async () => {
    answer('put', `/sources/${SOURCE_ID}`, () =>
      HttpResponse.json(
        {
          detail: [
            {
              loc: ['body', 'config', 'database.port'],
              msg: 'Input should be a valid integer',
              type: 'int_parsing',
              input: 'hunter2-PLANTED',
              ctx: {},
            },
            { loc: ['body', 'name'], msg: 'Field required', type: 'missing', input: {} },
          ],
        },
        { status: 422 },
      ),
    );
    const { client } = testClient();
    const error = (await caught(() =>
      client.request('PUT', `/sources/${SOURCE_ID}?secret_returned=true`, { body: {} }),
    )) as ApiError;
    expect(error.details).toEqual([
      'body.config.database.port: Input should be a valid integer',
      'body.name: Field required',
    ]);
    expect(error.path).toBe(`/sources/${SOURCE_ID}`);
    expect(error.message).toBe(
      `PUT /sources/${SOURCE_ID} -> HTTP 422:\n  body.config.database.port: Input should be a valid integer\n  body.name: Field required`,
    );
    expect(error.message).not.toContain('hunter2');
    expect(error.hint).toMatch(/fix the fields/);
  });

  it('cuts an HTML gateway page to a short scrubbed snippet', async () => {
    const html = `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(1000)}</body></html>`;
    answer(
      'put',
      `/sources/${SOURCE_ID}`,
      () => new HttpResponse(html, { status: 502, headers: { 'Content-Type': 'text/html' } }),
    );
    const { client } = testClient({ maxAttempts: 2 });
    const error = (await caught(() =>
      client.request('PUT', `/sources/${SOURCE_ID}`, { body: {} }),
    )) as ApiError;
    expect(
      error.message.startsWith(
        `PUT /sources/${SOURCE_ID} -> HTTP 502 after 2 attempts (non-JSON body: <html><head><title>502 Bad Gateway</title>`,
      ),
    ).toBe(true);
    expect(error.message.length).toBeLessThan(320);
    expect(error.message).toMatch(/\.\.\.\)$/);
    expect(error.details).toEqual([]);
  });

  it('masks secrets of the request body echoed in an error detail', async () => {
    answer('post', '/sources', () =>
      HttpResponse.json(
        { detail: 'could not connect with password s3cr3t-PLANTED-pw to host db' },
        { status: 400 },
      ),
    );
    const { client } = testClient();
    const error = (await caught(() =>
      client.request('POST', '/sources', {
        body: { name: 'x', config: { 'database.password': 's3cr3t-PLANTED-pw', keyfile: '{"k":1}' } },
      }),
    )) as ApiError;
    expect(error.message).toContain('could not connect with password [redacted] to host db');
    expect(error.message).not.toContain('s3cr3t');
  });

  it('never puts the client secret or a token in an error from the auth endpoint', async () => {
    server.use(
      http.post(
        `${BASE}/auth/access-token`,
        async ({ request }) =>
          new HttpResponse(`<pre>bad request: ${await request.text()} Bearer abc.def</pre>`, {
            status: 400,
            headers: { 'Content-Type': 'text/html' },
          }),
      ),
    );
    const { client } = testClient();
    const error = (await caught(() => client.request('GET', '/sources'))) as ApiError;
    expect(error.message).toContain('POST /auth/access-token -> HTTP 400 (non-JSON body:');
    expect(error.message).not.toContain(CLIENT_SECRET);
    expect(error.message).not.toContain('abc.def');
  });
});
