import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { addApiOptions } from '../../src/cli/api-options.js';
import { openApiClient } from '../../src/cli/api-session.js';
import type { ApiCliOptions } from '../../src/cli/flags.js';
import { createContext } from '../../src/cli/context.js';
import { UserError } from '../../src/errors/index.js';
import { captureIo } from '../helpers/capture-io.js';
import { startEmulatorServer } from '../../src/emulator/index.js';

function parse(args: string[]): ApiCliOptions {
  const cmd = addApiOptions(new Command('plan').exitOverride().configureOutput({ writeErr: () => {} }));
  cmd.parse(args, { from: 'user' });
  return cmd.opts<ApiCliOptions>();
}

async function context(env: Record<string, string>) {
  const io = captureIo(env);
  const ctx = createContext(io, () => ({ logLevel: 'debug', debug: false, color: false }));
  await ctx.prepare();
  return ctx;
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
    expect(() => parse(['--concurrency', '0'])).toThrow(
      /'--concurrency <n>' argument '0' is invalid. Expected a whole number >= 1./,
    );
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
  // NOTE: over real HTTP (the emulator on 127.0.0.1): the client's default transport is undici's
  // `request`, which msw does not intercept.
  it('builds a working client from the environment and flags, logging to the run logger', async () => {
    const server = await startEmulatorServer({ port: 0, clientSecret: 'client-secret-PLANTED-4c2e' });
    try {
      const ctx = await context({
        STREAMKAP_CLIENT_ID: server.clientId,
        STREAMKAP_SECRET: server.clientSecret,
        STREAMKAP_API_URL: 'http://ignored:1',
      });
      const client = openApiClient(ctx, { apiUrl: server.url, maxRetries: 0 });
      await expect(client.request('GET', '/tags')).resolves.toMatchObject({ tags: expect.any(Array) });
      await client.close();
      const stderr = (ctx.io as ReturnType<typeof captureIo>).err();
      expect(stderr).toContain('"path":"/tags"');
      expect(stderr).toMatch(/"requestId":"[\w-]+"/);
      expect(stderr).not.toContain(server.clientSecret);
    } finally {
      await server.close();
    }
  });

  it('fails with a UserError when credentials are missing', async () => {
    const ctx = await context({});
    expect(() => openApiClient(ctx, {})).toThrow(UserError);
  });
});
