/** Real-HTTP harness for emulator tests: a server on 127.0.0.1:0 and a tiny authenticated caller. */
import { startEmulatorServer, type EmulatorOptions, type EmulatorServer } from '../../src/emulator/index.js';

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  // Tests read arbitrary response shapes; a loose type keeps them short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface Harness {
  server: EmulatorServer;
  url: string;
  token: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<CallResult>;
  /** Calls without the bearer token. */
  raw(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<CallResult>;
  control(method: string, path: string, body?: unknown): Promise<CallResult>;
  login(): Promise<string>;
  close(): Promise<void>;
}

async function send(
  url: string,
  method: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<CallResult> {
  const init: RequestInit = { method, headers: { accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

export async function startHarness(options: EmulatorOptions & { dataFile?: string } = {}): Promise<Harness> {
  const server = await startEmulatorServer({ port: 0, clientSecret: 'test-secret', ...options });
  const h: Harness = {
    server,
    url: server.url,
    token: '',
    async login() {
      const r = await send(
        `${server.url}/auth/access-token`,
        'POST',
        {
          client_id: server.clientId,
          secret: server.clientSecret,
        },
        {},
      );
      if (r.status !== 200) throw new Error(`login failed: ${r.status} ${r.text}`);
      h.token = r.body.accessToken as string;
      return h.token;
    },
    call: (method, path, body, headers = {}) =>
      send(`${server.url}${path}`, method, body, { authorization: `Bearer ${h.token}`, ...headers }),
    raw: (method, path, body, headers = {}) => send(`${server.url}${path}`, method, body, headers),
    control: (method, path, body) => send(`${server.url}/__emulator${path}`, method, body, {}),
    close: () => server.close(),
  };
  await h.login();
  return h;
}

export const PG_CONFIG = {
  'database.hostname.user.defined': 'db.internal',
  'database.port.user.defined': 5432,
  'database.user': 'streamkap',
  'database.password': 'pg-s3cret',
  'database.dbname': 'shop',
  'schema.include.list': 'public',
  'table.include.list.user.defined': 'public.orders,public.customers',
};

export const SNOWFLAKE_CONFIG = {
  'snowflake.url.name': 'acme.snowflakecomputing.com',
  'snowflake.user.name': 'LOADER',
  'snowflake.private.key': 'sf-private-key',
  'snowflake.database.name': 'RAW',
  'snowflake.schema.name': 'CDC',
};

export function sourceBody(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, connector: 'postgresql', config: { ...PG_CONFIG }, created_from: 'api', ...extra };
}

export function destinationBody(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, connector: 'snowflake', config: { ...SNOWFLAKE_CONFIG }, created_from: 'api', ...extra };
}
