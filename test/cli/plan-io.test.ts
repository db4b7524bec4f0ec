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
import { FORMAT_VERSION } from '../../src/model/index.js';
import { buildPlan, derivePlanKey, planSeal } from '../../src/planner/index.js';
import {
  desiredState,
  HMAC_KEY,
  liveState,
  ordersPipeline,
  pgSource,
  snowflakeDest,
} from '../planner/fixtures.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'sg-plan-io-'));
/** The saved plan as `plan --out` writes it to disk. */
const savedFile = async (): Promise<
  Record<string, unknown> & { plan: { actions: Record<string, unknown>[] } }
> => {
  const file = path.join(dir(), 'plan.json');
  await savePlan(
    file,
    makeSavedPlan(plan(), { inputsDigest: 'x', createdAt: new Date(0), options: { hmacKey: 'k' } }),
  );
  return JSON.parse(readFileSync(file, 'utf8'));
};
/** What a holder of the plan key could do: seal an edited file again (`k`, the key of savedFile). */
const resealed = (value: Record<string, unknown>): Record<string, unknown> => {
  const { mac: _old, ...content } = value;
  return { ...content, mac: planSeal('k', content) };
};
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
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({
      format_version: FORMAT_VERSION,
      tool_version: TOOL_VERSION,
      inputs_digest: 'd'.repeat(64),
      options: { max_deletes: 3 },
      plan: { format_version: FORMAT_VERSION, max_deletes: 5, managed_kinds: expect.any(Array) },
    });
    // every key snake_case but the user's own config keys
    expect(text).not.toMatch(/"(formatVersion|extraConfig|dependsOn|snapshotNewTables|maxDeletes)":/);
    const loaded = await loadSavedPlan(file, HMAC_KEY);
    expect(loaded).toEqual(JSON.parse(JSON.stringify(saved)));
    expect(loaded).toMatchObject({
      formatVersion: FORMAT_VERSION,
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
    expect((await loadSavedPlan('p.json', 'k', d)).plan.namespace).toBe('shop');
  });

  it('refuses other format or tool versions (exit 3) and malformed files (exit 4)', async () => {
    const d = dir();
    const good = await savedFile();
    const write = (name: string, value: unknown): string => {
      const f = path.join(d, name);
      writeFileSync(
        f,
        typeof value === 'string' ? value : JSON.stringify(resealed(value as Record<string, unknown>)),
      );
      return f;
    };
    await expect(loadSavedPlan(write('v9.json', { ...good, format_version: 9 }), 'k')).rejects.toThrow(
      SafetyError,
    );
    await expect(
      loadSavedPlan(write('tool.json', { ...good, tool_version: '0.0.0-other' }), 'k'),
    ).rejects.toThrow(SafetyError);
    // a plan saved before every key became snake_case (format 1) is refused, saying why
    const { format_version: _v, ...rest } = good;
    const old = loadSavedPlan(write('v1.json', { ...rest, formatVersion: 1 }), 'k');
    await expect(old).rejects.toThrow(SafetyError);
    await expect(old).rejects.toThrow(/saved by an earlier streamkap-gitops \(plan format 1\)/);
    await expect(loadSavedPlan(write('junk.json', '{nope'), 'k')).rejects.toThrow(UserError);
    await expect(loadSavedPlan(write('other.json', { hello: 1 }), 'k')).rejects.toThrow(/not a saved plan/);
    await expect(
      loadSavedPlan(write('bad.json', { ...good, plan: { ...good.plan, actions: [{ id: 1 }] } }), 'k'),
    ).rejects.toThrow(/plan.actions\[0\]/);
    await expect(loadSavedPlan(path.join(d, 'missing.json'), 'k')).rejects.toThrow(UserError);
  });

  it('is sealed: any edit, a missing seal or another key is refused (exit 3) without naming the key (issue 12.5)', async () => {
    const d = dir();
    const good = await savedFile();
    expect(good['mac']).toMatch(/^[0-9a-f]{64}$/);
    const write = (name: string, value: unknown): string => {
      const f = path.join(d, name);
      writeFileSync(f, JSON.stringify(value));
      return f;
    };
    await expect(loadSavedPlan(write('good.json', good), 'k')).resolves.toBeDefined();
    // the same content laid out differently (keys reordered, no indentation) is still the sealed plan
    const reordered = Object.fromEntries(Object.entries(good).reverse());
    await expect(loadSavedPlan(write('reordered.json', reordered), 'k')).resolves.toBeDefined();
    const edited = structuredClone(good);
    (edited.plan.actions[0] as Record<string, unknown>)['type'] = 'delete';
    const refused = await loadSavedPlan(write('edited.json', edited), 'k').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SafetyError);
    expect((refused as Error).message).toContain('does not match its seal');
    const { mac: _m, ...unsealed } = good;
    await expect(loadSavedPlan(write('unsealed.json', unsealed), 'k')).rejects.toThrow(/carries no seal/);
    const otherKey = await loadSavedPlan(write('key.json', good), 'another-key').catch((e: unknown) => e);
    expect(otherKey).toBeInstanceOf(SafetyError);
    expect(JSON.stringify(otherKey) + String(otherKey)).not.toContain('another-key');
  });

  describe('payloads, checked against their kind', () => {
    const d = dir();
    type Saved = Awaited<ReturnType<typeof savedFile>>;
    const byId = (saved: Saved, id: string): Record<string, unknown> => {
      const a = saved.plan.actions.find((x) => x['id'] === id);
      if (!a) throw new Error(`no ${id}`);
      return a;
    };
    const load = async (name: string, edit: (saved: Saved) => void): Promise<unknown> => {
      const saved = await savedFile();
      edit(saved);
      const f = path.join(d, name);
      writeFileSync(f, JSON.stringify(resealed(saved)));
      return loadSavedPlan(f, 'k');
    };
    const desired = (a: Record<string, unknown>): Record<string, unknown> =>
      a['desired'] as Record<string, unknown>;

    it('accepts what the planner wrote', async () => {
      await expect(load('ok.json', () => undefined)).resolves.toBeDefined();
    });

    it('refuses a misspelt or missing field, naming the action and the path (exit 4)', async () => {
      const err = await load('typo.json', (s) => {
        const p = desired(byId(s, 'pipeline/orders-to-warehouse'));
        p['topic_auto_discovry'] = p['topic_auto_discovery'];
        delete p['topic_auto_discovery'];
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
          desired(byId(s, 'pipeline/orders-to-warehouse'))['snapshot_new_tables'] = 'yes';
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

    it('keeps a location, accepts a plan without one, and refuses a malformed one', async () => {
      const at = { file: 'streamkap/shop.yaml', line: 12 };
      const saved = (await load('at.json', (s) => {
        byId(s, 'source/orders-db')['location'] = at;
      })) as { plan: { actions: { id: string; location?: unknown }[] } };
      expect(saved.plan.actions.find((a) => a.id === 'source/orders-db')?.location).toEqual(at);
      expect(saved.plan.actions.find((a) => a.id === 'tag/gitops:shop')?.location).toBeUndefined();
      for (const bad of [null, 'shop.yaml:12', { file: 'shop.yaml' }, { file: 1, line: 2 }]) {
        await expect(
          load('bad-at.json', (s) => {
            byId(s, 'source/orders-db')['location'] = bad;
          }),
        ).rejects.toThrow(/is not a plan action/);
      }
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
