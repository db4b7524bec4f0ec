/**
 * Names, keys and values from the API (and manifests) reach the reviewer's terminal and the pull
 * request comment: control characters, bidi overrides and Markdown syntax in them must come out
 * escaped, in every format and in error messages.
 */
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

/** Anything a terminal acts on or that reorders text: C0 but \n and \t, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
const RAW_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** An owned source the manifests do not declare: plan deletes it, drift calls it orphaned. */
const EVIL = 'evil\u001b[31m';
/** An unmanaged source whose name tries to leave its code span, table cell and line. */
const BREAKOUT = 'x`|y\n# owned\u202e';
/** A config value edited outside git: an OSC title change and an 8-bit CSI. */
const EVIL_VALUE = 'db\u001b]0;pwned\u0007\u009b2J';

let account: Account;
let dir: string;

type Listed = {
  id: string;
  name: string;
  connector: string;
  config: Record<string, unknown>;
  tags: string[];
};

async function source(name: string): Promise<Listed> {
  const all = (await account.client.listAll('/sources', SW)) as Listed[];
  const found = all.find((o) => o.name === name);
  if (!found) throw new Error(`no source ${name}`);
  return found;
}

beforeAll(async () => {
  account = await startAccount({ PG_PASSWORD: 'pg-secret', SF_KEY: 'sf-secret' });
  dir = writeManifest(MANIFEST);
  writeFileSync(path.join(dir, '.streamkap-gitops-ignore'), '');
});
afterAll(async () => account.close());
beforeEach(async () => {
  await account.reset();
  const { state } = await loadDesiredState([dir], { cwd: dir, env: account.env });
  await createAccount(account.client, state);
  const orders = await source('orders-db');
  const post = (name: string, tags: string[]): Promise<unknown> =>
    account.client.request('POST', '/sources', {
      query: SW,
      body: { name, connector: 'mysql', config: {}, tags, created_from: 'api' },
    });
  await post(EVIL, orders.tags);
  await post(BREAKOUT, []);
  await account.client.request('PUT', `/sources/${orders.id}`, {
    query: SW,
    body: {
      name: orders.name,
      connector: orders.connector,
      config: { ...orders.config, 'database.hostname.user.defined': EVIL_VALUE },
      tags: orders.tags,
    },
  });
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(account.env, dir);
  const code = await main(['node', 'streamkap-gitops', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('output from hostile names and values', () => {
  for (const command of ['plan', 'drift'] as const) {
    for (const format of ['text', 'markdown', 'json'] as const) {
      it(`${command} --format ${format}: no raw control or bidi character`, async () => {
        const r = await run(command, '--format', format);
        expect(r.out).toContain('evil');
        expect(r.out).toContain('pwned');
        expect(r.out).not.toMatch(RAW_UNSAFE);
        expect(r.err).not.toMatch(RAW_UNSAFE);
      });
    }
  }

  it('text shows the escapes, so the reviewer sees what the name holds', async () => {
    const plan = await run('plan');
    expect(plan.out).toContain('- source/evil\\u001b[31m');
    expect(plan.out).toContain('"db\\u001b]0;pwned\\u0007\\u009b2J"');
    const drift = await run('drift');
    expect(drift.out).toContain('  ? source/x`|y\\n# owned\\u202e');
    expect(drift.out.split('\n')).not.toContain('# owned');
  });

  it('JSON keeps the exact names (escaped, not altered)', async () => {
    const plan = JSON.parse((await run('plan', '--format', 'json')).out) as { actions: { name: string }[] };
    expect(plan.actions.map((a) => a.name)).toContain(EVIL);
    const drift = JSON.parse((await run('drift', '--format', 'json')).out) as {
      unmanaged: { items: { name: string }[] };
    };
    expect(drift.unmanaged.items.map((i) => i.name)).toEqual([BREAKOUT]);
  });

  it('Markdown: a name stays inside its code span, cell and line', async () => {
    const plan = (await run('plan', '--format', 'markdown')).out;
    expect(plan).toContain('**1 destructive change**: `source/evil\\u001b[31m`.');
    const drift = (await run('drift', '--format', 'markdown')).out;
    // Backslashes as &#92;: a backslash before punctuation would be a Markdown escape.
    expect(drift).toContain('- <code>source/x&#96;&#124;y&#92;n# owned&#92;u202e</code>\n');
    expect(drift).toContain('<code>"db&#92;u001b]0;pwned&#92;u0007&#92;u009b2J"</code>');
    expect(drift.split('\n').filter((l) => l.startsWith('# '))).toEqual([]);
  });

  it('apply: progress lines and the summary print the name escaped', async () => {
    const r = await run('apply', '--auto-approve', '--allow-destructive');
    expect(r.code).toBe(0);
    expect(r.err).toContain('delete source evil\\u001b[31m');
    expect(r.out + r.err).not.toMatch(RAW_UNSAFE);
  });

  it('CLI error messages escape what the manifest holds', async () => {
    const bad = writeManifest(
      'namespace: "sh\\eop"\nsources:\n  - name: "a\\u202eb"\n    connector: postgresql\n',
    );
    const io = captureIo(account.env, bad);
    expect(await main(['node', 'streamkap-gitops', 'plan'], io)).toBe(4);
    expect(io.err()).toContain('sh\\u001bop');
    expect(io.err()).not.toMatch(RAW_UNSAFE);
    const validate = captureIo(account.env, bad);
    expect(await main(['node', 'streamkap-gitops', 'validate'], validate)).toBe(4);
    expect(validate.out()).toContain('sh\\u001bop');
    expect(validate.out()).not.toMatch(RAW_UNSAFE);
  });
});
