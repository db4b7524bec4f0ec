/**
 * Validation speed: generates a manifest set of 10,000 resources (tags, postgresql sources,
 * clickhouse destinations, topic_router transforms, pipelines with transforms), split across files
 * of 1,000 resources as teams do, then times validateManifests end to end (read, parse, schema,
 * config typing, semantic rules). Run with: npm run bench:validate. Target: under 2 s.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateManifests } from '../src/schema/index.js';

const TOTAL = 10_000;
const TAGS = 100;
const PER_KIND = (TOTAL - TAGS) / 4;
const PER_FILE = 1_000;

function source(i: number): string {
  return `  - name: pg-${i}
    connector: postgresql
    tags: [team-${i % TAGS}]
    config:
      database_hostname: db-${i}.internal
      database_port: 5432
      database_user: streamkap
      database_password: \${env:PG_PASSWORD}
      database_dbname: app
      schema_include_list: public
      table_include_list: public.orders, public.customers
`;
}

function destination(i: number): string {
  return `  - name: ch-${i}
    connector: clickhouse
    config:
      hostname: ch-${i}.internal
      connection_username: streamkap
      connection_password: \${env:CH_PASSWORD}
      database: analytics
`;
}

function transform(i: number): string {
  return `  - name: route-${i}
    type: topic_router
    config:
      transforms_input_topic_pattern: 'public\\.orders'
      transforms_output_topic_pattern: routed-${i}
`;
}

function pipeline(i: number): string {
  return `  - name: pipe-${i}
    source: pg-${i}
    destination: ch-${i}
    transforms:
      - name: route-${i}
        topics: [public.orders]
`;
}

/** Every item rendered in order; chunked into files of PER_FILE resources. */
function render(dir: string): number {
  const items: [string, string][] = [];
  for (let i = 0; i < TAGS; i++) items.push(['tags', `  - name: team-${i}\n`]);
  for (let i = 0; i < PER_KIND; i++) items.push(['sources', source(i)]);
  for (let i = 0; i < PER_KIND; i++) items.push(['destinations', destination(i)]);
  for (let i = 0; i < PER_KIND; i++) items.push(['transforms', transform(i)]);
  for (let i = 0; i < PER_KIND; i++) items.push(['pipelines', pipeline(i)]);
  let bytes = 0;
  for (let f = 0; f * PER_FILE < items.length; f++) {
    let text = f === 0 ? 'namespace: bench\n' : '';
    let key = '';
    for (const [k, item] of items.slice(f * PER_FILE, (f + 1) * PER_FILE)) {
      if (k !== key) text += `${k}:\n`;
      key = k;
      text += item;
    }
    bytes += text.length;
    writeFileSync(join(dir, `part-${String(f).padStart(2, '0')}.yaml`), text);
  }
  return bytes;
}

const dir = process.env['BENCH_KEEP_DIR'] ?? mkdtempSync(join(tmpdir(), 'skgo-bench-'));
try {
  const bytes = render(dir);
  const env = { PG_PASSWORD: 'pg', CH_PASSWORD: 'ch' };
  const runs: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < Number(process.env['BENCH_RUNS'] ?? 3); run++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const { problems, state } = await validateManifests([dir], { cwd: dir, env });
    runs.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if (!state || state.resources.length !== TOTAL) {
      throw new Error(`bench manifest did not validate: ${JSON.stringify(problems.slice(0, 3))}`);
    }
  }
  const mb = (bytes / 1024 / 1024).toFixed(2);
  const show = (xs: number[]): string => xs.map((ms) => `${ms.toFixed(0)} ms`).join(', ');
  process.stdout.write(
    `validate: ${TOTAL} resources, ${mb} MB in ${Math.ceil(TOTAL / PER_FILE)} files\n` +
      `  wall time per run (first is cold): ${show(runs)}\n` +
      `  CPU time per run (less sensitive to a busy machine): ${show(cpu)}\n` +
      `  load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} cores\n`,
  );
} finally {
  if (process.env['BENCH_KEEP_DIR'] === undefined) rmSync(dir, { recursive: true, force: true });
}
