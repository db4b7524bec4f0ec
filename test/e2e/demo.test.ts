import { expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture-io.js';

it('demo tours the example against an in-process emulator and exits 0', async () => {
  const io = captureIo({ NO_COLOR: '1', PATH: process.env['PATH'] }, process.cwd());
  const code = await main(['node', 'streamkap-gitops', 'demo'], io);
  const out = io.out();
  expect(code, out + io.err()).toBe(0);
  for (const cmd of [
    '$ streamkap-gitops validate examples/streamkap.yaml',
    '$ streamkap-gitops plan examples/streamkap.yaml --detailed-exitcode',
    '$ streamkap-gitops apply examples/streamkap.yaml --auto-approve',
    '$ streamkap-gitops drift examples/streamkap.yaml',
  ]) {
    expect(out).toContain(cmd);
  }
  expect(out.match(/→ exit \d+ ✓/g)).toHaveLength(7);
  expect(out).toContain('config.heartbeat_enabled = false (live) -> true (git)');
  expect(out).toContain('Demo complete');
  // The demo's secrets never show, even though they are demo values.
  expect(out).not.toContain('demo-orders-db-password');
});
