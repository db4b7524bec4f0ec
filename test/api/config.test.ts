import { describe, expect, it } from 'vitest';
import { createDispatcher, resolveApiConfig } from '../../src/api/index.js';
import { UserError } from '../../src/errors/index.js';

const CREDS = { STREAMKAP_CLIENT_ID: 'id', STREAMKAP_CLIENT_SECRET: 'sec' };

describe('resolveApiConfig', () => {
  it('defaults to the public API and reads our variable names', () => {
    expect(resolveApiConfig(CREDS, {})).toEqual({
      baseUrl: 'https://api.streamkap.com',
      clientId: 'id',
      clientSecret: 'sec',
    });
  });

  it('accepts the Terraform provider aliases, and the flag beats the environment', () => {
    const env = { STREAMKAP_CLIENT_ID: 'id', STREAMKAP_SECRET: 'alias', STREAMKAP_HOST: 'http://h:1/' };
    expect(resolveApiConfig(env, {})).toMatchObject({ baseUrl: 'http://h:1', clientSecret: 'alias' });
    const both = { ...env, STREAMKAP_API_URL: 'http://ours:2' };
    expect(resolveApiConfig(both, {}).baseUrl).toBe('http://ours:2');
    expect(resolveApiConfig(both, { apiUrl: 'http://flag:3' }).baseUrl).toBe('http://flag:3');
  });

  it('maps the CLI flags', () => {
    const config = resolveApiConfig(CREDS, { timeoutMs: 500, maxRetries: 2, concurrency: 4 });
    expect(config).toMatchObject({ timeoutMs: 500, maxAttempts: 3, concurrency: 4 });
  });

  it('reads STREAMKAP_PAGE_SIZE (1 to 100) and refuses anything else', () => {
    expect(resolveApiConfig({ ...CREDS, STREAMKAP_PAGE_SIZE: ' 50 ' }, {}).pageSize).toBe(50);
    for (const bad of ['0', '101', '12.5', 'many']) {
      expect(() => resolveApiConfig({ ...CREDS, STREAMKAP_PAGE_SIZE: bad }, {}), bad).toThrow(
        /Invalid page size .*: a whole number from 1 to 100/,
      );
    }
  });

  it('names the missing variables', () => {
    let error: unknown;
    try {
      resolveApiConfig({ STREAMKAP_CLIENT_ID: 'id' }, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(
      'Missing Streamkap API credentials: STREAMKAP_CLIENT_SECRET not set.',
    );
    // the hint names exactly what is missing (issue 8.13), not the variable that is set
    expect((error as UserError).hint).toMatch(
      /^Set STREAMKAP_CLIENT_SECRET \(or STREAMKAP_SECRET\) to an API client/,
    );
    expect((error as UserError).hint).not.toContain('STREAMKAP_CLIENT_ID');
  });

  it('rejects a URL that is not http(s)', () => {
    expect(() => resolveApiConfig(CREDS, { apiUrl: 'api.streamkap.com' })).toThrow(UserError);
  });

  it('picks up proxy settings, upper or lower case, with NO_PROXY', () => {
    expect(resolveApiConfig({ ...CREDS, https_proxy: 'http://p:3128', NO_PROXY: 'localhost' }).proxy).toEqual(
      {
        httpsProxy: 'http://p:3128',
        noProxy: 'localhost',
      },
    );
    expect(resolveApiConfig(CREDS).proxy).toBeUndefined();
  });
});

describe('createDispatcher', () => {
  it('uses a keep-alive Agent without a proxy and EnvHttpProxyAgent with one', async () => {
    const direct = createDispatcher(undefined);
    const proxied = createDispatcher({ httpsProxy: 'http://p:3128', noProxy: '127.0.0.1' });
    expect(direct.kind).toBe('direct');
    expect(direct.dispatcher.constructor.name).toBe('Agent');
    expect(proxied.kind).toBe('proxy');
    expect(proxied.dispatcher.constructor.name).toBe('EnvHttpProxyAgent');
    await Promise.all([direct.dispatcher.close(), proxied.dispatcher.close()]);
  });
});
