/** bench/results.json (every figure) and bench/results.md (the table, the targets, how it was run). */
import type { Row } from './scenarios.js';
import type { Summary } from './sample.js';

export interface RunInfo {
  readonly generatedAt: string;
  readonly commit: string;
  readonly node: string;
  readonly cpus: string;
  /** 1-minute load average at the start and at the end: a busy machine inflates wall times. */
  readonly loadAverage: readonly [number, number];
  readonly durationSeconds: number;
  readonly runs: number;
  readonly longRunSeconds: number;
  readonly parallelism: number;
  readonly concurrency: number;
  /** Scales that could not be measured, and why. */
  readonly failures: readonly string[];
}

const s = (ms: number): string => (ms / 1000).toFixed(ms < 1000 ? 3 : 2);
const ratio = (a: number, b: number | undefined): string => (b ? (a / b).toFixed(2) : '–');

function cell(x: Summary | undefined): string {
  if (!x) return '–';
  const spread = x.runs > 1 ? ` (${s(x.minMs)}–${s(x.maxMs)})` : ' (1 run)';
  return `${s(x.medianMs)}${spread}`;
}

const FIGURE_NAMES: Record<Row['figure'], string> = {
  version: '`--version` (floor: `node -e 0`)',
  validate: '`validate` (floor: `node -e 0`)',
  plan: '`plan`, no changes',
  drift: '`drift`, no changes',
  'apply-empty': '`apply` from empty',
  'apply-1pct': '`apply` of a 1% change',
};

function tableRow(r: Row): string {
  const peer = (x: Summary | undefined): string => (x ? `${cell(x)}, ${x.requests ?? '?'} req` : '–');
  return `| ${[
    FIGURE_NAMES[r.figure],
    r.figure === 'version' ? '–' : r.resources.toLocaleString('en-US'),
    r.latencyMs === undefined ? '–' : `${r.latencyMs} ms`,
    cell(r.ours),
    r.ours.cpuMs === undefined ? '–' : s(r.ours.cpuMs),
    r.ours.requests ?? '–',
    r.ours.peakRssMb?.toFixed(0) ?? '–',
    peer(r.terraform),
    peer(r.deck),
    r.floorMs === undefined ? '–' : s(r.floorMs),
    ratio(r.ours.medianMs, r.terraform?.medianMs),
    ratio(r.ours.medianMs, r.deck?.medianMs),
    ratio(r.ours.medianMs, r.floorMs),
  ].join(' | ')} |`;
}

function find(
  rows: readonly Row[],
  figure: Row['figure'],
  resources: number,
  latencyMs?: number,
): Row | undefined {
  return rows.find((r) => r.figure === figure && r.resources === resources && r.latencyMs === latencyMs);
}

interface Target {
  readonly what: string;
  readonly measured: string;
  readonly met: boolean | undefined;
}

function targets(rows: readonly Row[]): Target[] {
  const at20 = rows.filter((r) => r.latencyMs === 20 && (r.figure === 'plan' || r.figure === 'drift'));
  const slower = at20.filter(
    (r) => r.ours.medianMs >= Math.min(r.terraform?.medianMs ?? Infinity, r.deck?.medianMs ?? Infinity),
  );
  const out: Target[] = [
    {
      what: '`plan`/`drift` faster than both peers at every scale (20 ms)',
      measured:
        slower.length === 0
          ? 'all faster'
          : `slower: ${slower.map((r) => `${r.figure} ${r.resources}`).join(', ')}`,
      met: at20.length > 0 ? slower.length === 0 : undefined,
    },
  ];
  const check = (
    what: string,
    row: Row | undefined,
    value: (r: Row) => number,
    limit: number,
    unit: string,
  ): void => {
    const v = row ? value(row) : undefined;
    out.push({
      what,
      measured: v === undefined ? 'not measured' : `${v.toFixed(2)}${unit}`,
      met: v === undefined ? undefined : v <= limit,
    });
  };
  for (const f of ['plan', 'drift'] as const) {
    check(
      `\`${f}\` at 10,000 within 4x the floor (20 ms)`,
      find(rows, f, 10_000, 20),
      (r) => r.ours.medianMs / (r.floorMs ?? NaN),
      4,
      'x',
    );
  }
  check(
    '`plan` at 100 under 0.25 s (20 ms)',
    find(rows, 'plan', 100, 20),
    (r) => r.ours.medianMs / 1000,
    0.25,
    ' s',
  );
  check(
    '`apply` from empty at 10,000 at most 0.9x decK (20 ms)',
    find(rows, 'apply-empty', 10_000, 20),
    (r) => r.ours.medianMs / (r.deck?.medianMs ?? NaN),
    0.9,
    'x',
  );
  const plan10k = find(rows, 'plan', 10_000, 20);
  check(
    '`apply` of 1% at 10,000 at most 2x (its writes at the floor + one `plan`) (20 ms)',
    find(rows, 'apply-1pct', 10_000, 20),
    (r) =>
      r.ours.medianMs / ((r.floorMs ?? NaN) - (plan10k?.floorMs ?? NaN) + (plan10k?.ours.medianMs ?? NaN)),
    2,
    'x',
  );
  check(
    '`--version` within 1.5x `node -e 0`',
    find(rows, 'version', 0),
    (r) => r.ours.medianMs / (r.floorMs ?? NaN),
    1.5,
    'x',
  );
  check(
    '`validate` of 10,000 under 0.8 s',
    find(rows, 'validate', 10_000),
    (r) => r.ours.medianMs / 1000,
    0.8,
    ' s',
  );
  const applies = rows.filter((r) => r.figure.startsWith('apply') && r.resources === 10_000);
  const peak = applies.reduce<Row | undefined>(
    (max, r) => ((r.ours.peakRssMb ?? 0) > (max?.ours.peakRssMb ?? 0) ? r : max),
    undefined,
  );
  check(
    'peak RSS of a 10,000 apply under 300 MB (any latency)',
    peak,
    (r) => r.ours.peakRssMb ?? NaN,
    300,
    ' MB',
  );
  return out;
}

const HOW = `## How it was run

- **Ours**: the real CLI, \`node bin/streamkap-gitops.js …\` from \`dist/\` (built by \`npm run bench\`), one child
  process per run, timed from spawn to exit (Node's start-up included). Peak RSS (\`ru_maxrss\`) and CPU time
  (user + system; less sensitive than wall time to a busy machine) are the child's own, written at exit by a
  \`--require\`d preload (bench/lib/process-usage.cjs). \`apply\` runs with \`--parallelism 10\`, the peers'
  concurrency; the API client keeps its default concurrency (for the read floor).
- **Emulator**: \`streamkap-gitops emulator\` in a process of its own (on a 2-core machine it would otherwise take
  CPU from the process measured), latency set per figure through its control endpoints, request counts from
  its stats (control calls are not counted). Each run starts from the same account (state document reloaded).
- **Terraform provider pattern**: a refresh is one \`GET /{kind}/{id}\` per managed object, 10 at a time (ids
  from its state file, no listing); a create or update is the write plus the provider's read-back \`GET\`,
  10 at a time along the dependency graph (a pipeline after its source and destination).
- **decK pattern**: every kind listed in turn, page after page; then writes type by type (tags, sources,
  destinations, pipelines), 10 at a time within a type, each type finished before the next starts.
- The peers are replayed from the benchmark process with undici over a keep-alive pool (no YAML, no diff):
  their time is the access pattern plus the median start-up of \`node -e 0\`, a lower bound for either tool.
- **Floor**: read rounds × (latency + the fastest unloaded round trip of a full list page) + write rounds ×
  (latency + the fastest unloaded round trip of one object by id). Read rounds: auth, the first page of every
  listed kind at once, the remaining pages at the client's concurrency; write rounds: ceil(writes /
  parallelism), never fewer than the dependency levels written. Pages and writes come from our own run's
  request log (the pages from the no-change \`plan\`). For \`--version\` and \`validate\` the floor is
  \`node -e 0\`.
- Medians of the runs; a first run longer than the long-run limit is not repeated (shown as "1 run").
- A load average above the number of cores means other work shared the CPUs: wall times are then inflated,
  the CPU column much less. Take the figures that judge the targets on an otherwise idle machine.
- Resources: 30 % sources (postgresql), 25 % destinations (clickhouse), 45 % pipelines, in files of
  1,000 resources; the 1 % change moves the host of 1 % of them (sources and destinations).
`;

export function renderMarkdown(rows: readonly Row[], info: RunInfo): string {
  const header =
    '| figure | resources | latency | ours: median s (range) | ours: CPU s | requests | peak RSS MB | Terraform pattern s | decK pattern s | floor s | ours/Terraform | ours/decK | ours/floor |\n' +
    '|---|---:|---:|---|---:|---:|---:|---|---|---:|---:|---:|---:|';
  const targetRows = targets(rows).map(
    (t) => `| ${t.what} | ${t.measured} | ${t.met === undefined ? '–' : t.met ? 'yes' : '**no**'} |`,
  );
  return [
    '# Benchmark results',
    '',
    `\`npm run bench\` at commit \`${info.commit}\`, ${info.generatedAt}: Node ${info.node}, ${info.cpus}, load ` +
      `average ${info.loadAverage[0].toFixed(2)} at the start and ${info.loadAverage[1].toFixed(2)} at the end; ${info.durationSeconds.toFixed(0)} s in all. ` +
      `Up to ${info.runs} runs per figure (1 when a run takes over ${info.longRunSeconds} s).`,
    '',
    header,
    ...rows.map(tableRow),
    '',
    ...(info.failures.length > 0
      ? ['## Failures', '', ...info.failures.map((f) => `- ${f.replace(/\n/g, ' ')}`), '']
      : []),
    '## Targets (issue 13)',
    '',
    '| target | measured | met |',
    '|---|---|---|',
    ...targetRows,
    '',
    HOW,
  ].join('\n');
}

export function renderJson(rows: readonly Row[], info: RunInfo): string {
  return `${JSON.stringify({ info, rows, targets: targets(rows) }, null, 2)}\n`;
}
