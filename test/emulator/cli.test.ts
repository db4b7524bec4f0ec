import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../helpers/capture-io.js';
import { main } from '../../src/cli/main.js';

interface Ready {
  url: string;
  client_id: string;
  client_secret: string;
}

function startCli(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  ready: Promise<Ready>;
  exited: Promise<number | null>;
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/emulator/run-cli.ts', 'emulator', ...args],
    {
      cwd: process.cwd(),
      stdio: 'pipe',
    },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<Ready>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(JSON.parse(line) as Ready));
    void exited.then((code) => reject(new Error(`emulator exited early with ${code}`)));
  });
  return { child, ready, exited };
}

async function token(r: Ready): Promise<string> {
  const res = await fetch(`${r.url}/auth/access-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: r.client_id, secret: r.client_secret }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

describe('streamkap-gitops emulator (CLI)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emulator-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints one JSON line with url and credentials, serves the API, and exits 0 on SIGTERM after saving --data', async () => {
    const data = join(dir, 'state.json');
    const { child, ready, exited } = startCli([
      '--port',
      '0',
      '--data',
      data,
      '--client-secret',
      'cli-secret',
    ]);
    const r = await ready;
    expect(r.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(r).toMatchObject({ client_id: 'emulator-client', client_secret: 'cli-secret' });
    const bearer = await token(r);
    const created = await fetch(`${r.url}/tags`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'from-cli', type: ['sources'], created_from: 'api' }),
    });
    expect(created.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const saved = JSON.parse(await readFile(data, 'utf8'));
    expect(saved.tags.map((t: { name: string }) => t.name)).toContain('from-cli');
  });

  it('stops cleanly on SIGINT too, generates a random secret by default, and loads --fixtures', async () => {
    const fixtures = join(dir, 'fixtures.json');
    await writeFile(fixtures, JSON.stringify({ sources: [{ name: 'fixture-pg', connector: 'postgresql' }] }));
    const { child, ready, exited } = startCli(['--port', '0', '--latency-ms', '1', '--fixtures', fixtures]);
    const r = await ready;
    expect(r.client_secret.length).toBeGreaterThan(10);
    const list = await fetch(`${r.url}/sources`, { headers: { authorization: `Bearer ${await token(r)}` } });
    const body = (await list.json()) as { result: { name: string }[] };
    expect(body.result.map((s) => s.name)).toEqual(['fixture-pg']);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('rejects invalid flags as invalid input (exit 4) without starting', async () => {
    const io = captureIo();
    expect(await main(['node', 'streamkap-gitops', 'emulator', '--error-rate', '2'], io)).toBe(4);
    expect(io.err()).toContain('--error-rate');
  });

  it('fails as invalid input (exit 4) with a clear message when --fixtures cannot be read', async () => {
    const io = captureIo();
    const code = await main(
      ['node', 'streamkap-gitops', 'emulator', '--port', '0', '--fixtures', join(dir, 'missing.json')],
      io,
    );
    expect(code).toBe(4);
    expect(io.err()).toContain('Could not load emulator fixtures');
    expect(io.out()).toBe('');
  });
});
