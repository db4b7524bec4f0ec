import { describe, expect, it } from 'vitest';
import { checkSafety } from '../../src/applier/safety.js';
import { convergenceDetails, notConverged, staleActions } from '../../src/applier/stale-check.js';
import { SafetyError } from '../../src/errors/index.js';
import type { LiveResource, PlanAction, ResourceKey } from '../../src/model/index.js';
import { liveMeta, liveState, planOf, tag } from './fake-client.js';

function act(id: ResourceKey, type: PlanAction['type'], extra: Partial<PlanAction> = {}): PlanAction {
  const [kind, name] = id.split('/') as [PlanAction['kind'], string];
  return {
    id,
    kind,
    name,
    type,
    changes: [],
    dependsOn: [],
    destructive: false,
    protected: false,
    ...extra,
  } as PlanAction;
}

describe('checkSafety', () => {
  const cases: [string, PlanAction[], { allowDestructive: boolean; maxDeletes?: number }, string | null][] = [
    [
      'creates and updates pass',
      [act('source/a', 'create'), act('source/b', 'update')],
      { allowDestructive: false },
      null,
    ],
    [
      'a protected delete is refused even when destructive is allowed',
      [act('source/a', 'delete', { protected: true, destructive: true })],
      { allowDestructive: true },
      'protected',
    ],
    [
      'a protected replace is refused',
      [act('destination/d', 'replace', { protected: true })],
      { allowDestructive: true },
      'protected',
    ],
    [
      'destructive needs --allow-destructive',
      [act('pipeline/p', 'delete', { destructive: true })],
      { allowDestructive: false },
      'destructive actions: delete pipeline/p',
    ],
    [
      'destructive allowed',
      [act('pipeline/p', 'delete', { destructive: true })],
      { allowDestructive: true },
      null,
    ],
    [
      'more deletes than the limit',
      [act('destination/a', 'delete'), act('destination/b', 'delete')],
      { allowDestructive: true, maxDeletes: 1 },
      'more than --max-deletes 1',
    ],
    [
      'a replace counts against --max-deletes like a delete',
      [act('transform/a', 'delete'), act('destination/b', 'replace')],
      { allowDestructive: true, maxDeletes: 1 },
      'deletes or replaces 2 resources, more than --max-deletes 1: delete transform/a, replace destination/b',
    ],
    [
      'a tag delete does not count against --max-deletes',
      [act('tag/a', 'delete'), act('tag/b', 'delete'), act('destination/c', 'delete')],
      { allowDestructive: true, maxDeletes: 1 },
      null,
    ],
    [
      'deletes within the plan limit (5)',
      [act('destination/a', 'delete'), act('destination/b', 'replace')],
      { allowDestructive: true },
      null,
    ],
  ];
  for (const [name, actions, options, refusal] of cases) {
    it(name, () => {
      const run = (): void => checkSafety(planOf(actions), options);
      if (refusal === null) expect(run).not.toThrow();
      else {
        expect(run).toThrow(SafetyError);
        expect(run).toThrow(refusal);
      }
    });
  }
});

describe('staleActions', () => {
  const src: LiveResource = {
    kind: 'source',
    name: 'a',
    connector: 'postgresql',
    config: {},
    extraConfig: {},
    tags: [],
    protected: false,
    previousNames: [],
    live: liveMeta('id-a'),
  };
  it('is empty when every touched object is as planned', () => {
    const plan = planOf([
      act('source/a', 'update', { liveId: 'id-a', liveFingerprint: 'fp-id-a' }),
      act('source/b', 'create'),
    ]);
    expect(staleActions(plan, liveState([src]))).toEqual([]);
  });
  it('names changed, vanished and now-existing objects', () => {
    const plan = planOf([
      act('source/a', 'update', { liveId: 'id-a', liveFingerprint: 'older' }),
      act('source/gone', 'delete', { liveId: 'id-gone', liveFingerprint: 'x' }),
      act('tag/t', 'create'),
      act('source/z', 'noop', { liveId: 'id-z', liveFingerprint: 'whatever' }),
    ]);
    expect(staleActions(plan, liveState([src], [tag('tid', 't')]))).toEqual([
      'source/a changed since the plan was made',
      'source/gone (id-gone) no longer exists',
      'tag/t was to be created but now exists',
    ]);
  });
  it('notConverged lists touched actions a fresh plan still has', () => {
    const fresh = planOf([act('source/a', 'update'), act('source/b', 'noop'), act('source/c', 'update')]);
    expect(notConverged(fresh, new Set(['source/a', 'source/b']))).toEqual(['source/a']);
  });
  it('convergenceDetails says what a fresh plan would still do to each unconverged resource', () => {
    const fresh = planOf([
      act('source/a', 'update', {
        changes: [
          { path: 'config.database_port', before: 1, after: 2 },
          { path: 'tags', before: [], after: ['x'] },
        ],
      }),
      act('destination/d', 'create'),
    ]);
    expect(convergenceDetails(fresh, ['source/a', 'destination/d'])).toEqual({
      'source/a': 'update config.database_port, tags',
      'destination/d': 'create',
    });
  });
});
