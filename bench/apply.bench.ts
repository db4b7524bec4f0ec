/**
 * Benchmark for issue 5 "Done means": apply 1,000 creates against the emulator (in-process, real
 * HTTP on 127.0.0.1:0) with 20 ms injected latency per request, at parallelism 8, through the real
 * client, planner and applier. Target: the apply under 6 s. Prints the time and the request count.
 * The emulator runs in its own process (`streamkap-gitops emulator`), as a real API would: in the
 * same process its CPU time would be charged to the client's single thread.
 *
 *   npm run bench:apply                  (1,000 creates)
 *   npm run bench:apply -- 3000          (another count)
 *   BENCH_IN_PROCESS=1 npm run bench:apply   (emulator in this process)
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { applyPlan } from '../src/applier/index.js';
import { createApiClient } from '../src/api/index.js';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startEmulatorServer } from '../src/emulator/index.js';
import { silentLogger } from '../src/logging/logger.js';
import { registry } from '../src/kinds/registry.js';
import { buildPlan, derivePlanKey } from '../src/planner/index.js';
import { loadDesiredState } from '../src/schema/index.js';
import { loadLiveState } from '../src/state/index.js';

const CREATES = Number(process.argv[2] ?? 1000);
const LATENCY_MS = Number(process.env['BENCH_LATENCY_MS'] ?? 20);
const PARALLELISM = 8;
const TARGET_MS = 6000;

/** n sources, n destinations, n pipelines (+ the ownership tag): 3n + 1 creates. */
function manifest(n: number): string {
  const lines = ['namespace: bench', 'sources:'];
  for (let i = 0; i < n; i++) {
    lines.push(
      `  - name: src-${i}`,
      '    connector: postgresql',
      '    config:',
      `      database_hostname: db-${i}.internal`,
      '      database_user: streamkap',
      '      database_password: ${env:BENCH_PASSWORD}',
      '      database_dbname: shop',
      '      schema_include_list: public',
      '      table_include_list: [public.orders]',
    );
  }
  lines.push('destinations:');
  for (let i = 0; i < n; i++) {
    lines.push(
      `  - name: dst-${i}`,
      '    connector: clickhouse',
      '    config:',
      `      hostname: ch-${i}.internal`,
      '      connection_username: streamkap',
      '      connection_password: ${env:BENCH_PASSWORD}',
      '      database: shop',
    );
  }
  lines.push('pipelines:');
  for (let i = 0; i < n; i++)
    lines.push(`  - name: pipe-${i}`, `    source: src-${i}`, `    destination: dst-${i}`);
  return `${lines.join('\n')}\n`;
}

interface Server {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  close(): Promise<void>;
}

async function startServer(): Promise<Server> {
  if (process.env['BENCH_IN_PROCESS']) return startEmulatorServer({ port: 0, latencyMs: LATENCY_MS });
  const entry = path.join(path.dirname(new URL(import.meta.url).pathname), 'run-cli.ts');
  const child = spawn(
    process.execPath,
    [
      '--import',
      import.meta.resolve('tsx'),
      entry,
      'emulator',
      '--port',
      '0',
      '--latency-ms',
      String(LATENCY_MS),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const ready = JSON.parse(line) as { url: string; client_id: string; client_secret: string };
  return {
    url: ready.url,
    clientId: ready.client_id,
    clientSecret: ready.client_secret,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function main(): Promise<void> {
  const n = Math.max(1, Math.round((CREATES - 1) / 3));
  const dir = await mkdtemp(path.join(tmpdir(), 'skgo-bench-'));
  const file = path.join(dir, 'bench.yaml');
  await writeFile(file, manifest(n));
  const server = await startServer();
  const env = { BENCH_PASSWORD: 'bench-password' };
  const client = createApiClient(
    { baseUrl: server.url, clientId: server.clientId, clientSecret: server.clientSecret },
    silentLogger(),
  );
  try {
    const t0 = performance.now();
    const { state } = await loadDesiredState([file], { cwd: dir, env });
    const planKey = derivePlanKey(server.clientSecret);
    const live = await loadLiveState(client, registry.applyOrder);
    const plan = buildPlan(state, live, { hmacKey: planKey });
    const creates = plan.actions.filter((a) => a.type === 'create').length;
    const requestsBefore = client.stats.requests;
    const t1 = performance.now();
    let inFlight = 0;
    let inFlightArea = 0;
    let last = performance.now();
    const onProgress = (e: { type: 'start' | 'end' }): void => {
      const now = performance.now();
      inFlightArea += inFlight * (now - last);
      last = now;
      inFlight += e.type === 'start' ? 1 : -1;
    };
    const report = await applyPlan(plan, {
      onProgress,
      client,
      live,
      env,
      logger: silentLogger(),
      parallelism: PARALLELISM,
      failFast: false,
      planKey,
    });
    const t2 = performance.now();
    const applyMs = t2 - t1;
    const applyRequests = client.stats.requests - requestsBefore;
    const durations = report.results.map((r) => r.durationMs ?? 0);
    const meanAction = durations.reduce((a, b) => a + b, 0) / Math.max(1, durations.length);
    const lists = await Promise.all(
      ['/sources', '/destinations', '/pipelines'].map((p) => client.listAll(p)),
    );
    const stored = lists.reduce((n, l) => n + l.length, 0);
    console.log(`creates planned:     ${creates} (${n} sources, ${n} destinations, ${n} pipelines, tags)`);
    console.log(`emulator latency:    ${LATENCY_MS} ms per request, parallelism ${PARALLELISM}`);
    console.log(
      `apply:               ${(applyMs / 1000).toFixed(2)} s, ${applyRequests} requests (${report.summary.succeeded} succeeded, ${report.summary.failed} failed)`,
    );
    console.log(
      `actions:             mean ${meanAction.toFixed(1)} ms each, ${(inFlightArea / applyMs).toFixed(1)} in flight on average`,
    );
    console.log(
      `load + plan + apply: ${((t2 - t0) / 1000).toFixed(2)} s, ${client.stats.requests} requests in all`,
    );
    console.log(`stored objects:      ${stored} sources, destinations and pipelines (listed back)`);
    const ok = applyMs < TARGET_MS && report.summary.failed === 0 && stored === 3 * n;
    console.log(`${ok ? 'PASS' : 'FAIL'}: target apply < ${TARGET_MS / 1000} s`);
    if (!ok) process.exitCode = 1;
  } finally {
    await client.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
