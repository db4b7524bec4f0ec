/** The emulator over real HTTP (node:http, keep-alive), with optional persistence to a data file. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator.js';
import { DataFile } from './persistence.js';
import type { EmulatorRequest } from './types.js';

export interface EmulatorServerOptions extends EmulatorOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** JSON file to load at start (when present) and to save changes to. */
  dataFile?: string;
  /** Serve an existing emulator instead of creating one. */
  emulator?: Emulator;
}

export interface EmulatorServer {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly emulator: Emulator;
  /** Stops listening, drops idle keep-alive connections and flushes the data file. */
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(chunks.length === 0 ? '' : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function toEmulatorRequest(req: IncomingMessage, body: string): EmulatorRequest {
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: q < 0 ? raw : raw.slice(0, q),
    query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)),
    headers,
    body,
  };
}

async function serve(emulator: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const answer = await emulator.handleRaw(toEmulatorRequest(req, body));
  if (answer.kind === 'drop') {
    req.socket.destroy();
    return;
  }
  res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
  res.end(answer.body);
}

export async function startEmulatorServer(options: EmulatorServerOptions): Promise<EmulatorServer> {
  const { port, host = '127.0.0.1', dataFile, emulator: given, ...emulatorOptions } = options;
  const emulator = given ?? createEmulator(emulatorOptions);
  const data = dataFile ? new DataFile(dataFile, emulator) : undefined;
  if (data) await data.load();
  const unsubscribe = data ? emulator.onChange(() => data.schedule()) : undefined;

  const server = createServer({ keepAlive: true }, (req, res) => {
    serve(emulator, req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const message = error instanceof Error ? error.message : String(error);
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ detail: `Emulator internal error: ${message}` }));
    });
  });
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    emulator,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        unsubscribe?.();
        await data?.flush();
      })();
      return closing;
    },
  };
}
