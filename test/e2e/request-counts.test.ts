/**
 * How many requests plan, drift and apply send for a few hundred resources (counted by the
 * emulator, never timed): a read is one list call per page of each kind plus auth and tags, never a
 * call per resource; an apply adds its writes and a check that re-reads only the tag list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editFile, startHarness, type Harness } from './harness.js';
import { LOAD_SECRETS, manyResourcesManifest } from './generate.js';

/** 121 sources, 121 destinations, 120 pipelines: 2 pages each, 1 (empty) page of transforms. */
const PIPELINES = 120;
/** List pages of one read pass of this account. */
const PAGES = 2 + 2 + 2 + 1;
/** Auth and the unpaged tag list. */
const AUTH_AND_TAGS = 2;

let h: Harness;
let file: string;

beforeAll(async () => {
  h = await startHarness();
  file = await h.write('load.yaml', manyResourcesManifest({ pipelines: PIPELINES }));
});

afterAll(async () => {
  await h.close();
});

/** Runs the CLI and returns the emulator's request counts of that run alone. */
async function counted(args: string[], exitCode: number): Promise<Record<string, number>> {
  h.server.emulator.resetStats();
  const r = await h.cli(args, LOAD_SECRETS);
  expect(r.code, r.out + r.err).toBe(exitCode);
  return h.server.emulator.stats().byRoute;
}

const sum = (routes: Record<string, number>, match: (route: string) => boolean): number =>
  Object.entries(routes)
    .filter(([route]) => match(route))
    .reduce((n, [, count]) => n + count, 0);
const isWrite = (route: string): boolean => !route.startsWith('GET ') && !route.includes('/auth/');
const isList = (route: string): boolean => /^GET \/(sources|destinations|transforms|pipelines)$/.test(route);

describe('request counts of a few hundred resources', () => {
  it('apply from empty: one create per resource, the reads around them bounded by the pages', async () => {
    const routes = await counted(['apply', 'load.yaml', '--auto-approve', '--parallelism', '8'], 0);
    // 362 resources and the namespace's ownership tag, and the namespace lock's create and delete.
    expect(sum(routes, isWrite)).toBe(2 * (PIPELINES + 1) + PIPELINES + 1 + 2);
    expect(routes['POST /sources']).toBe(PIPELINES + 1);
    expect(
      sum(routes, (r) => /^GET \/\w+\/\{id\}$/.test(r)),
      'no GET per object',
    ).toBe(0);
    // Auth, the read of the empty account (4 kinds and tags), and the check's tag list: the check
    // reads what was written from the write answers, never a kind again.
    // The lock's release reads the lock tag once.
    expect(sum(routes, (r) => !isWrite(r))).toBe(1 + (4 + 1) + 1 + 1);
  });

  it('plan with no changes: at most one list call per page, plus auth and tags', async () => {
    const routes = await counted(['plan', 'load.yaml', '--detailed-exitcode'], 0);
    expect(sum(routes, () => true)).toBeLessThanOrEqual(PAGES + AUTH_AND_TAGS);
    expect(sum(routes, isList)).toBeLessThanOrEqual(PAGES);
  });

  it('drift with no changes: the same single read pass', async () => {
    const routes = await counted(['drift', 'load.yaml'], 0);
    expect(sum(routes, () => true)).toBeLessThanOrEqual(PAGES + AUTH_AND_TAGS);
  });

  it('apply of a 1% change: its writes plus bounded reads, nothing per unchanged resource', async () => {
    await editFile(file, (text) =>
      text
        .replace('db-0.internal', 'db-0.moved.internal')
        .replace('ch-0.internal', 'ch-0.moved.internal')
        .replace('db-1.internal', 'db-1.moved.internal'),
    );
    const routes = await counted(['apply', 'load.yaml', '--auto-approve'], 0);
    expect(sum(routes, isWrite)).toBe(3 + 2);
    expect(sum(routes, (r) => /^GET \/\w+\/\{id\}$/.test(r))).toBe(0);
    // One read pass (the plan's); the check adds the tag list alone, whatever the account's size.
    expect(sum(routes, isList)).toBe(PAGES);
    expect(sum(routes, (r) => !isWrite(r))).toBe(1 + PAGES + 1 + 1 + 1);
    // Issue 13's bound: writes + pages + 10 (and the lock's three calls).
    expect(sum(routes, () => true)).toBeLessThanOrEqual(3 + PAGES + 10 + 3);
  });
});
