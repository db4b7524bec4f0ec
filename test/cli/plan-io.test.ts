import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  inputsDigest,
  loadSavedPlan,
  makeSavedPlan,
  planKeyFromEnv,
  savePlan,
} from '../../src/cli/plan-io.js';
import { TOOL_VERSION } from '../../src/cli/version.js';
import { SafetyError, UserError } from '../../src/errors/index.js';
import { buildPlan, derivePlanKey } from '../../src/planner/index.js';
import {
  desiredState,
  HMAC_KEY,
  liveState,
  ordersPipeline,
  pgSource,
  snowflakeDest,
} from '../planner/fixtures.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'sg-plan-io-'));
const plan = () =>
  buildPlan(desiredState([pgSource(), snowflakeDest(), ordersPipeline()]), liveState([]), {
    hmacKey: HMAC_KEY,
  });

describe('inputsDigest', () => {
  const files = [
    { path: 'b.yaml', sha256: '2'.repeat(64) },
    { path: 'a.yaml', sha256: '1'.repeat(64) },
  ];
  it('does not depend on file order and changes with any file', () => {
    expect(inputsDigest(files)).toBe(inputsDigest([...files].reverse()));
    expect(inputsDigest({ files })).toBe(inputsDigest(files));
    expect(inputsDigest([{ ...files[0]!, sha256: '3'.repeat(64) }, files[1]!])).not.toBe(inputsDigest(files));
    expect(inputsDigest(files)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('planKeyFromEnv', () => {
  it('prefers STREAMKAP_GITOPS_PLAN_KEY, else derives from the client secret', () => {
    expect(planKeyFromEnv({ STREAMKAP_GITOPS_PLAN_KEY: 'k', STREAMKAP_CLIENT_SECRET: 's' })).toBe('k');
    expect(planKeyFromEnv({ STREAMKAP_CLIENT_SECRET: 's' })).toBe(derivePlanKey('s'));
    expect(planKeyFromEnv({ STREAMKAP_SECRET: 's' })).toBe(derivePlanKey('s'));
    expect(derivePlanKey('s')).not.toContain('s'.repeat(2));
    expect(() => planKeyFromEnv({})).toThrow(UserError);
  });
});

describe('savePlan / loadSavedPlan', () => {
  it('round-trips a saved plan without the HMAC key, owner-readable only', async () => {
    const file = path.join(dir(), 'out', 'plan.json');
    const saved = makeSavedPlan(plan(), {
      inputsDigest: 'd'.repeat(64),
      createdAt: new Date('2026-01-02T03:04:05Z'),
      options: { hmacKey: HMAC_KEY, adopt: true, maxDeletes: 3, targets: ['source/orders-db'] },
    });
    await savePlan(file, saved);
    expect(readFileSync(file, 'utf8')).not.toContain(HMAC_KEY);
    expect(statSync(file).mode & 0o077).toBe(0);
    const loaded = await loadSavedPlan(file);
    expect(loaded).toEqual(JSON.parse(JSON.stringify(saved)));
    expect(loaded).toMatchObject({
      formatVersion: 1,
      toolVersion: TOOL_VERSION,
      createdAt: '2026-01-02T03:04:05.000Z',
      options: { adopt: true, maxDeletes: 3, targets: ['source/orders-db'] },
    });
  });

  it('resolves a relative path against the given cwd', async () => {
    const d = dir();
    await savePlan(
      'p.json',
      makeSavedPlan(plan(), { inputsDigest: 'x', createdAt: new Date(0), options: { hmacKey: 'k' } }),
      d,
    );
    expect((await loadSavedPlan('p.json', d)).plan.namespace).toBe('shop');
  });

  it('refuses other format or tool versions (exit 3) and malformed files (exit 4)', async () => {
    const d = dir();
    const good = JSON.parse(
      JSON.stringify(
        makeSavedPlan(plan(), { inputsDigest: 'x', createdAt: new Date(0), options: { hmacKey: 'k' } }),
      ),
    );
    const write = (name: string, value: unknown): string => {
      const f = path.join(d, name);
      writeFileSync(f, typeof value === 'string' ? value : JSON.stringify(value));
      return f;
    };
    await expect(loadSavedPlan(write('v2.json', { ...good, formatVersion: 2 }))).rejects.toThrow(SafetyError);
    await expect(loadSavedPlan(write('tool.json', { ...good, toolVersion: '0.0.0-other' }))).rejects.toThrow(
      SafetyError,
    );
    await expect(loadSavedPlan(write('junk.json', '{nope'))).rejects.toThrow(UserError);
    await expect(loadSavedPlan(write('other.json', { hello: 1 }))).rejects.toThrow(/not a saved plan/);
    await expect(
      loadSavedPlan(write('bad.json', { ...good, plan: { ...good.plan, actions: [{ id: 1 }] } })),
    ).rejects.toThrow(/plan.actions\[0\]/);
    await expect(loadSavedPlan(path.join(d, 'missing.json'))).rejects.toThrow(UserError);
  });
});
