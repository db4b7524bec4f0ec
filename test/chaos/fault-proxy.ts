/**
 * A proxy between the CLI and the emulator, over real HTTP, that lets every request reach the
 * server and then spoils the answer: truncated mid-body, dropped (connection destroyed), held until
 * the client gives up, or delivered late (after other answers: an event-loop delay, not a clock
 * one). So the client cannot know whether a write landed. It can also stop at the Nth write and
 * tell the test, holding that write unsent until released (the kill points), and add headers to
 * answers (the secret probes).
 */
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault = 'pass' | 'truncate' | 'drop' | 'hold' | 'late';

export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** 1-based count of writes (POST, PUT, PATCH, DELETE but the token exchange) so far, this one included. */
  readonly write: number | undefined;
}

export interface FaultProxyOptions {
  readonly target: string;
  /** What to do with the answer to this request (default: pass). */
  readonly decide?: (req: ProxiedRequest) => Fault;
  /**
   * Called with a write before it is forwarded; the write waits for the promise (which may never
   * settle: the test kills the client meanwhile).
   */
  readonly beforeWrite?: (req: ProxiedRequest) => Promise<void> | void;
  /** Called once the server has answered a write (before the answer is delivered or spoiled). */
  readonly afterWrite?: (req: ProxiedRequest, status: number) => void;
  /** Headers added to the answer (a server that echoes what it should not). */
  readonly addHeaders?: (req: ProxiedRequest, status: number) => Record<string, string>;
}

export interface FaultProxy {
  readonly url: string;
  /** Faults applied so far, by kind. */
  readonly applied: Record<Fault, number>;
  /** Writes forwarded to the server so far. */
  writes(): number;
  close(): Promise<void>;
}

const isWrite = (method: string, path: string): boolean =>
  method !== 'GET' && method !== 'HEAD' && !path.startsWith('/auth');

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

function send(target: URL, req: IncomingMessage, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const out = forward(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (res) => {
        readBody(res).then(
          (b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }),
          reject,
        );
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

/** Spoils (or not) the delivery of an answer the server has already produced. */
function deliver(res: ServerResponse, answer: Answer, fault: Fault): void {
  const socket = res.socket as Socket | null;
  const headers: Record<string, string | string[] | undefined> = {
    ...answer.headers,
    'content-length': String(answer.body.length),
    connection: 'close',
  };
  delete headers['transfer-encoding'];
  switch (fault) {
    case 'drop':
      socket?.destroy();
      return;
    case 'hold':
      // Never answered: the client's own timeout ends it (the server has acted).
      return;
    case 'truncate':
      res.writeHead(answer.status, headers);
      res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
      socket?.destroySoon?.();
      setImmediate(() => socket?.destroy());
      return;
    case 'late':
      setImmediate(() => setImmediate(() => deliver(res, answer, 'pass')));
      return;
    case 'pass':
      res.writeHead(answer.status, headers);
      res.end(answer.body);
  }
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const applied: Record<Fault, number> = { pass: 0, truncate: 0, drop: 0, hold: 0, late: 0 };
  let writes = 0;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const write = isWrite(method, path) ? ++writes : undefined;
      const seen: ProxiedRequest = { method, path, write };
      const body = await readBody(req);
      if (write !== undefined) await options.beforeWrite?.(seen);
      const sent = await send(target, req, body);
      if (write !== undefined) options.afterWrite?.(seen, sent.status);
      const extra = options.addHeaders?.(seen, sent.status) ?? {};
      const answer = { ...sent, headers: { ...sent.headers, ...extra } };
      const fault = options.decide?.(seen) ?? 'pass';
      applied[fault] += 1;
      deliver(res, answer, fault);
    })().catch(() => res.socket?.destroy());
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    applied,
    writes: () => writes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
