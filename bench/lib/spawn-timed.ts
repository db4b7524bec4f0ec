/**
 * Runs one command as a child process and times the whole process (spawn to exit, so Node's
 * start-up counts), with its peak RSS and CPU time from a `--require`d preload (process-usage.cjs).
 */
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const PRELOAD = fileURLToPath(new URL('./process-usage.cjs', import.meta.url));
/** Output kept for an error message: the tail only (a 10,000-resource apply prints a lot). */
const KEEP_BYTES = 16_384;

export interface TimedRun {
  readonly ms: number;
  readonly code: number | null;
  /** Peak resident set size in MB. */
  readonly peakRssMb: number | undefined;
  /** User + system CPU time of the process, in ms (less sensitive than wall time to a busy machine). */
  readonly cpuMs: number | undefined;
  readonly tail: string;
}

let sequence = 0;

/** `node --require process-usage.cjs <args...>`; stdout and stderr are drained, their tail kept. */
export async function runTimed(
  args: readonly string[],
  env: Record<string, string>,
  cwd: string,
): Promise<TimedRun> {
  const usageFile = path.join(tmpdir(), `skgo-bench-usage-${process.pid}-${sequence++}`);
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-KEEP_BYTES);
  };
  const started = performance.now();
  const child = spawn(process.execPath, ['--require', PRELOAD, ...args], {
    cwd,
    env: { ...env, BENCH_USAGE_FILE: usageFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolve(c));
  });
  const ms = performance.now() - started;
  const usage = JSON.parse(await readFile(usageFile, 'utf8').catch(() => '{}')) as {
    maxRssKb?: number;
    cpuUs?: number;
  };
  await rm(usageFile, { force: true });
  return {
    ms,
    code,
    peakRssMb: usage.maxRssKb === undefined ? undefined : usage.maxRssKb / 1024,
    cpuMs: usage.cpuUs === undefined ? undefined : usage.cpuUs / 1000,
    tail,
  };
}
