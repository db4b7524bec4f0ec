import { describe, expect, it } from 'vitest';
import { getConnector } from '../../src/catalogue/index.js';
import { SecretValue } from '../../src/model/index.js';
import { liveValueOrDefault, staticDefault } from '../../src/planner/rules/defaults.js';
import { extraConfigChanges } from '../../src/planner/rules/extra-config.js';
import { implementationChanges } from '../../src/planner/rules/implementation.js';
import { managedFields } from '../../src/planner/rules/managed-keys.js';
import { prettyTopic, prettyTopics } from '../../src/planner/rules/pipeline-topics.js';
import { replaceReason } from '../../src/planner/rules/replace.js';
import { compareSecret, secretRef } from '../../src/planner/rules/secrets.js';
import { desiredValueOrDefault, UNMANAGED } from '../../src/planner/rules/server-may-fill.js';
import { sameSet } from '../../src/planner/rules/sets.js';
import { effectiveTags, liveTagNames } from '../../src/planner/rules/tags.js';
import { hmacSecret } from '../../src/planner/secret-hmac.js';
import { matchLive } from '../../src/planner/rules/identity.js';
import { transformJobChange } from '../../src/planner/rules/transform-job.js';
import { serverEcho, source } from './fixtures.js';

function field(connector: string, name: string) {
  const f = getConnector('source', connector)?.fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
}

describe('rule 1: managed keys only', () => {
  it('lists the connector fields without read-only ones, computed once', () => {
    const fields = managedFields('source', 'postgresql');
    expect(fields?.map((f) => f.name)).toContain('database_port');
    expect(fields?.map((f) => f.name)).not.toContain('ssh_public_key');
    expect(managedFields('source', 'postgresql')).toBe(fields);
  });
  it('returns null for a connector the catalogue does not know', () => {
    expect(managedFields('source', 'nope')).toBeNull();
  });
});

// Rule 2 (type coercion), rule 4 (read-only keys) and rule 10 (map-valued keys) are the catalogue
// codec's: see test/catalogue/codec.test.ts. The planner compares the typed values it is given.

describe('rule 3: defaults', () => {
  it('types the static default and skips placeholders and secrets', () => {
    expect(staticDefault(field('postgresql', 'database_port'))).toBe(5432);
    expect(
      staticDefault({ ...field('postgresql', 'slot_name'), default: '<SSH.PUBLIC.KEY>' }),
    ).toBeUndefined();
    expect(staticDefault({ ...field('postgresql', 'slot_name'), secret: true })).toBeUndefined();
  });
  it('reads a missing live key as its default', () => {
    expect(liveValueOrDefault(undefined, 5432)).toBe(5432);
    expect(liveValueOrDefault(5433, 5432)).toBe(5433);
  });
  it('stating the default equals omitting it; a removed key resets to it', () => {
    expect(desiredValueOrDefault(undefined, 5432)).toBe(5432);
    expect(desiredValueOrDefault(5432, 5432)).toBe(5432);
  });
});

describe('rule 5: server_may_fill keys', () => {
  it('are unmanaged unless the manifest sets them', () => {
    const f = field('postgresql', 'column_include_list');
    expect(f.serverMayFill).toBe(true);
    expect(desiredValueOrDefault(undefined, undefined)).toBe(UNMANAGED);
    expect(desiredValueOrDefault('a.b', undefined)).toBe('a.b');
  });
});

describe('rule 6: sets, not lists', () => {
  it('compares regardless of order and repetition', () => {
    expect(sameSet(['b', 'a'], ['a', 'b', 'a'])).toBe(true);
    expect(sameSet(['a'], ['a', 'b'])).toBe(false);
  });
});

describe('rule 7: tags', () => {
  it('a manifest without tags keeps the live ones, plus ownership', () => {
    expect(effectiveTags(undefined, ['Production'], 'shop', false)).toEqual(['Production', 'gitops:shop']);
  });
  it('tags: [] clears the others; live null equals []', () => {
    expect(effectiveTags([], ['Production'], 'shop', false)).toEqual(['gitops:shop']);
    expect(liveTagNames(null)).toEqual([]);
  });
  it('ownership and protection are enforced whatever the manifest lists', () => {
    expect(effectiveTags(['gitops:protected'], [], 'shop', false)).toEqual(['gitops:shop']);
    expect(effectiveTags(undefined, ['gitops:protected'], 'shop', false)).toEqual(['gitops:shop']);
    expect(effectiveTags([], [], 'shop', true)).toEqual(['gitops:protected', 'gitops:shop']);
  });
  it("keeps another namespace's ownership tag whatever the manifest lists (gitops:* is the tool's)", () => {
    const live = ['Production', 'gitops:billing', 'gitops:protected', 'gitops:shop'];
    expect(effectiveTags([], live, 'shop', false)).toEqual(['gitops:billing', 'gitops:shop']);
    expect(effectiveTags(['pii'], live, 'shop', true)).toEqual([
      'gitops:billing',
      'gitops:protected',
      'gitops:shop',
      'pii',
    ]);
  });
});

describe('rule 9: secrets', () => {
  const d = new SecretValue('s3cret', 'env:PW');
  it('compares plaintext in memory', () => {
    expect(compareSecret(d, new SecretValue('s3cret'), false)).toBe('equal');
    expect(compareSecret(d, new SecretValue('other'), false)).toBe('changed');
    expect(compareSecret(d, 's3cret', false)).toBe('equal');
  });
  it('a live null (or a mask, which the codec reads as absent) is unknown, not drift, unless resending', () => {
    expect(compareSecret(d, null, false)).toBe('unknown');
    expect(compareSecret(d, undefined, true)).toBe('changed');
  });
  it('an unset desired secret is unmanaged', () => {
    expect(compareSecret(undefined, new SecretValue('x'), true)).toBe('unmanaged');
  });
  it('the plan form holds the reference and a keyed hash only', () => {
    const ref = secretRef(d, 'k');
    expect(ref).toEqual({ $secret: { ref: 'env:PW', hmac: hmacSecret('k', 's3cret') } });
    expect(JSON.stringify(ref)).not.toContain('s3cret');
    expect(hmacSecret('k', 's3cret')).not.toBe(hmacSecret('k2', 's3cret'));
  });
});

describe('rule 11: transform implementation', () => {
  it('is equal when desired is a subset of live, ignoring server additions', () => {
    expect(
      implementationChanges({ value_transform: 'f()' }, { value_transform: 'f()', extra: null, lang: 'js' }),
    ).toEqual([]);
    expect(implementationChanges({ a: null }, {})).toEqual([]);
  });
  it('reports each differing key; undefined desired is unmanaged', () => {
    expect(implementationChanges({ value_transform: 'g()' }, { value_transform: 'f()' })).toEqual([
      { path: 'implementation.value_transform', before: 'f()', after: 'g()' },
    ]);
    expect(implementationChanges(undefined, { value_transform: 'f()' })).toEqual([]);
  });
});

describe('rule 12: pipeline topics', () => {
  it('drops the source topic-id prefix and compares pretty names', () => {
    const id = 'a'.repeat(24);
    expect(prettyTopic(`source_${id}.public.orders`, id)).toBe('public.orders');
    expect(prettyTopic(`source_${id}.public.orders`)).toBe('public.orders');
    expect(prettyTopic('public.orders', id)).toBe('public.orders');
    expect(prettyTopics([`source_${id}.b`, 'a', 'b'], id)).toEqual(['a', 'b']);
  });
});

describe('rule 13: replace, not update', () => {
  it('says loudly that a new source re-snapshots', () => {
    expect(replaceReason('source', 'connector', 'postgresql', 'mysql')).toMatch(/re-snapshots every table/);
  });
});

describe('extra_config pass-through', () => {
  it('diffs only keys the manifest sets, tolerating string encoding', () => {
    expect(extraConfigChanges({ 'x.y': 5, 'b.c': true }, { 'x.y': '5', 'b.c': 'true', other: 'z' })).toEqual(
      [],
    );
    expect(extraConfigChanges({ 'x.y': 6 }, { 'x.y': '5' })).toEqual([
      { path: 'extraConfig.x.y', before: '5', after: 6 },
    ]);
    expect(extraConfigChanges({ n: 'v' }, {})).toEqual([{ path: 'extraConfig.n', after: 'v' }]);
  });
});

describe('rule 14: identity', () => {
  const live = (name: string) => serverEcho(source(name, 'postgresql', {}), { id: name.length });
  const index = (names: string[]) => {
    const byName = new Map(names.map((n) => [n, live(n)]));
    return { byName: (_k: string, n: string) => byName.get(n), isDuplicate: () => false };
  };
  it('matches the exact name first, then previous_names', () => {
    const idx = index(['a', 'old-a']);
    expect(
      matchLive(source('a', 'postgresql', {}, { previousNames: ['old-a'] }), idx, new Set(['a']), new Set())
        ?.renamedFrom,
    ).toBeUndefined();
    const renamed = matchLive(
      source('b', 'postgresql', {}, { previousNames: ['old-a'] }),
      idx,
      new Set(['b']),
      new Set(),
    );
    expect(renamed?.renamedFrom).toBe('old-a');
    expect(renamed?.live.name).toBe('old-a');
  });
  it('never takes a previous name another desired resource holds, nor a claimed object', () => {
    const idx = index(['a']);
    expect(
      matchLive(source('b', 'postgresql', {}, { previousNames: ['a'] }), idx, new Set(['a', 'b']), new Set()),
    ).toBeUndefined();
    const claimed = new Set([idx.byName('source', 'a') as ReturnType<typeof live>]);
    expect(
      matchLive(source('b', 'postgresql', {}, { previousNames: ['a'] }), idx, new Set(['b']), claimed),
    ).toBeUndefined();
  });
  it('takes the object an interrupted replace left under its temporary name, only when the name is free', () => {
    const left = index(['a-gitops-replacing-2']);
    const match = matchLive(source('a', 'postgresql', {}), left, new Set(['a']), new Set());
    expect(match?.renamedFrom).toBe('a-gitops-replacing-2');
    const both = index(['a', 'a-gitops-replacing']);
    expect(matchLive(source('a', 'postgresql', {}), both, new Set(['a']), new Set())?.live.name).toBe('a');
    const declared = index(['a-gitops-replacing']);
    expect(
      matchLive(source('a', 'postgresql', {}), declared, new Set(['a', 'a-gitops-replacing']), new Set()),
    ).toBeUndefined();
  });
});

describe('transform job: a declared transform runs', () => {
  it('asks for a deploy when the job never ran or ended, not while it is on its way', () => {
    expect(transformJobChange('map_filter', 'CREATED')).toEqual([
      { path: 'job', before: 'CREATED', after: 'RUNNING' },
    ]);
    expect(transformJobChange('enrich', 'FAILED')).toHaveLength(1);
    for (const status of ['RUNNING', 'DEPLOYING', 'INITIALIZING', 'RESTARTING', undefined]) {
      expect(transformJobChange('map_filter', status)).toEqual([]);
    }
  });

  it('leaves topic_router alone: it has no job', () => {
    expect(transformJobChange('topic_router', 'CREATED')).toEqual([]);
  });
});
