import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, resolveApiConfig } from '../../src/api/index.js';
import { silentLogger } from '../../src/logging/logger.js';

// NOTE: no msw here: these requests go over real sockets on 127.0.0.1, through a real proxy.

let api: Server;
let proxy: Server;
const tunnels: string[] = [];

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

let apiPort = 0;
let proxyPort = 0;

beforeAll(async () => {
  api = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/auth/access-token') {
      res.end(JSON.stringify({ accessToken: 'tok', refreshToken: 'r', expiresIn: 3600 }));
    } else {
      res.end(JSON.stringify({ tags: [] }));
    }
  });
  // A CONNECT proxy that records each tunnel and pipes it to the API server.
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, socket, head) => {
    tunnels.push(req.url ?? '');
    const upstream = connect(apiPort, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  apiPort = await listen(api);
  proxyPort = await listen(proxy);
});

afterAll(async () => {
  await new Promise((r) => api.close(r));
  await new Promise((r) => proxy.close(r));
});

function clientFor(env: Record<string, string>) {
  const config = resolveApiConfig(
    { STREAMKAP_CLIENT_ID: 'id', STREAMKAP_CLIENT_SECRET: 'secret', ...env },
    { apiUrl: `http://localhost:${apiPort}` },
  );
  return createApiClient({ ...config, maxAttempts: 1 }, silentLogger());
}

describe('proxy selection', () => {
  it('goes through HTTP_PROXY when set', async () => {
    tunnels.length = 0;
    const client = clientFor({ HTTP_PROXY: `http://127.0.0.1:${proxyPort}` });
    await expect(client.request('GET', '/tags')).resolves.toEqual({ tags: [] });
    await client.close();
    expect(tunnels).toContain(`localhost:${apiPort}`);
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    tunnels.length = 0;
    const client = clientFor({ HTTP_PROXY: `http://127.0.0.1:${proxyPort}`, NO_PROXY: 'localhost' });
    await expect(client.request('GET', '/tags')).resolves.toEqual({ tags: [] });
    await client.close();
    expect(tunnels).toEqual([]);
  });

  it('connects directly with a keep-alive pool when no proxy is set', async () => {
    tunnels.length = 0;
    const client = clientFor({});
    await client.request('GET', '/tags');
    await client.request('GET', '/tags');
    await client.close();
    expect(tunnels).toEqual([]);
    expect(client.stats.requests).toBe(3);
  });
});
