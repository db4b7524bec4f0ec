import { expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture-io.js';
import { FakeClock } from '../helpers/fake-clock.js';

it('demo tours the example against an in-process emulator and exits 0', async () => {
  const io = captureIo({ NO_COLOR: '1', PATH: process.env['PATH'] }, process.cwd());
  // A virtual clock drives the demo's emulator and polls: its snapshot completes without real waiting.
  const clock = new FakeClock();
  const code = await main(['node', 'streamkap-gitops', 'demo'], { ...io, clock });
  const out = io.out();
  expect(code, out + io.err()).toBe(0);
  for (const cmd of [
    '$ streamkap-gitops validate examples/streamkap.yaml',
    '$ streamkap-gitops plan examples/streamkap.yaml --detailed-exitcode',
    '$ streamkap-gitops apply examples/streamkap.yaml --auto-approve',
    '$ streamkap-gitops drift examples/streamkap.yaml',
    '$ streamkap-gitops snapshot orders-db examples/streamkap.yaml --wait --poll-interval 1s',
    '$ streamkap-gitops status examples/streamkap.yaml',
  ]) {
    expect(out).toContain(cmd);
  }
  expect(out.match(/→ exit \d+ ✓/g)).toHaveLength(9);
  expect(out).toContain('config.heartbeat_enabled = false (live) -> true (git)');
  // The snapshot is seen running, then completed; the tour ends with every pipeline healthy.
  expect(out).toContain('│   orders-db: running, 1/3 tables completed (snapshotStatus Running)');
  expect(out).toContain('│ Snapshot of orders-db completed: completed, 3/3 tables completed');
  expect(out).toContain('│ Namespace shop: 2 pipelines, 2 healthy, 0 unhealthy');
  expect(out).toMatch(/│ orders-to-warehouse\s+healthy\s+Active.*done 3\/3/);
  expect(out.trimEnd().split('\n').at(-1)).toMatch(
    /^Demo complete in [\d.]+ s: every step gave the exit code it should\.$/,
  );
  // The demo's secrets never show, even though they are demo values.
  expect(out).not.toContain('demo-orders-db-password');
});
