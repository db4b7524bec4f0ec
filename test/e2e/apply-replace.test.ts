/**
 * Replace flows end to end that the basic apply tests do not cover: a replace whose pipeline moves
 * away in the same plan, and what the user is told (and what a re-run does) when the create half
 * of a replace fails after its delete half. Every replace is destructive, so each apply passes
 * --allow-destructive.
 */
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyExamples,
  applyExamplesOk,
  byName,
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

describe('replace while the pipeline that used it moves elsewhere', () => {
  it('the pipeline ends on its new destination, not repointed back to the replaced one', async () => {
    await applyExamplesOk(h, '--allow-destructive');
    const analytics = byName(h.server.emulator.dump().destinations, 'analytics');
    await editFile(manifest, (t) =>
      t
        .replace('ingestion_mode: append', 'ingestion_mode: upsert')
        .replace('destination: warehouse', 'destination: analytics'),
    );
    await applyExamplesOk(h, '--allow-destructive');
    const dump = h.server.emulator.dump();
    expect(byName(dump.pipelines, 'orders-to-warehouse').destination.id).toBe(analytics.id);
    expect(namesIn(h.server).destinations).toEqual(['analytics', 'warehouse']);
    await expectNoChanges(h);
  });
});

describe('replace whose create half fails after its delete half', () => {
  it('says the old object is gone and the new one was not created; the next run creates it', async () => {
    await applyExamplesOk(h, '--allow-destructive');
    // The pipeline moves away, so nothing uses warehouse: its replace is delete, then create.
    await editFile(manifest, (t) =>
      t
        .replace('ingestion_mode: append', 'ingestion_mode: upsert')
        .replace('destination: warehouse', 'destination: analytics'),
    );
    h.server.emulator.configure({
      oneShots: [
        {
          method: 'POST',
          path: '/destinations',
          count: 1,
          status: 400,
          detail: 'Connector validation failed',
        },
      ],
    });
    const r = await applyExamples(h, '--allow-destructive');
    expect(r.code).toBe(1);
    expect(namesIn(h.server).destinations).toEqual(['analytics']);
    expect(r.out).toMatch(
      /failed +destination\/warehouse: the old destination \(id [0-9a-f]+\) was deleted, but its replacement was not created.*Connector validation failed/,
    );
    await applyExamplesOk(h, '--allow-destructive');
    expect(namesIn(h.server).destinations).toEqual(['analytics', 'warehouse']);
    await expectNoChanges(h);
  });
});

describe('a replace through the temporary name interrupted midway', () => {
  it('one of two pipelines moved to the temporary object: the next run finishes, no leftover', async () => {
    await editFile(manifest, (t) => t.replace('destination: analytics', 'destination: warehouse'));
    await applyExamplesOk(h, '--allow-destructive');
    const [first, second] = h.server.emulator.dump().pipelines.map((p) => p.id);
    await editFile(manifest, (t) => t.replace('ingestion_mode: append', 'ingestion_mode: upsert'));
    // The pipelines are repointed in list order: the first moves, the second fails.
    h.server.emulator.configure({
      oneShots: [
        { method: 'PUT', path: `/pipelines/${String(second)}`, count: 1, status: 400, detail: 'boom' },
      ],
    });
    const r = await applyExamples(h, '--allow-destructive', '--parallelism', '1');
    expect(r.code).toBe(1);
    const temp = byName(h.server.emulator.dump().destinations, 'warehouse-gitops-replacing');
    expect(byName(h.server.emulator.dump().pipelines, 'orders-to-warehouse').id).toBeDefined();
    expect(h.server.emulator.dump().pipelines.find((p) => p.id === first)?.destination.id).toBe(temp.id);
    expect(r.out).toMatch(/failed +destination\/warehouse: .*warehouse-gitops-replacing.*boom/);

    await applyExamplesOk(h, '--allow-destructive');
    const dump = h.server.emulator.dump();
    const now = byName(dump.destinations, 'warehouse');
    expect(namesIn(h.server).destinations).toEqual(['analytics', 'warehouse']);
    expect(dump.pipelines.map((p) => p.destination.id)).toEqual([now.id, now.id]);
    await expectNoChanges(h);
  });
});

describe('what a replace carries over', () => {
  it('the Kafka Connect cluster of the old object (not in the manifest) stays, with or without pipelines', async () => {
    await applyExamplesOk(h, '--allow-destructive');
    const pin = (name: string): void => {
      const stored = h.server.emulator.store.destinations.all().find((d) => d.name === name);
      if (!stored) throw new Error(`${name} not stored`);
      stored.kc_cluster_id = 'kc-dedicated-1';
    };
    pin('warehouse');
    await editFile(manifest, (t) => t.replace('ingestion_mode: append', 'ingestion_mode: upsert'));
    await applyExamplesOk(h, '--allow-destructive');
    expect(byName(h.server.emulator.dump().destinations, 'warehouse').kc_cluster_id).toBe('kc-dedicated-1');
    // Unused now: delete, then create.
    pin('warehouse');
    await editFile(manifest, (t) =>
      t
        .replace('ingestion_mode: upsert', 'ingestion_mode: append')
        .replace('destination: warehouse', 'destination: analytics'),
    );
    await applyExamplesOk(h, '--allow-destructive');
    expect(byName(h.server.emulator.dump().destinations, 'warehouse').kc_cluster_id).toBe('kc-dedicated-1');
    await expectNoChanges(h);
  });
});
