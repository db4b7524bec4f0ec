/**
 * The network floor of a figure: the fewest sequential round trips its requests need, times one
 * round trip. Reads: auth, then the first page of every kind at once, then the remaining pages at
 * the client's concurrency. Writes: ceil(writes / parallelism) rounds, and never fewer rounds than
 * dependency levels written (tags, then sources and destinations, then pipelines).
 */
import type { EmulatorStats } from './emulator.js';

const LIST_ROUTES = ['GET /tags', 'GET /sources', 'GET /destinations', 'GET /transforms', 'GET /pipelines'];
const LEVEL_OF: Readonly<Record<string, number>> = {
  tags: 1,
  sources: 2,
  destinations: 2,
  transforms: 2,
  pipelines: 3,
};

/** Pages per listed kind in one read pass (from a no-change plan's request log). */
export type ReadPass = Readonly<Record<string, number>>;

export function readPassOf(stats: EmulatorStats): ReadPass {
  return Object.fromEntries(
    LIST_ROUTES.filter((r) => (stats.byRoute[r] ?? 0) > 0).map((r) => [r, stats.byRoute[r] ?? 0]),
  );
}

/** The same kinds listed in an empty account: one page each. */
export function emptyReadPass(pass: ReadPass): ReadPass {
  return Object.fromEntries(Object.keys(pass).map((r) => [r, 1]));
}

export function readRounds(pass: ReadPass, concurrency: number): number {
  const pages = Object.values(pass);
  const remaining = pages.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  return 1 + (pages.length > 0 ? 1 : 0) + Math.ceil(remaining / concurrency);
}

export function writesOf(stats: EmulatorStats): { writes: number; levels: number } {
  let writes = 0;
  const levels = new Set<number>();
  for (const [route, n] of Object.entries(stats.byRoute)) {
    const [method, path = ''] = route.split(' ');
    if (method === 'GET' || path.startsWith('/auth/')) continue;
    writes += n;
    const level = LEVEL_OF[path.split('/')[1] ?? ''];
    if (level !== undefined) levels.add(level);
  }
  return { writes, levels: levels.size };
}

export function writeRounds(stats: EmulatorStats, parallelism: number): number {
  const { writes, levels } = writesOf(stats);
  return writes === 0 ? 0 : Math.max(levels, Math.ceil(writes / parallelism));
}
