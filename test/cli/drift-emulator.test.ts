import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadDesiredState } from '../../src/schema/index.js';
import { captureIo } from '../helpers/capture-io.js';
import {
  createAccount,
  MANIFEST,
  startAccount,
  SW,
  writeManifest,
  type Account,
} from '../planner/emulator-account.js';

let account: Account;
let dir: string;

beforeAll(async () => {
  account = await startAccount({ PG_PASSWORD: 'pg-secret', SF_KEY: 'sf-secret' });
  dir = writeManifest(MANIFEST);
});
afterAll(async () => account.close());
beforeEach(async () => {
  await account.reset();
  writeFileSync(path.join(dir, '.streamkap-gitops-ignore'), '');
  const { state } = await loadDesiredState([dir], { cwd: dir, env: account.env });
  await createAccount(account.client, state);
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(account.env, dir);
  const code = await main(['node', 'streamkap-gitops', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

type Listed = {
  id: string;
  name: string;
  connector: string;
  config: Record<string, unknown>;
  tags: string[] | null;
};

async function liveObject(kind: 'sources' | 'pipelines', name: string): Promise<Listed> {
  const all = (await account.client.listAll(`/${kind}`, SW)) as Listed[];
  const found = all.find((o) => o.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

async function editSourceOutsideGit(port: number): Promise<void> {
  const src = await liveObject('sources', 'orders-db');
  const config = { ...src.config, 'database.port.user.defined': port };
  await account.client.request('PUT', `/sources/${src.id}`, {
    query: SW,
    body: { name: src.name, connector: src.connector, config, tags: src.tags },
  });
}

/** Records made outside the API, as in the web UI (`POST /__emulator/seed`). */
async function seed(items: Record<string, unknown>[]): Promise<void> {
  const res = await fetch(`${account.server.url}/__emulator/seed`, {
    method: 'POST',
    body: JSON.stringify(items),
    headers: { 'content-type': 'application/json' },
  });
  if (!res.ok) throw new Error(`seed failed: ${res.status} ${await res.text()}`);
}

describe('drift against the emulator', () => {
  it('exits 0 when in sync', async () => {
    const r = await run('drift');
    expect(r.out).toContain('In sync: no drift.');
    expect(r.code).toBe(0);
  });

  it('changed: an edit outside git, field by field, exit 2', async () => {
    await editSourceOutsideGit(6543);
    const r = await run('drift');
    expect(r.code).toBe(2);
    expect(r.out).toContain('Changed (1)');
    expect(r.out).toContain('~ config.database_port = 6543 (live) -> 5432 (git)');
  });

  it('missing: a managed object deleted outside git, exit 2 (JSON too)', async () => {
    const p = await liveObject('pipelines', 'orders-to-warehouse');
    await account.client.request('DELETE', `/pipelines/${p.id}`, { query: SW });
    const r = await run('drift', '--format', 'json');
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out) as { in_sync: boolean; missing: { id: string }[] };
    expect(doc.in_sync).toBe(false);
    expect(doc.missing.map((m) => m.id)).toEqual(['pipeline/orders-to-warehouse']);
  });

  it('unmanaged: objects without the ownership tag, counted and named (Markdown too), exit 0', async () => {
    const body = {
      name: 'legacy-mysql',
      connector: 'mysql',
      config: { 'database.hostname.user.defined': 'old', 'database.user': 'u' },
      tags: [],
      created_from: 'api',
    };
    await account.client.request('POST', '/sources', { query: SW, body });
    const r = await run('drift', '--format', 'markdown');
    expect(r.code, 'unmanaged objects are shown, not drift').toBe(0);
    expect(r.out.startsWith('<!-- streamkap-gitops:drift -->')).toBe(true);
    expect(r.out).toContain('| 0 | 0 | 0 | 1 | 0 |');
    expect(r.out).toContain('source/legacy-mysql');
  });

  it('objects owned by another namespace are not listed; --fail-on-unmanaged makes unmanaged ones count', async () => {
    await seed([
      { kind: 'source', name: 'billing-db', connector: 'mysql', config: {}, owner: 'billing' },
      { kind: 'source', name: 'by-hand', connector: 'mysql', config: {} },
    ]);
    const r = await run('drift');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('Unmanaged (1)');
    expect(r.out).toContain('? source/by-hand');
    expect(r.out).toContain('In sync: no drift; 1 unmanaged object (no gitops: tag).');
    expect(r.out).not.toContain('billing-db');
    const json = JSON.parse((await run('drift', '--format', 'json')).out) as Record<string, unknown>;
    expect(json).toMatchObject({ in_sync: true, unmanaged: { count: 1, items: [{ name: 'by-hand' }] } });
    expect((await run('drift', '--fail-on-unmanaged')).code).toBe(2);
  });

  it('the ignore file in the working directory silences known exceptions', async () => {
    await editSourceOutsideGit(6543);
    await account.client.request('POST', '/sources', {
      query: SW,
      body: { name: 'legacy-mysql', connector: 'mysql', config: {}, tags: [], created_from: 'api' },
    });
    writeFileSync(
      path.join(dir, '.streamkap-gitops-ignore'),
      '# known\nsource/legacy-*\nsource/orders-db config.database_port\n',
    );
    const r = await run('drift');
    expect(r.out).toContain('In sync: no drift (2 ignored).');
    expect(r.code).toBe(0);
  });

  it('--ignore-file takes another path; a bad ignore file is invalid input (exit 4)', async () => {
    await editSourceOutsideGit(6543);
    writeFileSync(path.join(dir, 'custom-ignore'), '*/orders-db\n');
    expect((await run('drift', '--ignore-file', 'custom-ignore')).code).toBe(0);
    writeFileSync(path.join(dir, 'bad-ignore'), 'not a rule at all\n');
    const bad = await run('drift', '--ignore-file', 'bad-ignore');
    expect(bad.code).toBe(4);
    expect(bad.err).toContain('bad-ignore:1');
    expect((await run('drift', '--ignore-file', 'missing-file')).code).toBe(4);
  });

  it('exits 1 on an API failure', async () => {
    const io = captureIo({ ...account.env, STREAMKAP_CLIENT_SECRET: 'wrong' }, dir);
    expect(await main(['node', 'streamkap-gitops', 'drift', '--max-retries', '0'], io)).toBe(1);
  });
});
