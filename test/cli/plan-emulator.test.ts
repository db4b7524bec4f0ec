import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { inputsDigest, loadSavedPlan, planKeyFromEnv } from '../../src/cli/plan-io.js';
import { loadDesiredState } from '../../src/schema/index.js';
import { FORMAT_VERSION } from '../../src/model/index.js';
import { captureIo } from '../helpers/capture-io.js';
import {
  createAccount,
  MANIFEST,
  startAccount,
  writeManifest,
  type Account,
} from '../planner/emulator-account.js';

const SECRETS = { PG_PASSWORD: 'pg-PLANTED-4c1d', SF_KEY: 'sf-PLANTED-9e2a' };

let account: Account;
let dir: string;

beforeAll(async () => {
  account = await startAccount(SECRETS);
  dir = writeManifest(MANIFEST);
});
afterAll(async () => account.close());
beforeEach(async () => account.reset());

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(account.env, dir);
  const code = await main(['node', 'streamkap-gitops', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

async function desired() {
  return (await loadDesiredState([dir], { cwd: dir, env: account.env })).state;
}

describe('--target and --exclude that name nothing (issue 8.8)', () => {
  it('exit 4 with the closest resource id, in every format', async () => {
    const text = await run('plan', '.', '--target', 'source/orders-bd');
    expect(text.code).toBe(4);
    expect(text.out).toContain('--target source/orders-bd matches no resource');
    expect(text.out).toContain('hint: did you mean "source/orders-db"?');
    const json = await run('plan', '.', '--format', 'json', '--exclude', 'pipeline/orders-to-warehose');
    expect(json.code).toBe(4);
    expect(JSON.parse(json.out).errors).toEqual([
      expect.objectContaining({
        code: 'unknown-exclude',
        hint: 'did you mean "pipeline/orders-to-warehouse"?',
      }),
    ]);
    const kind = await run('plan', '.', '--target', 'sources/orders-db');
    expect(kind.code).toBe(4);
    expect(kind.err).toContain('hint: did you mean "source/orders-db"?');
  });
});

describe('plan against the emulator', () => {
  it('plans a full create on an empty account; --detailed-exitcode gives 2', async () => {
    const r = await run('plan', '.');
    expect(r.code).toBe(0);
    expect(r.out).toContain('+ source/orders-db');
    expect(r.out).toContain('Plan: 5 to create, 0 to update, 0 to replace, 0 to delete.');
    expect((await run('plan', '.', '--detailed-exitcode')).code).toBe(2);
  });

  it('names the manifest file and line of each resource it plans', async () => {
    expect((await run('plan', '.')).out).toContain('  + source/orders-db (streamkap.yaml:7)\n');
    expect((await run('plan', '.', '--format', 'markdown')).out).toContain(
      '<b>source/orders-db</b> · <sub>streamkap.yaml:7</sub></summary>',
    );
  });

  it('renders JSON and Markdown with the same exit code', async () => {
    const json = await run('plan', '--format', 'json', '--detailed-exitcode');
    expect(json.code).toBe(2);
    const doc = JSON.parse(json.out) as { format_version: number; summary: { create: number } };
    expect(doc.format_version).toBe(FORMAT_VERSION);
    expect(doc.summary.create).toBe(5);
    const md = await run('plan', '--format', 'markdown', '--detailed-exitcode');
    expect(md.code).toBe(2);
    expect(md.out.startsWith('<!-- streamkap-gitops:plan -->')).toBe(true);
  });

  it('--out saves a plan apply can check: digest of the manifests, no secret', async () => {
    const r = await run('plan', '--out', 'out/plan.json');
    expect(r.code).toBe(0);
    const file = path.join(dir, 'out', 'plan.json');
    expect(existsSync(file)).toBe(true);
    const saved = await loadSavedPlan(file, planKeyFromEnv(account.env));
    expect(saved.inputsDigest).toBe(inputsDigest((await desired()).files));
    const text = readFileSync(file, 'utf8');
    for (const v of Object.values(SECRETS)) expect(text).not.toContain(v);
    expect(text).not.toContain(account.env['STREAMKAP_CLIENT_SECRET']);
  });

  it('is empty once the account holds the manifests (objects posted in API form)', async () => {
    await createAccount(account.client, await desired());
    const r = await run('plan', '--detailed-exitcode');
    expect(r.err).toBe('');
    expect(r.out).toContain('No changes.');
    expect(r.code).toBe(0);
  });

  it('refuses an unowned namesake (exit 4, with the hint) unless --adopt', async () => {
    await createAccount(account.client, await desired(), { owned: false });
    const refused = await run('plan');
    expect(refused.code).toBe(4);
    expect(refused.out).toContain('does not carry the ownership tag');
    expect(refused.err).toContain('--adopt, or rename');
    const adopted = await run('plan', '--adopt', '--detailed-exitcode');
    expect(adopted.code).toBe(2);
    expect(adopted.out).toContain('~ source/orders-db (streamkap.yaml:7)  [adopt]');
  });

  it('rejects bad --target/--exclude syntax and --max-deletes values with exit 4', async () => {
    expect((await run('plan', '--target', 'orders-db')).code).toBe(4);
    expect((await run('plan', '--exclude', 'widget/x')).code).toBe(4);
    expect((await run('plan', '--max-deletes', 'many')).code).toBe(4);
    const targeted = await run(
      'plan',
      '--target',
      'pipeline/orders-to-warehouse',
      '--exclude',
      'tag/team-data',
    );
    expect(targeted.code).toBe(0);
    expect(targeted.out).toContain('Plan: 4 to create');
  });

  it('exits 1 when the API refuses the credentials', async () => {
    const io = captureIo(
      { ...account.env, STREAMKAP_CLIENT_SECRET: 'wrong', STREAMKAP_GITOPS_PLAN_KEY: 'k' },
      dir,
    );
    expect(await main(['node', 'streamkap-gitops', 'plan', '--max-retries', '0'], io)).toBe(1);
  });
});
