/**
 * Issue 12.7 end to end: a custom tag is only changed by the namespace that owns it. Ownership is a
 * marker at the end of the tag's description (`[gitops:<namespace>]`), which the tool writes on every
 * create and update and strips whenever it reads, so no plan, drift or export shows it.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planKeyFromEnv } from '../../src/cli/plan-io.js';
import { planSeal } from '../../src/planner/index.js';
import { apiCall, contentOf, startHarness, type Harness, type RunResult } from './harness.js';
import { applyTeam, writeTeam, type TeamSpec } from './teams.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const MARKER = '[gitops:';

function team(namespace: string, description: string): TeamSpec {
  return { namespace, tags: [{ name: 'shared-tag', description }] };
}

/** The stored description of a tag, marker included (the emulator keeps it as written). */
function storedDescription(name: string): string | null | undefined {
  return h.server.emulator.dump().tags.find((t) => t.name === name)?.description;
}

/** Writes of the last run apart from the namespace lock's create and delete (POST /tags, DELETE /tags/{id}). */
function writesBesidesLock(): Record<string, number> {
  const routes = h.server.emulator.stats().byRoute;
  const writes = Object.entries(routes).filter(([r]) => !r.startsWith('GET ') && !r.includes('/auth/'));
  const lock = { 'POST /tags': 1, 'DELETE /tags/{id}': 1 };
  return Object.fromEntries(
    writes
      .map(([r, n]): [string, number] => [r, n - (lock[r as keyof typeof lock] ?? 0)])
      .filter(([, n]) => n !== 0),
  );
}

const all = (r: RunResult): string => r.out + r.err;

async function handMadeTag(name: string, description: string): Promise<void> {
  const type = ['sources', 'destinations', 'pipelines', 'transforms'];
  await apiCall(h.server, 'POST', '/tags', { name, description, type, created_from: 'web' });
}

describe('two namespaces declaring one tag (issue 12.7)', () => {
  it('B is refused (exit 3, naming A) and writes nothing; A then writes nothing; --adopt-from moves it', async () => {
    const a = await writeTeam(h, 'a', team('team-a', 'Shared by A'));
    expect((await applyTeam(h, a)).code).toBe(0);
    expect(storedDescription('shared-tag')).toBe('Shared by A [gitops:team-a]');

    const b = await writeTeam(h, 'b', team('team-b', 'Shared by B'));
    const plan = await h.cli(['plan', b]);
    expect(plan.code, all(plan)).toBe(3);
    expect(plan.out).toContain(
      'refused: the plan would update tag "shared-tag", owned by namespace "team-a"',
    );
    expect(all(plan)).toContain('--adopt-from team-a');
    const json = await h.cli(['plan', b, '--format', 'json']);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.out).errors).toEqual([
      expect.objectContaining({ code: 'tag-not-owned', id: 'tag/shared-tag' }),
    ]);
    const before = contentOf(h.server);
    const refused = await applyTeam(h, b);
    expect(refused.code, all(refused)).toBe(3);
    expect(all(refused)).toContain('owned by namespace "team-a"');
    expect(contentOf(h.server)).toEqual(before);

    h.server.emulator.resetStats();
    const again = await applyTeam(h, a);
    expect(again.code, all(again)).toBe(0);
    expect(again.out).toContain('Nothing to apply');
    expect(writesBesidesLock()).toEqual({});

    const taken = await applyTeam(h, b, '--adopt-from', 'team-a');
    expect(taken.code, all(taken)).toBe(0);
    expect(taken.out).toContain('adopt from namespace "team-a"');
    expect(storedDescription('shared-tag')).toBe('Shared by B [gitops:team-b]');
    const back = await applyTeam(h, a);
    expect(back.code, all(back)).toBe(3);
    expect(all(back)).toContain('owned by namespace "team-b"');
    expect(storedDescription('shared-tag')).toBe('Shared by B [gitops:team-b]');
  });

  it('a namespace that declares the tag exactly as its owner wrote it writes nothing, with a warning', async () => {
    expect((await applyTeam(h, await writeTeam(h, 'a', team('team-a', 'Same')))).code).toBe(0);
    h.server.emulator.resetStats();
    const r = await applyTeam(h, await writeTeam(h, 'b', team('team-b', 'Same')));
    expect(r.code, all(r)).toBe(0);
    expect(all(r)).toContain('tag "shared-tag" is owned by namespace "team-a"; it matches the manifest');
    expect(writesBesidesLock()).toEqual({ 'POST /tags': 1 }); // team-b's own ownership tag
    expect(storedDescription('shared-tag')).toBe('Same [gitops:team-a]');
  });
});

describe('a tag made by hand (no marker)', () => {
  it('is refused when it differs, taken with --adopt, and then plans clean', async () => {
    await handMadeTag('pii', 'by hand');
    const dir = await writeTeam(h, 'shop', {
      namespace: 'shop',
      tags: [{ name: 'pii', description: 'Personal data' }],
    });
    const refused = await applyTeam(h, dir);
    expect(refused.code, all(refused)).toBe(3);
    expect(all(refused)).toContain('tag "pii", which exists without an owner marker');
    expect(all(refused)).toContain('--adopt');
    expect(storedDescription('pii')).toBe('by hand');

    const plan = await h.cli(['plan', dir, '--adopt']);
    expect(plan.code, all(plan)).toBe(0);
    expect(plan.out).toContain('adopt: marks the tag as owned by this namespace');
    expect(plan.out).not.toContain(MARKER);
    const adopted = await applyTeam(h, dir, '--adopt');
    expect(adopted.code, all(adopted)).toBe(0);
    expect(storedDescription('pii')).toBe('Personal data [gitops:shop]');
    const after = await h.cli(['plan', dir, '--detailed-exitcode']);
    expect(after.code, all(after)).toBe(0);
  });

  it('an identical one is left as it is: no write, no error, a warning that it stays unowned', async () => {
    await handMadeTag('pii', 'Personal data');
    const dir = await writeTeam(h, 'shop', {
      namespace: 'shop',
      tags: [{ name: 'pii', description: 'Personal data' }],
    });
    expect((await applyTeam(h, dir)).code).toBe(0); // the ownership tag
    h.server.emulator.resetStats();
    const r = await applyTeam(h, dir);
    expect(r.code, all(r)).toBe(0);
    expect(all(r)).toContain('tag "pii" exists without an owner marker');
    expect(all(r)).toContain('--adopt');
    expect(writesBesidesLock()).toEqual({});
    expect(storedDescription('pii')).toBe('Personal data');
  });
});

async function exportedText(dir: string): Promise<string> {
  const files = await readdir(path.join(h.dir, dir));
  const texts = await Promise.all(files.map((f) => readFile(path.join(h.dir, dir, f), 'utf8')));
  return texts.join('\n');
}

describe('the marker is never shown, compared or exported', () => {
  it('a marked tag plans clean in text, JSON and Markdown; export writes the description without it', async () => {
    await handMadeTag('pii', 'Personal data [gitops:shop]');
    const dir = await writeTeam(h, 'shop', {
      namespace: 'shop',
      tags: [{ name: 'pii', description: 'Personal data' }],
      sources: [{ name: 'orders-db', tags: ['pii'] }],
    });
    for (const format of ['text', 'json', 'markdown']) {
      const r = await h.cli(['plan', dir, '--format', format]);
      expect(r.code, all(r)).toBe(0);
      expect(all(r)).not.toContain(MARKER);
      expect(all(r)).not.toContain('unowned-tag-kept');
    }
    const json = JSON.parse((await h.cli(['plan', dir, '--format', 'json'])).out) as {
      actions: { id: string; type: string }[];
    };
    expect(json.actions.find((a) => a.id === 'tag/pii')?.type).toBe('noop');
    expect((await applyTeam(h, dir)).code).toBe(0);
    expect(storedDescription('pii')).toBe('Personal data [gitops:shop]');
    const drift = await h.cli(['drift', dir]);
    expect(drift.code, all(drift)).toBe(0);
    expect(all(drift)).not.toContain(MARKER);

    const exported = await h.cli(['export', '--out', 'exported', '--namespace', 'shop']);
    expect(exported.code, all(exported)).toBe(0);
    const text = await exportedText('exported');
    expect(text).toContain('description: Personal data');
    expect(text).not.toContain(MARKER);
  });

  it('a description that mentions another namespace is text: only the trailing marker counts', async () => {
    const dir = await writeTeam(h, 'shop', {
      namespace: 'shop',
      tags: [{ name: 'pii', description: 'copied from [gitops:billing]' }],
    });
    expect((await applyTeam(h, dir)).code).toBe(0);
    expect(storedDescription('pii')).toBe('copied from [gitops:billing] [gitops:shop]');
    expect((await h.cli(['plan', dir, '--detailed-exitcode'])).code).toBe(0);
  });
});

describe('apply checks the tag it writes against the account, whatever a saved plan says', () => {
  it('a plan saved before another namespace took the tag is refused (exit 3); nothing is written', async () => {
    const a = await writeTeam(h, 'a', team('team-a', 'v1'));
    expect((await applyTeam(h, a)).code).toBe(0);
    await writeTeam(h, 'a', team('team-a', 'v2'));
    const saved = await h.cli(['plan', a, '--out', 'a.plan']);
    expect(saved.code, all(saved)).toBe(0);
    const b = await writeTeam(h, 'b', team('team-b', 'taken'));
    expect((await applyTeam(h, b, '--adopt-from', 'team-a')).code).toBe(0);
    const r = await h.cli(['apply', a, '--plan', 'a.plan', '--auto-approve']);
    expect(r.code, all(r)).toBe(3);
    expect(storedDescription('shared-tag')).toBe('taken [gitops:team-b]');
  });
});

type Action = Record<string, unknown> & { id: string };

/** Rewrites a saved plan's actions and seals it with the right key (what a holder of the plan key could do). */
async function forge(file: string, edit: (actions: Action[]) => void): Promise<void> {
  const saved = JSON.parse(await readFile(path.join(h.dir, file), 'utf8')) as {
    mac: string;
    plan: { actions: Action[] };
  };
  edit(saved.plan.actions);
  const { mac: _old, ...content } = saved;
  const mac = planSeal(planKeyFromEnv(h.env()), content);
  await writeFile(path.join(h.dir, file), JSON.stringify({ ...content, mac }));
}

describe('a forged saved plan cannot change a tag the namespace does not own', () => {
  it("an update of another namespace's tag, sealed with the right key, is refused (exit 3)", async () => {
    expect((await applyTeam(h, await writeTeam(h, 'a', team('team-a', 'Same')))).code).toBe(0);
    const b = await writeTeam(h, 'b', team('team-b', 'Same'));
    expect((await applyTeam(h, b)).code).toBe(0);
    expect((await h.cli(['plan', b, '--out', 'b.plan'])).code).toBe(0);
    await forge('b.plan', (actions) => {
      const tag = actions.find((a) => a.id === 'tag/shared-tag') as Action;
      tag['type'] = 'update';
      tag['changes'] = [{ path: 'description', before: 'Same', after: 'forged' }];
      tag['desired'] = { name: 'shared-tag', description: 'forged', types: ['sources'] };
    });
    const before = contentOf(h.server);
    const r = await h.cli(['apply', b, '--plan', 'b.plan', '--auto-approve']);
    expect(r.code, all(r)).toBe(3);
    expect(r.err).toContain('refused: the plan would update tag "shared-tag", owned by namespace "team-a"');
    expect(contentOf(h.server)).toEqual(before);
  });
});
