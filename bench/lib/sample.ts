/** Repeated runs of one measurement and their summary (median, range). */

export interface RunFigures {
  readonly ms: number;
  readonly requests?: number | undefined;
  readonly peakRssMb?: number | undefined;
  readonly cpuMs?: number | undefined;
}

export interface Summary {
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Median requests per run (the emulator's count), when counted. */
  readonly requests?: number | undefined;
  /** Largest peak RSS over the runs, in MB, when measured. */
  readonly peakRssMb?: number | undefined;
  /** Median CPU time (user + system) of the measured process, when measured. */
  readonly cpuMs?: number | undefined;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function summarise(runs: readonly RunFigures[]): Summary {
  const ms = runs.map((r) => r.ms);
  const requests = runs.flatMap((r) => (r.requests === undefined ? [] : [r.requests]));
  const rss = runs.flatMap((r) => (r.peakRssMb === undefined ? [] : [r.peakRssMb]));
  const cpu = runs.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]));
  return {
    runs: runs.length,
    medianMs: median(ms),
    minMs: Math.min(...ms),
    maxMs: Math.max(...ms),
    ...(requests.length > 0 ? { requests: median(requests) } : {}),
    ...(rss.length > 0 ? { peakRssMb: Math.max(...rss) } : {}),
    ...(cpu.length > 0 ? { cpuMs: median(cpu) } : {}),
  };
}

export interface RepeatPolicy {
  readonly runs: number;
  /** A first run longer than this is not repeated (the network-bound 10,000 cases at 20 ms). */
  readonly longRunMs: number;
}

/** Runs `once` up to `policy.runs` times (once only when the first run is long). */
export async function repeat(policy: RepeatPolicy, once: () => Promise<RunFigures>): Promise<RunFigures[]> {
  const out = [await once()];
  while (out.length < policy.runs && (out[0]?.ms ?? 0) <= policy.longRunMs) out.push(await once());
  return out;
}
