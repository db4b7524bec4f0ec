/**
 * Benchmark for issue 3 "Done means": load the live state of 10,000 resources from the emulator
 * (in-process, real HTTP on 127.0.0.1:0) with 20 ms injected latency per request, through the real
 * API client. Target: at most ceil(N/100) + 10 requests, under 3 s.
 *
 *   npm run bench:state            (N=10000)
 *   npm run bench:state -- 20000   (another N)
 */
import { Writable } from 'node:stream';
import { createApiClient } from '../src/api/index.js';
import { startEmulatorServer } from '../src/emulator/index.js';
import { createLogger, silentLogger } from '../src/logging/logger.js';
import { loadLiveState } from '../src/state/index.js';

const N = Number(process.argv[2] ?? 10_000);
const LATENCY_MS = 20;
const share = { tag: 0.005, source: 0.3, destination: 0.25, transform: 0.045 };
const counts = {
  tag: Math.round(N * share.tag),
  source: Math.round(N * share.source),
  destination: Math.round(N * share.destination),
  transform: Math.round(N * share.transform),
  pipeline: 0,
};
counts.pipeline = N - counts.tag - counts.source - counts.destination - counts.transform;

const sourceConfig = (i: number): Record<string, unknown> => ({
  'database.hostname.user.defined': `db-${i}.internal`,
  'database.port.user.defined': 5432,
  'database.user': 'streamkap',
  'database.password': `secret-${i}`,
  'database.dbname': 'shop',
  'schema.include.list': 'public',
  'table.include.list.user.defined': 'public.orders,public.customers',
});
const destConfig = (i: number): Record<string, unknown> => ({
  hostname: `ch-${i}.example.com`,
  'connection.username': 'writer',
  'connection.password': `secret-d-${i}`,
  database: 'analytics',
});

async function seed(server: Awaited<ReturnType<typeof startEmulatorServer>>): Promise<void> {
  const e = server.emulator;
  const tags = e.seed({
    tags: Array.from({ length: counts.tag }, (_, i) => ({
      name: `team-${i}`,
      type: ['sources', 'destinations', 'pipelines', 'transforms'],
    })),
  });
  const tagIds = tags.map((t) => t.id);
  const tagsFor = (i: number): string[] => (tagIds.length ? [tagIds[i % tagIds.length] as string] : []);
  const refs = e.seed({
    sources: Array.from({ length: counts.source }, (_, i) => ({
      name: `src-${i}`,
      connector: 'postgresql',
      config: sourceConfig(i),
      tags: tagsFor(i),
    })),
    destinations: Array.from({ length: counts.destination }, (_, i) => ({
      name: `dst-${i}`,
      connector: 'clickhouse',
      config: destConfig(i),
      tags: tagsFor(i),
    })),
    transforms: Array.from({ length: counts.transform }, (_, i) => ({
      name: `tx-${i}`,
      transform: 'map_filter',
      config: {},
      tags: tagsFor(i),
    })),
  });
  const ids = (kind: string): string[] => refs.filter((r) => r.kind === kind).map((r) => r.id);
  const [src, dst, tx] = [ids('source'), ids('destination'), ids('transform')];
  e.seed({
    pipelines: Array.from({ length: counts.pipeline }, (_, i) => ({
      name: `pipe-${i}`,
      source: { id: src[i % src.length], topics: ['public.orders', 'public.customers'] },
      destination: { id: dst[i % dst.length] },
      transforms: i % 4 === 0 && tx.length ? [{ id: tx[i % tx.length], topic: 'public.orders' }] : [],
      tags: tagsFor(i),
    })),
  });
}

function timingLogger(): { logger: ReturnType<typeof createLogger>; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  const lines = (): Record<string, unknown>[] =>
    chunks
      .join('')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

async function run(server: Awaited<ReturnType<typeof startEmulatorServer>>, label: string): Promise<boolean> {
  const client = createApiClient(
    { baseUrl: server.url, clientId: server.clientId, clientSecret: server.clientSecret },
    silentLogger(),
  );
  server.emulator.resetStats();
  const { logger, lines } = timingLogger();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const state = await loadLiveState(client, ['tag', 'source', 'destination', 'transform', 'pipeline'], {
    logger,
  });
  const ms = Math.round(performance.now() - started);
  const used = process.cpuUsage(cpu);
  const cpuMs = Math.round((used.user + used.system) / 1000);
  const summary = lines().find((l) => l.msg === 'live state loaded') ?? {};
  await client.close();
  const requests = client.stats.requests;
  const budget = Math.ceil(N / 100) + 10;
  const perKind = lines()
    .filter((l) => typeof l.list === 'string')
    .map((l) => `${String(l.list)} ${String(l.count)} in ${String(l.ms)} ms`)
    .join(', ');
  const ok = requests <= budget && ms < 3000 && state.resources.length === N;
  console.log(
    `${label}: ${state.resources.length} resources in ${ms} ms with ${requests} requests (budget ${budget}, retries ${client.stats.retries}; ` +
      `emulator saw ${server.emulator.stats().total}) ${ok ? 'OK' : 'MISSED'}\n` +
      `  process CPU ${cpuMs} ms (emulator, client and loader share one thread); after the last list ${String(summary.tailMs)} ms` +
      `\n  lists: ${perKind}`,
  );
  return ok;
}

const server = await startEmulatorServer({ port: 0 });
try {
  const seedStart = performance.now();
  await seed(server);
  console.log(
    `seeded ${N} resources (${JSON.stringify(counts)}) in ${Math.round(performance.now() - seedStart)} ms; latency ${LATENCY_MS} ms per request`,
  );
  server.emulator.configure({ latencyMs: LATENCY_MS });
  const first = await run(server, 'run 1 (cold)');
  const second = await run(server, 'run 2');
  process.exitCode = first && second ? 0 : 1;
} finally {
  await server.close();
}
