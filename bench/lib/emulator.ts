/**
 * The emulator in a process of its own (`streamkap-gitops emulator` from dist/), as a real API
 * would be: in the benchmark's process its CPU time would compete with the measured client's.
 * Driven through its control endpoints, which are neither faulted nor counted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface EmulatorStats {
  readonly total: number;
  readonly byRoute: Readonly<Record<string, number>>;
}

export interface EmulatorProcess {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Empty account, settings kept. */
  reset(): Promise<void>;
  setLatency(ms: number): Promise<void>;
  dumpState(): Promise<string>;
  loadState(document: string): Promise<void>;
  stats(): Promise<EmulatorStats>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

async function control(url: string, method: string, path: string, body?: string): Promise<string> {
  const response = await fetch(`${url}/__emulator${path}`, {
    method,
    ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`emulator ${method} ${path} -> ${response.status}: ${text.slice(0, 300)}`);
  return text;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error('emulator has no stdout'));
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code} before it was ready`)));
  });
}

/** Starts `node <bin> emulator --port 0` and waits for its ready line. */
export async function startEmulatorProcess(bin: string): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [bin, 'emulator', '--port', '0', '--seed', '1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = JSON.parse(await firstLine(child)) as {
    url: string;
    client_id: string;
    client_secret: string;
  };
  const url = ready.url.replace(/\/+$/, '');
  const call = (method: string, path: string, body?: string): Promise<string> =>
    control(url, method, path, body);
  return {
    url,
    clientId: ready.client_id,
    clientSecret: ready.client_secret,
    reset: async () => void (await call('POST', '/reset', '{"keepSettings":true}')),
    setLatency: async (ms) => void (await call('POST', '/faults', JSON.stringify({ latencyMs: ms }))),
    dumpState: () => call('GET', '/state'),
    loadState: async (document) => void (await call('PUT', '/state', document)),
    stats: async () => JSON.parse(await call('GET', '/stats')) as EmulatorStats,
    resetStats: async () => void (await call('DELETE', '/stats')),
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
