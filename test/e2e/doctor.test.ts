/**
 * `doctor` end to end against the emulator over real HTTP: a clean run (exit 0) that sends no
 * write (counted by method), the manifests checked against the account, --probe-writes refused
 * without a scratch namespace, a probe that leaves nothing behind, a probe whose delete fails
 * (the leftover named, exit 2), and the two ways a run ends at exit 1.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyExamplesOk, namesIn, startHarness, type Harness } from './harness.js';

interface JsonCheck {
  id: string;
  group: string;
  status: 'ok' | 'warn' | 'fail';
  seen: string;
  setting: string | null;
  hint: string | null;
}
interface JsonReport {
  format_version: number;
  reachable: boolean;
  summary: { ok: number; warn: number; fail: number };
  checks: JsonCheck[];
  leftovers: { kind: string; name: string; id: string; error: string }[];
}

let h: Harness;
let examples: string;

beforeAll(async () => {
  h = await startHarness();
  examples = await h.copyExamples();
  await applyExamplesOk(h);
});
afterAll(() => h.close());
beforeEach(() => {
  h.server.emulator.configure({ oneShots: [] });
  h.server.emulator.resetStats();
});

async function doctor(...args: string[]): Promise<{ code: number; report: JsonReport; err: string }> {
  const r = await h.cli(['doctor', '--format', 'json', '--max-retries', '0', ...args]);
  if (r.out === '') throw new Error(`doctor printed nothing (exit ${r.code}): ${r.err}`);
  return { code: r.code, report: JSON.parse(r.out) as JsonReport, err: r.err };
}

const check = (report: JsonReport, id: string): JsonCheck => {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in ${report.checks.map((c) => c.id).join(', ')}`);
  return found;
};

/** The tags of the account by name (custom ones), for "nothing left behind". */
const tagNames = (): string[] =>
  h.server.emulator
    .dump()
    .tags.map((t) => t.name)
    .sort();

describe('doctor', () => {
  it('passes every check on an account the examples were applied to (exit 0), sending only GETs and the token exchange', async () => {
    const { code, report } = await doctor(examples);
    expect(
      code,
      JSON.stringify(
        report.checks.filter((c) => c.status !== 'ok'),
        null,
        2,
      ),
    ).toBe(0);
    expect(report.format_version).toBe(1);
    expect(report.reachable).toBe(true);
    expect(report.summary).toEqual({ ok: report.checks.length, warn: 0, fail: 0 });
    expect(report.checks.map((c) => c.group)).toContain('manifests');
    const routes = Object.keys(h.server.emulator.stats().byRoute);
    const writes = routes.filter((r) => !r.startsWith('GET ') && r !== 'POST /auth/access-token');
    expect(writes).toEqual([]);
    expect(routes).toContain('POST /auth/access-token');
  });

  it('checks the manifests: the ownership tag, a namesake owned by nobody, an external name that does not exist', async () => {
    await h.write(
      'other.yaml',
      [
        'namespace: other',
        'sources:',
        '  - name: orders-db',
        '    connector: postgresql',
        '    config: {database_hostname: h, database_user: u, database_password: "${env:NOT_SET_FOR_DOCTOR}", database_dbname: d, schema_include_list: public, table_include_list: [public.t]}',
        'external:',
        '  destinations: [no-such-destination]',
        '',
      ].join('\n'),
    );
    const { code, report } = await doctor('other.yaml');
    expect(code).toBe(2);
    expect(check(report, 'ownership-tag').seen).toContain('gitops:other does not exist yet');
    expect(check(report, 'namesakes')).toMatchObject({ status: 'fail' });
    expect(check(report, 'namesakes').seen).toContain('source "orders-db" (owned by gitops:shop)');
    expect(check(report, 'external-references').seen).toContain(
      'destination "no-such-destination" does not exist',
    );
  });

  it('refuses --probe-writes without --namespace-scratch (exit 4), before any request', async () => {
    const r = await h.cli(['doctor', '--probe-writes']);
    expect(r.code).toBe(4);
    expect(r.err).toContain('--probe-writes needs --namespace-scratch NAME');
    expect(h.server.emulator.stats().total).toBe(0);
  });

  it('refuses --namespace-scratch without --probe-writes, and a scratch name that is no namespace (exit 4)', async () => {
    const stray = await h.cli(['doctor', '--namespace-scratch', 'doctor-scratch']);
    expect(stray.code).toBe(4);
    expect(stray.err).toContain('--namespace-scratch is only used with --probe-writes');
    const bad = await h.cli(['doctor', '--probe-writes', '--namespace-scratch', 'Not A Namespace']);
    expect(bad.code).toBe(4);
    expect(bad.err).toContain('--namespace-scratch "Not A Namespace" is not a namespace name');
    expect(h.server.emulator.stats().total).toBe(0);
  });

  it('--probe-writes checks duplicates and PUT on a throw-away tag and source, then deletes both', async () => {
    const before = { names: namesIn(h.server), tags: tagNames() };
    const { code, report } = await doctor('--probe-writes', '--namespace-scratch', 'doctor-scratch');
    expect(code, JSON.stringify(report.checks, null, 2)).toBe(0);
    const writes = report.checks.filter((c) => c.group === 'writes');
    expect(writes.map((c) => [c.id, c.status])).toEqual([
      ['probe-create', 'ok'],
      ['duplicate-tag', 'ok'],
      ['duplicate-source', 'ok'],
      ['put-config', 'ok'],
      ['put-secrets', 'ok'],
      ['snapshot-route', 'ok'],
      ['probe-cleanup', 'ok'],
    ]);
    expect(check(report, 'put-config').seen).toMatch(/^replace/);
    expect(report.leftovers).toEqual([]);
    expect({ names: namesIn(h.server), tags: tagNames() }).toEqual(before);
    const routes = h.server.emulator.stats().byRoute;
    expect(routes['DELETE /sources/{id}']).toBe(1);
    expect(routes['DELETE /tags/{id}']).toBe(1);
  });

  it('names what it could not delete (exit 2)', async () => {
    h.server.emulator.configure({
      oneShots: [
        { method: 'DELETE', path: '/sources/{id}', count: 1, status: 400, detail: 'deletes are off today' },
      ],
    });
    const { code, report } = await doctor('--probe-writes', '--namespace-scratch', 'doctor-scratch');
    expect(code).toBe(2);
    const kinds = report.leftovers.map((l) => l.kind).sort();
    // The tag is still used by the source, so it cannot go either.
    expect(kinds).toEqual(['source', 'tag']);
    const [source] = report.leftovers.filter((l) => l.kind === 'source');
    expect(source?.name).toMatch(/^gitops-doctor-[0-9a-f]{8}$/);
    expect(source?.error).toContain('deletes are off today');
    expect(check(report, 'probe-cleanup')).toMatchObject({ status: 'fail' });
    expect(check(report, 'probe-cleanup').seen).toContain(`source "${source?.name}" (${source?.id})`);
    expect(namesIn(h.server).sources).toContain(source?.name);
  });

  it('exits 1 when the credentials are refused, naming the variables', async () => {
    const r = await h.cli(['doctor', '--max-retries', '0'], { STREAMKAP_CLIENT_SECRET: 'not-the-secret' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ Token exchange: 401 from POST /auth/access-token');
    expect(r.out).toContain('STREAMKAP_CLIENT_SECRET');
  });

  it('exits 1 when nothing answers at the API URL', async () => {
    const r = await h.cli(['doctor', '--max-retries', '0', '--api-url', 'http://127.0.0.1:9']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ API URL and proxy: http://127.0.0.1:9 could not be used');
  });
});
