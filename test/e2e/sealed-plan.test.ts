/**
 * Issue 12.5 end to end: a saved plan is sealed (an edit is refused, exit 3), and apply checks every
 * object it is about to touch against the live account whatever the plan says: a plan forged by a
 * holder of the plan key (sealed again with the right key) still cannot delete an object the
 * namespace does not own, nor a protected one, and what apply prints counts what the plan does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planKeyFromEnv } from '../../src/cli/plan-io.js';
import { planSeal } from '../../src/planner/index.js';
import { apiCall, namesIn, startHarness, type Harness } from './harness.js';
import { applyTeam, writeTeam } from './teams.js';

let h: Harness;
let dir: string;
const PLAN = 'plan.json';

type SavedFile = Record<string, unknown> & {
  plan: { actions: Record<string, unknown>[]; summary: Record<string, number> };
};

beforeEach(async () => {
  h = await startHarness();
  dir = await writeTeam(h, 'shop', {
    namespace: 'shop',
    sources: [{ name: 'orders-db' }],
    destinations: [{ name: 'vault', protected: true }],
  });
  expect((await applyTeam(h, dir)).code).toBe(0);
  await apiCall(h.server, 'POST', '/sources?secret_returned=true&wait=false', {
    name: 'hand-made',
    connector: 'postgresql',
    config: {
      'database.hostname.user.defined': 'hand.internal',
      'database.user': 'x',
      'database.password': 'y',
      'database.dbname': 'shop',
    },
    created_from: 'web',
  });
  const saved = await h.cli(['plan', dir, '--out', PLAN]);
  expect(saved.code, saved.out + saved.err).toBe(0);
});
afterEach(async () => {
  await h.close();
});

const readPlan = (): SavedFile => JSON.parse(readFileSync(path.join(h.dir, PLAN), 'utf8')) as SavedFile;

/** Writes the plan sealed with the right key: what someone holding STREAMKAP_GITOPS_PLAN_KEY could do. */
function writeForged(value: SavedFile): void {
  const { mac: _old, ...content } = value;
  const mac = planSeal(planKeyFromEnv(h.env()), content);
  writeFileSync(path.join(h.dir, PLAN), JSON.stringify({ ...content, mac }));
}

function forgedDelete(kind: 'sources' | 'destinations', name: string): Record<string, unknown> {
  const obj = h.server.emulator.dump()[kind].find((o) => o.name === name);
  if (!obj) throw new Error(`${name} not found`);
  const k = kind === 'sources' ? 'source' : 'destination';
  return {
    id: `${k}/${name}`,
    kind: k,
    name,
    type: 'delete',
    live_id: obj.id,
    changes: [],
    depends_on: [],
    destructive: false,
    protected: false,
  };
}

const applyPlan = () =>
  h.cli(['apply', dir, '--plan', PLAN, '--auto-approve', '--allow-destructive', '--max-deletes', '9']);

describe('saved plans are sealed (issue 12.5)', () => {
  it('an edited plan is refused (exit 3) and nothing is written', async () => {
    const plan = readPlan();
    plan.plan.actions.push(forgedDelete('sources', 'hand-made'));
    writeFileSync(path.join(h.dir, PLAN), JSON.stringify(plan));
    const r = await applyPlan();
    expect(r.code, r.out + r.err).toBe(3);
    expect(r.err).toContain('does not match its seal');
    expect(r.err).not.toContain(planKeyFromEnv(h.env()));
    expect(namesIn(h.server).sources).toEqual(['hand-made', 'orders-db']);
  });

  it('a forged but sealed plan deleting an untagged foreign source is refused; the summary says 1 to delete', async () => {
    const plan = readPlan();
    plan.plan.actions.push(forgedDelete('sources', 'hand-made'));
    writeForged(plan);
    const r = await applyPlan();
    expect(r.code, r.out + r.err).toBe(3);
    expect(r.err).toContain(
      'refused: the plan would delete source "hand-made", not owned by namespace "shop"',
    );
    expect(r.out).toContain('0 to replace, 1 to delete');
    expect(namesIn(h.server).sources).toEqual(['hand-made', 'orders-db']);
  });

  it('a forged but sealed plan deleting a protected destination (marked unprotected) is refused', async () => {
    const plan = readPlan();
    plan.plan.actions.push(forgedDelete('destinations', 'vault'));
    writeForged(plan);
    const r = await applyPlan();
    expect(r.code, r.out + r.err).toBe(3);
    expect(r.err).toContain('protected resources are never deleted');
    expect(r.out).toContain('1 to delete');
    expect(namesIn(h.server).destinations).toEqual(['vault']);
  });
});
