import { Command, CommanderError } from 'commander';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { addApiOptions, openApiClient, type ApiCliOptions } from '../../src/cli/api-session.js';
import { createContext } from '../../src/cli/context.js';
import { UserError } from '../../src/errors/index.js';
import { captureIo } from '../helpers/capture-io.js';
import { BASE, CLIENT_ID, CLIENT_SECRET, FakeAuth, useMsw } from './fake-api.js';

const server = useMsw();

function parse(args: string[]): ApiCliOptions {
  const cmd = addApiOptions(new Command('plan').exitOverride().configureOutput({ writeErr: () => {} }));
  cmd.parse(args, { from: 'user' });
  return cmd.opts<ApiCliOptions>();
}

function context(env: Record<string, string>) {
  const io = captureIo(env);
  return createContext(io, () => ({ logLevel: 'debug', debug: false, color: false }));
}

describe('addApiOptions', () => {
  it('parses the flags into numbers', () => {
    expect(
      parse(['--api-url', 'http://x:1', '--timeout', '250', '--max-retries', '0', '--concurrency', '3']),
    ).toEqual({
      apiUrl: 'http://x:1',
      timeout: 250,
      maxRetries: 0,
      concurrency: 3,
    });
    expect(parse([])).toEqual({});
  });

  it('rejects malformed numbers as usage errors', () => {
    expect(() => parse(['--timeout', '10s'])).toThrow(CommanderError);
    expect(() => parse(['--concurrency', '0'])).toThrow(/--concurrency takes a whole number >= 1/);
  });

  it('documents every flag in the help', () => {
    const help = addApiOptions(new Command('plan')).helpInformation();
    for (const flag of ['--api-url <url>', '--timeout <ms>', '--max-retries <n>', '--concurrency <n>']) {
      expect(help).toContain(flag);
    }
    expect(help).toContain('STREAMKAP_CLIENT_ID');
  });
});

describe('openApiClient', () => {
  it('builds a working client from the environment and flags, logging to the run logger', async () => {
    server.use(
      ...new FakeAuth().handlers(),
      http.get(`${BASE}/tags`, () => HttpResponse.json({ tags: [] }, { headers: { 'X-Request-Id': 'r-1' } })),
    );
    const ctx = context({
      STREAMKAP_CLIENT_ID: CLIENT_ID,
      STREAMKAP_SECRET: CLIENT_SECRET,
      STREAMKAP_API_URL: 'http://ignored:1',
    });
    const client = openApiClient(ctx, { apiUrl: BASE, maxRetries: 0 });
    await expect(client.request('GET', '/tags')).resolves.toEqual({ tags: [] });
    await client.close();
    const stderr = (ctx.io as ReturnType<typeof captureIo>).err();
    expect(stderr).toContain('"path":"/tags"');
    expect(stderr).toContain('"requestId":"r-1"');
    expect(stderr).not.toContain(CLIENT_SECRET);
  });

  it('fails with a UserError when credentials are missing', () => {
    expect(() => openApiClient(context({}), {})).toThrow(UserError);
  });
});
