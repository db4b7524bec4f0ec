/**
 * `doctor` describes values by type and shape only: with planted secrets in the account's
 * sources, destinations and the pipeline embedding them (and as the API client secret), no
 * planted value, encoded form or
 * random core, and no bearer token, appears in its text, JSON or Markdown report, nor in its most
 * verbose logs, read-only or with --probe-writes, with secrets in plaintext, masked or omitted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { BEARER_TOKEN, around, findLeaks, plant, type Planted } from './leak-scan.js';

const PG_PASSWORD = plant('postgres password', (c) => `S3cr3t-${c}-pg"q\\b/`);
const CH_PASSWORD = plant('clickhouse password', (c) => `S3cr3t-${c}-ch`);
const CLIENT_SECRET = plant('client secret', (c) => `client-S3cr3t-${c}`);
/** A non-secret value that is still the user's: hostnames and table names are described, never shown. */
const HOSTNAME = plant('hostname', (c) => `db-${c}.internal`);
const ALL: Planted[] = [PG_PASSWORD, CH_PASSWORD, CLIENT_SECRET, HOSTNAME];

const VERBOSE = ['--log-level', 'trace', '--debug'];

let h: Harness;

const MANIFEST = `namespace: leaks
sources:
  - name: leaky-pg
    connector: postgresql
    config:
      database_hostname: \${env:HOSTNAME}
      database_user: u
      database_password: \${env:PG_PASSWORD}
      database_dbname: d
      schema_include_list: public
      table_include_list: [public.t]
destinations:
  - name: leaky-ch
    connector: clickhouse
    config:
      hostname: \${env:HOSTNAME}
      connection_username: u
      connection_password: \${env:CH_PASSWORD}
      database: leaks
pipelines:
  - name: leaky-pipeline
    source: leaky-pg
    destination: leaky-ch
`;

beforeAll(async () => {
  h = await startHarness({ clientSecret: CLIENT_SECRET.value, seed: 11 });
  await h.write('leaks.yaml', MANIFEST);
  const r = await h.cli(['apply', 'leaks.yaml', '--auto-approve'], {
    HOSTNAME: HOSTNAME.value,
    PG_PASSWORD: PG_PASSWORD.value,
    CH_PASSWORD: CH_PASSWORD.value,
  });
  expect(r.code, r.out + r.err).toBe(0);
});
afterAll(() => h.close());

describe('doctor never shows a value', () => {
  const runs: [string, Record<string, unknown>, string[]][] = [
    ['text', {}, []],
    ['json', {}, []],
    ['markdown', {}, []],
    ['json', { secretMask: 'omit', stringEncoding: 'all', booleanText: 'yes-no' }, []],
    ['text', { secretReturnedHonoured: false }, []],
    ['markdown', {}, ['--probe-writes', '--namespace-scratch', 'leaks']],
    ['text', { putConfig: 'merge' }, ['--probe-writes', '--namespace-scratch', 'leaks']],
  ];
  it.each(runs)('--format %s with %j %j', async (format, settings, extra) => {
    const saved = structuredClone(h.server.emulator.settings);
    h.server.emulator.configure(settings);
    try {
      const r = await h.cli([...VERBOSE, 'doctor', '--format', format, ...extra]);
      expect([0, 2]).toContain(r.code);
      const text = `${r.out}\n${r.err}`;
      const leaks = findLeaks(text, ALL);
      expect(leaks, leaks.map((l) => around(text, l.split(': ')[1] ?? '')).join('\n')).toEqual([]);
      expect(text).not.toMatch(BEARER_TOKEN);
      // The shapes are there instead.
      expect(r.out).toMatch(/plaintext string|masked|omitted|null/);
    } finally {
      h.server.emulator.configure(saved);
    }
  });
});
