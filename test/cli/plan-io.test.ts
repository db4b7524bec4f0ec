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

  describe('payloads, checked against their kind', () => {
    const d = dir();
    const good = (): { plan: { actions: Record<string, unknown>[] } } & Record<string, unknown> =>
      JSON.parse(
        JSON.stringify(
          makeSavedPlan(plan(), { inputsDigest: 'x', createdAt: new Date(0), options: { hmacKey: 'k' } }),
        ),
      );
    const byId = (saved: ReturnType<typeof good>, id: string): Record<string, unknown> => {
      const a = saved.plan.actions.find((x) => x['id'] === id);
      if (!a) throw new Error(`no ${id}`);
      return a;
    };
    const load = (name: string, edit: (saved: ReturnType<typeof good>) => void): Promise<unknown> => {
      const saved = good();
      edit(saved);
      const f = path.join(d, name);
      writeFileSync(f, JSON.stringify(saved));
      return loadSavedPlan(f);
    };
    const desired = (a: Record<string, unknown>): Record<string, unknown> =>
      a['desired'] as Record<string, unknown>;

    it('accepts what the planner wrote', async () => {
      await expect(load('ok.json', () => undefined)).resolves.toBeDefined();
    });

    it('refuses a misspelt or missing field, naming the action and the path (exit 4)', async () => {
      const err = await load('typo.json', (s) => {
        const p = desired(byId(s, 'pipeline/orders-to-warehouse'));
        p['topicAutoDiscovry'] = p['topicAutoDiscovery'];
        delete p['topicAutoDiscovery'];
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toContain('`plan.actions[');
      expect((err as Error).message).toContain('"pipeline/orders-to-warehouse"');
      expect((err as Error).message).toContain('missing "topicAutoDiscovery"');
      expect((err as Error).message).toContain('unknown key "topicAutoDiscovry"');
    });

    it('refuses a field of the wrong type', async () => {
      await expect(
        load('type.json', (s) => {
          desired(byId(s, 'pipeline/orders-to-warehouse'))['snapshotNewTables'] = 'yes';
        }),
      ).rejects.toThrow(/snapshotNewTables: expected true or false/);
    });

    it('refuses a secret written as a value, without echoing it', async () => {
      const err = await load('plain.json', (s) => {
        const config = desired(byId(s, 'source/orders-db'))['config'] as Record<string, unknown>;
        config['database_password'] = 'plaintext-in-a-plan-7c1e';
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toContain(
        'config.database_password: a secret must be a secret reference',
      );
      expect((err as Error).message).not.toContain('plaintext-in-a-plan-7c1e');
    });

    it('refuses a malformed secret reference and a secret reference on a plain key', async () => {
      await expect(
        load('ref.json', (s) => {
          const config = desired(byId(s, 'source/orders-db'))['config'] as Record<string, unknown>;
          config['database_password'] = { $secret: { ref: 'env:X', hmac: 'not-hex' } };
        }),
      ).rejects.toThrow(/database_password: expected a secret reference/);
      await expect(
        load('ref2.json', (s) => {
          const config = desired(byId(s, 'source/orders-db'))['config'] as Record<string, unknown>;
          config['database_port'] = { $secret: { ref: null, hmac: 'a'.repeat(64) } };
        }),
      ).rejects.toThrow(/database_port: holds a secret reference but is not a secret/);
    });

    it('refuses a writing action without a payload, and a tag payload of the wrong shape', async () => {
      await expect(
        load('none.json', (s) => {
          delete byId(s, 'source/orders-db')['desired'];
        }),
      ).rejects.toThrow(
        /desired` \("source\/orders-db"\): missing; a create action needs the object it writes/,
      );
      await expect(
        load('tag.json', (s) => {
          desired(byId(s, 'tag/gitops:shop'))['types'] = 'sources';
        }),
      ).rejects.toThrow(/types: expected a list/);
    });
  });
});
