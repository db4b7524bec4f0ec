/**
 * Issue 12, "other namespaces are untouchable", end to end: two namespaces (teams) share one
 * account in the emulator, and the CLI of one must never write, take or delete what the other owns.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { namesIn, startHarness, type Harness } from './harness.js';
import { applyTeam, liveTagNames, writeTeam } from './teams.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('adopting (issue 12.3)', () => {
  const billing = { namespace: 'billing', sources: [{ name: 'ledger-db', protected: true }] };
  const shop = { namespace: 'shop', sources: [{ name: 'ledger-db', protected: true }] };

  it('--adopt refuses an object another namespace owns (exit 4, naming the owner and --adopt-from)', async () => {
    expect((await applyTeam(h, await writeTeam(h, 'billing', billing))).code).toBe(0);
    const r = await applyTeam(h, await writeTeam(h, 'shop', shop), '--adopt');
    expect(r.code, r.out + r.err).toBe(4);
    expect(r.out).toContain('owned by namespace "billing"');
    expect(r.err).toContain('--adopt-from billing');
    expect(liveTagNames(h, 'sources', 'ledger-db')).toEqual(['gitops:billing', 'gitops:protected']);
  });

  it('--adopt-from moves it and keeps gitops:protected: the adopting namespace still cannot delete it', async () => {
    expect((await applyTeam(h, await writeTeam(h, 'billing', billing))).code).toBe(0);
    const dir = await writeTeam(h, 'shop', { ...shop, sources: [{ name: 'ledger-db' }] });
    const unprotecting = await applyTeam(h, dir, '--adopt-from', 'billing');
    expect(unprotecting.code).toBe(4);
    expect(unprotecting.out).toContain('does not say protected: true');
    await writeTeam(h, 'shop', shop);
    const adopted = await applyTeam(h, dir, '--adopt-from', 'billing');
    expect(adopted.code, adopted.out + adopted.err).toBe(0);
    expect(adopted.out).toContain('adopt from namespace "billing"');
    expect(liveTagNames(h, 'sources', 'ledger-db')).toEqual(['gitops:protected', 'gitops:shop']);
    await writeTeam(h, 'shop', { namespace: 'shop', sources: [] });
    const deleted = await applyTeam(h, dir, '--allow-destructive');
    expect(deleted.code, deleted.out + deleted.err).toBe(3);
    expect(deleted.err).toContain('protected resources are never deleted');
    expect(namesIn(h.server).sources).toEqual(['ledger-db']);
  });

  it('--adopt-from naming the own namespace is a usage error (exit 4)', async () => {
    const r = await applyTeam(h, await writeTeam(h, 'shop', shop), '--adopt-from', 'shop');
    expect(r.code).toBe(4);
    expect(r.err).toContain("names the manifests' own namespace");
  });
});

/** billing's pipeline reads shop's source (listed under external:) into billing's own destination. */
async function sharedSource(): Promise<{ shop: string; billing: string }> {
  const shop = await writeTeam(h, 'shop', { namespace: 'shop', sources: [{ name: 'orders-db' }] });
  expect((await applyTeam(h, shop)).code).toBe(0);
  const billing = await writeTeam(h, 'billing', {
    namespace: 'billing',
    destinations: [{ name: 'ledger' }],
    pipelines: [{ name: 'bill-orders', source: 'orders-db', destination: 'ledger' }],
    external: { sources: ['orders-db'] },
  });
  const r = await applyTeam(h, billing);
  expect(r.code, r.out + r.err).toBe(0);
  return { shop, billing };
}

const pipelineSourceId = (): string =>
  h.server.emulator.dump().pipelines.find((p) => p.name === 'bill-orders')?.source.id ?? 'none';

describe("a replace never writes another namespace's pipeline (issue 12.4)", () => {
  it('plan and apply refuse it (exit 3) naming the pipeline; nothing is written', async () => {
    const { shop } = await sharedSource();
    const before = pipelineSourceId();
    await writeTeam(h, 'shop', { namespace: 'shop', sources: [{ name: 'orders-db', connector: 'mysql' }] });
    const plan = await h.cli(['plan', shop]);
    expect(plan.code, plan.out + plan.err).toBe(3);
    expect(plan.out).toContain('refused: replacing source "orders-db" would repoint pipeline "bill-orders"');
    const json = await h.cli(['plan', shop, '--format', 'json']);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.out).errors).toEqual([expect.objectContaining({ code: 'foreign-write' })]);
    const md = await h.cli(['plan', shop, '--format', 'markdown']);
    expect(md.out).toContain('would repoint pipeline "bill-orders"');
    const applied = await applyTeam(h, shop, '--allow-destructive');
    expect(applied.code, applied.out + applied.err).toBe(3);
    expect(applied.err).toContain('refused');
    expect(pipelineSourceId()).toBe(before);
    expect(h.server.emulator.dump().sources.map((s) => s.connector)).toEqual(['postgresql']);
  });
});

describe("a delete never breaks another namespace's pipeline (issue 12.6)", () => {
  it('removing a source that a pipeline of billing uses is refused (exit 3); the source stays', async () => {
    const { shop } = await sharedSource();
    await writeTeam(h, 'shop', { namespace: 'shop', sources: [] });
    const plan = await h.cli(['plan', shop]);
    expect(plan.code, plan.out + plan.err).toBe(3);
    expect(plan.out).toContain('would break pipeline "bill-orders" (owned by namespace "billing")');
    const applied = await applyTeam(h, shop, '--allow-destructive');
    expect(applied.code, applied.out + applied.err).toBe(3);
    expect(namesIn(h.server).sources).toEqual(['orders-db']);
    expect(namesIn(h.server).pipelines).toEqual(['bill-orders']);
  });
});
