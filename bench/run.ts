/**
 * `npm run bench`: every figure of issue 13 (plan, drift, apply from empty, apply of a 1% change,
 * validate, --version) at 100, 1,000 and 10,000 resources, at 0 and 20 ms of emulator latency,
 * beside the Terraform provider's and decK's access patterns and the network floor, all in one
 * run. Writes bench/results.md and bench/results.json (see the "How it was run" section there).
 *
 *   npm run bench                                   (everything; builds dist/ first)
 *   npm run bench -- --scales 100,1000 --latencies 20 --runs 3 --long-run-seconds 5 --out /tmp/b
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULTS as API_DEFAULTS } from '../src/api/config.js';
import { startEmulatorProcess } from './lib/emulator.js';
import { renderJson, renderMarkdown, type RunInfo } from './lib/report.js';
import { measureScale, measureStartup, type Row } from './lib/scenarios.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'streamkap-gitops.js');
const PARALLELISM = 10;

const numbers = (text: string): number[] => text.split(',').map((x) => Number(x.trim()));

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: '100,1000,10000' },
    latencies: { type: 'string', default: '0,20' },
    runs: { type: 'string', default: '3' },
    // NOTE: 5 s keeps the whole run near 5 minutes on a quiet 2-core machine: the 10,000-resource
    // figures at 20 ms and the Terraform pattern's 10,000 GETs run once, the rest three times.
    'long-run-seconds': { type: 'string', default: '5' },
    out: { type: 'string', default: path.join(ROOT, 'bench') },
  },
});

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${sha} (src modified)` : sha;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const policy = { runs: Number(values.runs), longRunMs: Number(values['long-run-seconds']) * 1000 };
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const emu = await startEmulatorProcess(BIN);
  const rows: Row[] = [];
  const failures: string[] = [];
  try {
    const base = {
      emu,
      bin: BIN,
      policy,
      latencies: numbers(values.latencies),
      parallelism: PARALLELISM,
      concurrency: API_DEFAULTS.concurrency,
      log,
    };
    log('start-up: --version and node -e 0');
    const startup = await measureStartup(base);
    rows.push(startup.row);
    const ctx = { ...base, nodeStartMs: startup.nodeStartMs };
    for (const scale of numbers(values.scales)) {
      // NOTE: a scale that fails (a CLI run exiting non-zero) is reported, and the others still run.
      try {
        rows.push(...(await measureScale(ctx, scale)));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push(`${scale} resources: ${message.slice(0, 2000)}`);
        log(`FAILED at ${scale} resources: ${message}`);
      }
    }
  } finally {
    await emu.close();
  }
  const info: RunInfo = {
    generatedAt: new Date().toISOString(),
    commit: commit(),
    node: process.version,
    cpus: `${cpus().length} x ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
    loadAverage: [loadAtStart, loadavg()[0] ?? 0],
    durationSeconds: (performance.now() - started) / 1000,
    runs: policy.runs,
    longRunSeconds: policy.longRunMs / 1000,
    parallelism: PARALLELISM,
    concurrency: API_DEFAULTS.concurrency,
    failures,
  };
  await writeFile(path.join(values.out, 'results.md'), renderMarkdown(rows, info));
  await writeFile(path.join(values.out, 'results.json'), renderJson(rows, info));
  log(
    `wrote ${path.join(values.out, 'results.md')} and results.json in ${info.durationSeconds.toFixed(0)} s`,
  );
  if (failures.length > 0) process.exitCode = 1;
}

await main();
