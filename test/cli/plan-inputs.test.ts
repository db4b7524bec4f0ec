import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { liveKinds } from '../../src/cli/run/plan-inputs.js';
import { captureIo } from '../helpers/capture-io.js';

describe('liveKinds', () => {
  it('is every kind, in apply order, whatever the manifests manage (plan and apply read alike)', () => {
    expect(liveKinds()).toEqual(['tag', 'source', 'destination', 'transform', 'pipeline']);
  });
});

describe('plan without credentials', () => {
  it('says which credentials are missing (exit 4), not that a plan key is missing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'skgo-nocreds-'));
    try {
      await writeFile(path.join(dir, 'm.yaml'), 'namespace: shop\ntags: []\n');
      const io = captureIo({}, dir);
      expect(await main(['node', 'streamkap-gitops', 'plan', 'm.yaml'], io)).toBe(4);
      expect(io.err()).toContain('STREAMKAP_CLIENT_ID');
      expect(io.err()).not.toContain("plan's secret hashes");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
