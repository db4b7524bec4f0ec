/**
 * The figures of one scale: our CLI (a child process from dist/) and the peers' patterns (in the
 * benchmark's process, plus Node's start-up) against the emulator process, with request counts
 * from the emulator and the network floor from our own request log.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openBaselineApi } from './baseline-http.js';
import { deck, terraform, type Account, type Pattern } from './baselines.js';
import type { EmulatorProcess, EmulatorStats } from './emulator.js';
import { emptyReadPass, readPassOf, readRounds, writeRounds, type ReadPass } from './floor.js';
import { onePercentChange, SECRETS, shapeOf, writeManifests, type Change } from './manifest.js';
import { repeat, summarise, type RepeatPolicy, type RunFigures, type Summary } from './sample.js';
import { runTimed } from './spawn-timed.js';

export type Figure = 'version' | 'validate' | 'plan' | 'drift' | 'apply-empty' | 'apply-1pct';

export interface Row {
  readonly figure: Figure;
  readonly resources: number;
  readonly latencyMs: number | undefined;
  readonly ours: Summary;
  readonly terraform?: Summary;
  readonly deck?: Summary;
  readonly floorMs?: number;
}

export interface BenchContext {
  readonly emu: EmulatorProcess;
  readonly bin: string;
  readonly policy: RepeatPolicy;
  readonly latencies: readonly number[];
  /** Our `apply --parallelism` and the peers' write concurrency. */
  readonly parallelism: number;
  /** Our client's request concurrency (its default), for the read floor. */
  readonly concurrency: number;
  /** Median whole-process time of `node -e 0`, added to the peers' in-process times. */
  readonly nodeStartMs: number;
  readonly log: (line: string) => void;
}

function cliEnv(emu: EmulatorProcess, home: string): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    NO_COLOR: '1',
    STREAMKAP_API_URL: emu.url,
    STREAMKAP_CLIENT_ID: emu.clientId,
    STREAMKAP_CLIENT_SECRET: emu.clientSecret,
    ...SECRETS,
  };
}

interface Measured {
  readonly summary: Summary;
  /** The emulator's counters of the last run. */
  readonly stats: EmulatorStats;
}

async function ours(
  ctx: BenchContext,
  args: string[],
  cwd: string,
  before: () => Promise<void>,
): Promise<Measured> {
  let stats: EmulatorStats = { total: 0, byRoute: {} };
  const runs = await repeat(ctx.policy, async () => {
    await before();
    await ctx.emu.resetStats();
    const run = await runTimed([ctx.bin, ...args], cliEnv(ctx.emu, cwd), cwd);
    if (run.code !== 0) throw new Error(`${args.join(' ')} exited ${run.code}:\n${run.tail}`);
    stats = await ctx.emu.stats();
    return { ms: run.ms, requests: stats.total, peakRssMb: run.peakRssMb, cpuMs: run.cpuMs };
  });
  return { summary: summarise(runs), stats };
}

async function peer(
  ctx: BenchContext,
  pattern: Pattern,
  account: Account,
  changes: readonly Change[],
  before: () => Promise<void>,
): Promise<Summary> {
  const runs = await repeat(ctx.policy, async (): Promise<RunFigures> => {
    await before();
    await ctx.emu.resetStats();
    const started = performance.now();
    const api = await openBaselineApi(ctx.emu.url, ctx.emu, ctx.parallelism);
    await pattern(api, account, changes);
    await api.close();
    const ms = performance.now() - started + ctx.nodeStartMs;
    return { ms, requests: (await ctx.emu.stats()).total };
  });
  return summarise(runs);
}

/** Unloaded round trips at latency 0 (the fastest of several): the floor's time units beside the latency. */
interface BaseRtt {
  /** A full list page. */
  readonly page: number;
  /** One small request (an object by id), standing for a write. */
  readonly small: number;
}

/** Measured on the account our apply just made; the latency is restored afterwards. */
async function baseRoundTrips(ctx: BenchContext, account: Account, latencyMs: number): Promise<BaseRtt> {
  await ctx.emu.setLatency(0);
  const api = await openBaselineApi(ctx.emu.url, ctx.emu, 1);
  const fastest = async (path: string): Promise<number> => {
    let best = Infinity;
    for (let i = 0; i < 12; i++) {
      const t0 = performance.now();
      await api.get(path);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  const page = await fastest('/pipelines?page=1&page_size=100&secret_returned=true');
  const small = await fastest(`/sources/${account.sources[0]?.id ?? 'none'}?secret_returned=true`);
  await api.close();
  await ctx.emu.setLatency(latencyMs);
  return { page, small };
}

interface ScaleFiles {
  readonly resources: number;
  readonly dir: string;
  readonly base: string;
  readonly changed: string;
  readonly changes: readonly Change[];
  /** The scale's unloaded round trips, measured once. */
  baseRtt?: BaseRtt;
}

async function atLatency(ctx: BenchContext, f: ScaleFiles, latencyMs: number): Promise<Row[]> {
  await ctx.emu.setLatency(latencyMs);
  const { emu, parallelism } = ctx;
  const apply = ['apply', '--auto-approve', '--parallelism', String(parallelism)];
  const step = (what: string): void => ctx.log(`  ${f.resources} resources, ${latencyMs} ms: ${what}`);
  step('apply from empty');
  const empty = await ours(ctx, [...apply, f.base], f.dir, () => emu.reset());
  const doc = await emu.dumpState();
  const account = JSON.parse(doc) as Account;
  const base = (f.baseRtt ??= await baseRoundTrips(ctx, account, latencyMs));
  const restore = (): Promise<void> => emu.loadState(doc);
  const unchanged = async (): Promise<void> => {};
  // Read-only figures share one restored account; writers restore it before every run.
  step('plan, drift');
  await restore();
  const plan = await ours(ctx, ['plan', '--detailed-exitcode', f.base], f.dir, unchanged);
  const drift = await ours(ctx, ['drift', f.base], f.dir, unchanged);
  const peers = async (kind: 'read' | 'applyEmpty' | 'applyChange', before: () => Promise<void>) => ({
    terraform: await peer(ctx, terraform[kind], account, f.changes, before),
    deck: await peer(ctx, deck[kind], account, f.changes, before),
  });
  step('Terraform and decK reads');
  const read = await peers('read', unchanged);
  step('apply of a 1% change (ours, Terraform, decK)');
  const change = await ours(ctx, [...apply, f.changed], f.dir, restore);
  const changePeers = await peers('applyChange', restore);
  step('Terraform and decK apply from empty');
  const emptyPeers = await peers('applyEmpty', () => emu.reset());
  const pass: ReadPass = readPassOf(plan.stats);
  const floor = (readPass: ReadPass, writes?: EmulatorStats): number =>
    readRounds(readPass, ctx.concurrency) * (latencyMs + base.page) +
    (writes ? writeRounds(writes, parallelism) : 0) * (latencyMs + base.small);
  const row = (figure: Figure, m: Measured, floorMs: number): Row => ({
    figure,
    resources: f.resources,
    latencyMs,
    ours: m.summary,
    floorMs,
  });
  return [
    { ...row('plan', plan, floor(pass)), ...read },
    { ...row('drift', drift, floor(pass)), ...read },
    { ...row('apply-empty', empty, floor(emptyReadPass(pass), empty.stats)), ...emptyPeers },
    { ...row('apply-1pct', change, floor(pass, change.stats)), ...changePeers },
  ];
}

/** Every figure at one scale: validate once, then the API figures at each latency. */
export async function measureScale(ctx: BenchContext, resources: number): Promise<Row[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skgo-bench-'));
  try {
    const shape = shapeOf(resources);
    const files: ScaleFiles = {
      resources,
      dir,
      base: path.join(dir, 'base'),
      changed: path.join(dir, 'changed'),
      changes: onePercentChange(shape),
    };
    await writeManifests(files.base, shape);
    await writeManifests(files.changed, shape, files.changes);
    ctx.log(`${resources} resources: validate`);
    const validate = await ours(ctx, ['validate', files.base], dir, async () => {});
    const rows: Row[] = [
      {
        figure: 'validate',
        resources,
        latencyMs: undefined,
        ours: validate.summary,
        floorMs: ctx.nodeStartMs,
      },
    ];
    for (const latency of ctx.latencies) rows.push(...(await atLatency(ctx, files, latency)));
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `--version` against `node -e 0` (its floor: Node's own start-up). */
export async function measureStartup(
  ctx: Omit<BenchContext, 'nodeStartMs'>,
): Promise<{ row: Row; nodeStartMs: number }> {
  const cwd = tmpdir();
  const time = async (args: string[]): Promise<Summary> =>
    summarise(
      await repeat({ ...ctx.policy, runs: Math.max(5, ctx.policy.runs) }, async () => {
        const run = await runTimed(args, { PATH: process.env['PATH'] ?? '' }, cwd);
        if (run.code !== 0) throw new Error(`${args.join(' ')} exited ${run.code}:\n${run.tail}`);
        return { ms: run.ms, peakRssMb: run.peakRssMb, cpuMs: run.cpuMs };
      }),
    );
  const node = await time(['-e', '0']);
  const version = await time([ctx.bin, '--version']);
  return {
    row: { figure: 'version', resources: 0, latencyMs: undefined, ours: version, floorMs: node.medianMs },
    nodeStartMs: node.medianMs,
  };
}
