/** The account the fault, kill and concurrency suites run against, and the checks they share. */
import { afterEach, beforeEach, expect } from 'vitest';
import { apiCall, namesIn, startHarness, type Harness, type RunResult } from '../e2e/harness.js';
import { startFaultProxy, type FaultProxy, type FaultProxyOptions } from './fault-proxy.js';

/** What the examples expect in the account, and objects this namespace must never touch. */
const FOREIGN = [
  { kind: 'destination', name: 'shared-kafka', connector: 'kafka', config: {} },
  { kind: 'tag', name: 'gitops:other', description: 'another namespace' },
  {
    kind: 'source',
    name: 'other-team-db',
    connector: 'postgresql',
    tags: ['gitops:other'],
    config: {
      'database.hostname.user.defined': 'other.internal',
      'table.include.list.user.defined': 'public.t',
    },
  },
  {
    kind: 'destination',
    name: 'made-in-the-ui',
    connector: 'clickhouse',
    config: { 'connection.username': 'ui' },
  },
];
const FOREIGN_NAMES = new Set(FOREIGN.map((f) => `${f.kind}/${f.name}`));

export async function seedForeign(h: Harness): Promise<void> {
  await apiCall(h.server, 'POST', '/__emulator/seed', FOREIGN);
}

/** The stored records of the foreign objects (settling counters left out), to compare before and after. */
export function foreignSnapshot(h: Harness): unknown {
  const d = h.server.emulator.dump();
  const pick = (kind: string, xs: readonly { name: string }[]) =>
    xs.filter((x) => FOREIGN_NAMES.has(`${kind}/${x.name}`));
  const all = [...pick('tag', d.tags), ...pick('source', d.sources), ...pick('destination', d.destinations)];
  return JSON.parse(JSON.stringify(all, (k, v: unknown) => (k === 'settle' ? undefined : v)));
}

export function expectNoDuplicates(h: Harness): void {
  for (const [kind, list] of Object.entries(namesIn(h.server))) {
    expect(list.length - new Set(list).size, `duplicate ${kind}: ${list.join(', ')}`).toBe(0);
  }
  const tags = h.server.emulator.dump().tags.map((t) => t.name);
  expect(tags.length - new Set(tags).size, `duplicate tags: ${tags.join(', ')}`).toBe(0);
}

const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

/** A failed run says what failed in a sentence, without a stack trace or an internal error. */
export function expectClearFailure(r: RunResult, label: string): void {
  const text = `${r.out}\n${r.err}`;
  expect([1, 3], `${label}: exit ${r.code}\n${text}`).toContain(r.code);
  expect(text, label).not.toMatch(STACK_LINE);
  expect(text, label).not.toMatch(/internal error/i);
  expect(r.err, label).toMatch(/^error: .+/m);
}

export interface ChaosAccount {
  /** This test's harness (a fresh emulator with the foreign objects seeded). */
  harness(): Harness;
  /** A proxy in front of this test's emulator, closed after the test. */
  proxy(options?: Omit<FaultProxyOptions, 'target'>): Promise<FaultProxy>;
}

/** Registers the hooks that give each test of the calling file a fresh account and close its proxies. */
export function chaosAccount(): ChaosAccount {
  let h: Harness | undefined;
  const proxies: FaultProxy[] = [];
  beforeEach(async () => {
    h = await startHarness();
    await seedForeign(h);
  });
  afterEach(async () => {
    for (const p of proxies.splice(0)) await p.close();
    await h?.close();
  });
  const harness = (): Harness => {
    if (!h) throw new Error('chaosAccount: no test is running');
    return h;
  };
  return {
    harness,
    async proxy(options = {}) {
      const p = await startFaultProxy({ target: harness().server.url, ...options });
      proxies.push(p);
      return p;
    },
  };
}
