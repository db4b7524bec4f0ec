/**
 * apply end to end: the CLI in-process, the emulator over real HTTP, manifests on disk. Each test
 * asserts the emulator's end state and that a fresh plan has nothing left to do.
 */
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FORMAT_VERSION } from '../../src/model/index.js';
import {
  EXAMPLE_SECRETS,
  apiCall,
  applyExamplesOk,
  byName,
  contentOf,
  editFile,
  expectNoChanges,
  namesIn,
  startHarness,
  type Harness,
} from './harness.js';

let h: Harness;
let manifest: string;

beforeEach(async () => {
  h = await startHarness();
  manifest = path.join(await h.copyExamples(), 'streamkap.yaml');
});

afterEach(async () => {
  await h.close();
});

describe('apply against the emulator', () => {
  it('empty account -> full apply -> a second plan is empty; no secret in the output', async () => {
    const output = await applyExamplesOk(h);
    expect(namesIn(h.server)).toEqual({
      sources: ['catalog-db', 'orders-db'],
      destinations: ['analytics', 'warehouse'],
      transforms: ['mask-emails'],
      pipelines: ['catalog-to-analytics', 'orders-to-warehouse'],
    });
    const dump = h.server.emulator.dump();
    const pipe = byName(dump.pipelines, 'orders-to-warehouse');
    expect(pipe.source.id).toBe(byName(dump.sources, 'orders-db').id);
    expect(pipe.destination.id).toBe(byName(dump.destinations, 'warehouse').id);
    expect(byName(dump.transforms, 'mask-emails').job?.status).toBe('RUNNING');
    expect(byName(dump.sources, 'orders-db').config['database.password']).toBe(
      EXAMPLE_SECRETS.ORDERS_DB_PASSWORD,
    );
    for (const secret of Object.values(EXAMPLE_SECRETS).filter(
      (s) => s.includes('-pw-') || s.includes('key'),
    )) {
      expect(output).not.toContain(secret);
    }
    await expectNoChanges(h);
    // A second apply has nothing to do and says so.
    expect(await applyExamplesOk(h)).toContain('Nothing to apply.');
  });

  it('update: a changed config value is written in place (same id)', async () => {
    await applyExamplesOk(h);
    const before = byName(h.server.emulator.dump().sources, 'catalog-db');
    await editFile(manifest, (t) => t.replace("database_port: '3306'", 'database_port: 3307'));
    await applyExamplesOk(h);
    const after = byName(h.server.emulator.dump().sources, 'catalog-db');
    expect(after.id).toBe(before.id);
    expect(Number(after.config['database.port.user.defined'])).toBe(3307);
    await expectNoChanges(h);
  });

  it('rename via previous_names keeps the id, and the pipeline still points at it', async () => {
    await applyExamplesOk(h);
    const before = byName(h.server.emulator.dump().destinations, 'analytics');
    await editFile(manifest, (t) =>
      t
        .replace('  - name: analytics\n', '  - name: analytics-ch\n    previous_names: [analytics]\n')
        .replace('destination: analytics', 'destination: analytics-ch'),
    );
    await applyExamplesOk(h);
    const dump = h.server.emulator.dump();
    expect(byName(dump.destinations, 'analytics-ch').id).toBe(before.id);
    expect(dump.destinations.map((d) => d.name)).not.toContain('analytics');
    expect(byName(dump.pipelines, 'catalog-to-analytics').destination.id).toBe(before.id);
    await expectNoChanges(h);
  });

  it('replace (set-once key changed): new object, the pipeline repointed, the old one gone', async () => {
    await applyExamplesOk(h);
    const old = byName(h.server.emulator.dump().destinations, 'warehouse');
    await editFile(manifest, (t) => t.replace('ingestion_mode: append', 'ingestion_mode: upsert'));
    const refused = await h.cli(['apply', 'examples', '--auto-approve']);
    expect(refused.code, 'every replace is destructive (issue 8.7)').toBe(3);
    expect(refused.err).toContain('destructive actions: replace destination/warehouse');
    expect(byName(h.server.emulator.dump().destinations, 'warehouse').id).toBe(old.id);
    await applyExamplesOk(h, '--allow-destructive');
    const dump = h.server.emulator.dump();
    const now = byName(dump.destinations, 'warehouse');
    expect(now.id).not.toBe(old.id);
    expect(dump.destinations.map((d) => d.id)).not.toContain(old.id);
    expect(dump.destinations).toHaveLength(2);
    expect(byName(dump.pipelines, 'orders-to-warehouse').destination.id).toBe(now.id);
    await expectNoChanges(h);
  });

  it('replace of a source a pipeline uses (destructive): new source, pipeline repointed, no leftover', async () => {
    await applyExamplesOk(h);
    const old = byName(h.server.emulator.dump().sources, 'catalog-db');
    await editFile(manifest, (t) => t.replace('connector: mysql', 'connector: mariadb'));
    const refused = await h.cli(['apply', 'examples', '--auto-approve']);
    expect(refused.code, 'replacing a source re-snapshots: destructive').toBe(3);
    await applyExamplesOk(h, '--allow-destructive');
    const dump = h.server.emulator.dump();
    const now = byName(dump.sources, 'catalog-db');
    expect(now.connector).toBe('mariadb');
    expect(now.id).not.toBe(old.id);
    expect(dump.sources.map((x) => x.name).sort()).toEqual(['catalog-db', 'orders-db']);
    const pipe = byName(dump.pipelines, 'catalog-to-analytics');
    expect(pipe.source.id).toBe(now.id);
    await expectNoChanges(h);
  });

  it('replace of a transform a pipeline uses (type changed): redeployed, pipeline repointed', async () => {
    await applyExamplesOk(h);
    const old = byName(h.server.emulator.dump().transforms, 'mask-emails');
    await editFile(manifest, (t) => t.replace('type: map_filter', 'type: fan_out'));
    expect((await h.cli(['apply', 'examples', '--auto-approve'])).code, 'a transform replace too').toBe(3);
    await applyExamplesOk(h, '--allow-destructive');
    const dump = h.server.emulator.dump();
    const now = byName(dump.transforms, 'mask-emails');
    expect(now.id).not.toBe(old.id);
    expect(now.transform_type).toBe('fan_out');
    expect(now.job?.status).toBe('RUNNING');
    // The rename that ends the replace read the code back by id and kept it, language included.
    expect(now.implementation).toEqual(old.implementation);
    expect(dump.transforms).toHaveLength(1);
    const pipe = byName(dump.pipelines, 'orders-to-warehouse');
    const entries = (pipe as unknown as { transforms: { id: string; topic_id: string }[] }).transforms;
    expect(entries.map((e) => e.id)).toEqual([now.id]);
    expect(entries[0]?.topic_id).not.toBe('public.customers');
    await expectNoChanges(h);
  });

  it('delete: pipelines before what they use (the emulator refuses deleting a used source)', async () => {
    await applyExamplesOk(h);
    await editFile(manifest, (t) => {
      const cut = (s: string, from: string, to: string): string =>
        s.slice(0, s.indexOf(from)) + s.slice(s.indexOf(to));
      let out = cut(t, '  - name: catalog-db', 'destinations:');
      out = cut(out, '  - name: analytics', 'transforms:');
      return out.slice(0, out.indexOf('  - name: catalog-to-analytics'));
    });
    const refused = await h.cli(['apply', 'examples', '--auto-approve']);
    expect(refused.code, 'deleting a source and a pipeline is destructive').toBe(3);
    expect(namesIn(h.server).pipelines).toHaveLength(2);
    const output = await applyExamplesOk(h, '--allow-destructive');
    const order = (id: string): number => output.indexOf(`delete ${id} ✓`);
    expect(order('pipeline catalog-to-analytics')).toBeGreaterThanOrEqual(0);
    expect(order('pipeline catalog-to-analytics')).toBeLessThan(order('source catalog-db'));
    expect(order('pipeline catalog-to-analytics')).toBeLessThan(order('destination analytics'));
    expect(namesIn(h.server)).toEqual({
      sources: ['orders-db'],
      destinations: ['warehouse'],
      transforms: ['mask-emails'],
      pipelines: ['orders-to-warehouse'],
    });
    await expectNoChanges(h);
  });

  it('a protected source is never deleted, even with --allow-destructive (exit 3, nothing changed)', async () => {
    await applyExamplesOk(h);
    const before = contentOf(h.server);
    await editFile(manifest, (t) => {
      const a = t.indexOf('  - name: orders-db');
      const b = t.indexOf('  - name: catalog-db');
      const c = t.indexOf('  # topics omitted');
      const d = t.indexOf('  - name: catalog-to-analytics');
      return t.slice(0, a) + t.slice(b, c) + t.slice(d);
    });
    const r = await h.cli([
      'apply',
      'examples',
      '--auto-approve',
      '--allow-destructive',
      '--max-deletes',
      '10',
    ]);
    expect(r.code).toBe(3);
    expect(r.err).toContain('protected');
    expect(contentOf(h.server)).toEqual(before);
  });

  it('transform config and code changes are written, redeployed and converge', async () => {
    await applyExamplesOk(h);
    const before = byName(h.server.emulator.dump().transforms, 'mask-emails');
    await editFile(manifest, (t) =>
      t.replace(
        'transforms_output_topic_pattern: masked.customers',
        'transforms_output_topic_pattern: masked.people',
      ),
    );
    const code = path.join(path.dirname(manifest), 'transforms', 'mask-emails.js');
    await writeFile(code, `${await readFile(code, 'utf8')}// v2\n`);
    await applyExamplesOk(h);
    const after = byName(h.server.emulator.dump().transforms, 'mask-emails');
    expect(after.id).toBe(before.id);
    expect(JSON.stringify(after.implementation)).toContain('// v2');
    expect(after.job?.status).toBe('RUNNING');
    await expectNoChanges(h);
  });

  it('pipeline topics and tag descriptions are updated in place', async () => {
    await applyExamplesOk(h);
    const before = byName(h.server.emulator.dump().pipelines, 'catalog-to-analytics');
    await editFile(manifest, (t) =>
      t
        .replace('topics: [catalog.products]', 'topics: [catalog.products, catalog.prices]')
        .replace('description: Owned by the checkout team', 'description: Owned by checkout'),
    );
    await applyExamplesOk(h);
    const dump = h.server.emulator.dump();
    const after = byName(dump.pipelines, 'catalog-to-analytics');
    expect(after.id).toBe(before.id);
    expect([...after.source.topics].sort()).toEqual(['catalog.prices', 'catalog.products']);
    expect(byName(dump.tags, 'team-checkout').description).toBe('Owned by checkout [gitops:shop]');
    await expectNoChanges(h);
  });

  it('an unowned namesake is refused (exit 4) unless --adopt, which keeps its id', async () => {
    const created = (await apiCall(h.server, 'POST', '/destinations?secret_returned=true&wait=false', {
      name: 'analytics',
      connector: 'clickhouse',
      config: {
        hostname: 'other.internal',
        'connection.username': 'x',
        'connection.password': 'y',
        database: 'shop',
      },
      created_from: 'web',
    })) as { id: string };
    const refused = await h.cli(['apply', 'examples', '--auto-approve']);
    expect(refused.code, refused.out + refused.err).toBe(4);
    expect(namesIn(h.server).sources).toEqual([]);
    await applyExamplesOk(h, '--adopt');
    const dest = byName(h.server.emulator.dump().destinations, 'analytics');
    expect(dest.id).toBe(created.id);
    expect(dest.config['hostname']).toBe('clickhouse.internal');
    await expectNoChanges(h);
  });

  it('without a TTY and without --auto-approve, apply refuses (exit 3) and changes nothing', async () => {
    const r = await h.cli(['apply', 'examples']);
    expect(r.code).toBe(3);
    expect(r.err).toContain('--auto-approve');
    expect(namesIn(h.server).sources).toEqual([]);
  });

  it('--format json prints one versioned document with the plan and the report', async () => {
    const r = await h.cli([
      'apply',
      'examples',
      '--auto-approve',
      '--format',
      'json',
      '--poll-interval',
      '10',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      format_version: number;
      report: { summary: { succeeded: number }; results: { status: string; resource_id: string }[] };
    };
    expect(doc.format_version).toBe(FORMAT_VERSION);
    expect(doc.report.results.every((x) => typeof x.resource_id === 'string')).toBe(true);
    expect(doc.report.summary.succeeded).toBe(11);
    expect(doc.report.results.every((x) => x.status === 'succeeded')).toBe(true);
  });
});

describe('saved plans', () => {
  it('apply --plan carries out a fresh saved plan exactly', async () => {
    const p = await h.cli(['plan', 'examples', '--out', 'plan.json']);
    expect(p.code, p.err).toBe(0);
    const r = await h.cli([
      'apply',
      '--plan',
      'plan.json',
      'examples',
      '--auto-approve',
      '--poll-interval',
      '10',
    ]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(namesIn(h.server).pipelines).toHaveLength(2);
    await expectNoChanges(h);
  });

  it('a stale saved plan (live object changed after planning) exits 3 and changes nothing', async () => {
    await applyExamplesOk(h);
    await editFile(manifest, (t) => t.replace("database_port: '3306'", 'database_port: 3310'));
    expect((await h.cli(['plan', 'examples', '--out', 'plan.json'])).code).toBe(0);
    // Someone edits the source outside git after the plan was made.
    const src = byName(h.server.emulator.dump().sources, 'catalog-db');
    await apiCall(h.server, 'PUT', `/sources/${src.id}?secret_returned=true&wait=false`, {
      name: src.name,
      connector: src.connector,
      config: { ...src.config, 'database.user': 'someone-else' },
      tags: src.tags,
    });
    const before = contentOf(h.server);
    const r = await h.cli(['apply', '--plan', 'plan.json', 'examples', '--auto-approve']);
    expect(r.code).toBe(3);
    expect(r.err).toContain('source/catalog-db changed since the plan was made');
    expect(contentOf(h.server)).toEqual(before);
  });

  it('a saved plan whose manifests changed since is refused (exit 3)', async () => {
    expect((await h.cli(['plan', 'examples', '--out', 'plan.json'])).code).toBe(0);
    await editFile(manifest, (t) => t.replace('tasks_max: 3', 'tasks_max: 4'));
    const r = await h.cli(['apply', '--plan', 'plan.json', 'examples', '--auto-approve']);
    expect(r.code).toBe(3);
    expect(r.err).toContain('manifests changed');
    expect(namesIn(h.server).sources).toEqual([]);
  });

  it('a secret changed since planning refuses the saved plan (exit 3) without writing', async () => {
    expect((await h.cli(['plan', 'examples', '--out', 'plan.json'])).code).toBe(0);
    const r = await h.cli(['apply', '--plan', 'plan.json', 'examples', '--auto-approve'], {
      CLICKHOUSE_PASSWORD: 'rotated-in-between',
    });
    expect(r.code).toBe(3);
    expect(r.err).toContain('changed since the plan was made');
    expect(r.err).not.toContain('rotated-in-between');
    expect(namesIn(h.server).sources).toEqual([]);
  });
});
