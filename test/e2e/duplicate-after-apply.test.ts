/**
 * Issue 12.10, "the check after apply fails on duplicate names": a namesake made while apply runs
 * (on an API that lets a name be taken twice: the emulator's `allowDuplicateNames`) leaves the
 * account with two objects of one name, and apply must not exit 0. The interleaving is forced with a
 * barrier on the emulator's injected latency, never a sleep.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { apiCall, startHarness, type Harness } from './harness.js';

/** The injected latency that marks the gated request (apply's POST /transforms). */
const GATE_MS = 4243;

let h: Harness;
let arrive = (): void => undefined;
let open = (): void => undefined;
let reached: Promise<void>;
let opened: Promise<void>;

beforeEach(async () => {
  reached = new Promise((r) => (arrive = r));
  opened = new Promise((r) => (open = r));
  h = await startHarness({
    sleep: async (ms) => {
      if (ms !== GATE_MS) return;
      arrive();
      await opened;
    },
  });
  await mkdir(path.join(h.dir, 'shop', 'transforms'), { recursive: true });
  await writeFile(
    path.join(h.dir, 'shop', 'transforms', 'mask.js'),
    'function _streamkap_transform(v) { return v; }\n',
  );
  await writeFile(
    path.join(h.dir, 'shop', 'streamkap.yaml'),
    [
      'namespace: shop',
      'transforms:',
      '  - name: mask-emails',
      '    type: map_filter',
      '    implementation_file: transforms/mask.js',
      '    config:',
      "      transforms_input_topic_pattern: 'public\\.customers'",
      '      transforms_output_topic_pattern: masked.customers',
      '',
    ].join('\n'),
  );
});
afterEach(async () => {
  await h.close();
});

it('a namesake made during apply fails the post-apply check (exit 1), naming the duplicate', async () => {
  h.server.emulator.configure({
    allowDuplicateNames: true,
    rules: [{ method: 'POST', path: '/transforms', latencyMs: GATE_MS }],
  });
  const applying = h.cli(['apply', 'shop', '--auto-approve', '--poll-interval', '10']);
  await reached;
  h.server.emulator.configure({ rules: [] });
  await apiCall(h.server, 'POST', '/transforms', {
    transform: 'map_filter',
    config: { 'transforms.name': 'mask-emails' },
    created_from: 'web',
  });
  open();
  const r = await applying;
  expect(h.server.emulator.dump().transforms.map((t) => t.name)).toEqual(['mask-emails', 'mask-emails']);
  expect(r.code, r.out + r.err).toBe(1);
  expect(r.out + r.err).toContain('1 not converged');
  expect(r.out).toContain('transform/mask-emails');
  expect(r.out).toContain('more than one live object has this name');
});
