/**
 * Tag ownership (issue 12.7): the owner marker at the end of a tag's description, how the planner
 * treats a manifest tag it does not own, and the guard that apply runs again on any plan.
 */
import { describe, expect, it } from 'vitest';
import {
  markedTagDescription,
  splitTagDescription,
  type LiveTag,
  type PlanAction,
} from '../../src/model/index.js';
import { buildPlan, isRefusal, ownershipRefusals } from '../../src/planner/index.js';
import { readTag } from '../../src/state/kinds/tag.js';
import { desiredState, HMAC_KEY, liveState, tag } from './fixtures.js';

describe('the owner marker', () => {
  it.each([
    ['Orders [gitops:shop]', 'Orders', 'shop'],
    ['[gitops:shop]', null, 'shop'],
    ['  [gitops:shop]', ' ', 'shop'],
    ['see [gitops:billing] [gitops:shop]', 'see [gitops:billing]', 'shop'],
  ])('%j is the text %j owned by %j', (raw, description, owner) => {
    expect(splitTagDescription(raw)).toEqual({ description, owner });
  });

  it.each([
    'Orders[gitops:shop]',
    'Orders [gitops:shop] ',
    '[gitops:shop] and more',
    'Orders [gitops:Shop]',
    'Orders [gitops:-shop]',
    `Orders [gitops:${'a'.repeat(42)}]`,
    'Orders [gitops:]',
    'Orders [gitops-lock:shop]',
  ])('%j has no marker: all of it is text', (raw) => {
    expect(splitTagDescription(raw)).toEqual({ description: raw });
  });

  it('is appended after one space, or is all of an empty description; it always reads back', () => {
    expect(markedTagDescription('Orders', 'shop')).toBe('Orders [gitops:shop]');
    expect(markedTagDescription(null, 'shop')).toBe('[gitops:shop]');
    expect(markedTagDescription('', 'shop')).toBe('[gitops:shop]');
    for (const text of ['Orders', 'x [gitops:billing]', ' ', 'trailing ']) {
      expect(splitTagDescription(markedTagDescription(text, 'shop'))).toEqual({
        description: text,
        owner: 'shop',
      });
    }
  });

  it('the reader strips it from custom tags only: system and the tool’s own tags keep theirs as read', () => {
    const raw = (name: string, description: string, system = false): unknown => ({
      id: 'a'.repeat(24),
      name,
      description,
      type: ['sources'],
      system,
      custom: !system,
    });
    expect(readTag(raw('pii', 'Personal [gitops:shop]')).value).toMatchObject({
      description: 'Personal',
      owner: 'shop',
    });
    for (const [name, system] of [
      ['Production', true],
      ['gitops:shop', false],
      ['gitops-lock:shop', false],
    ] as const) {
      const read = readTag(raw(name, 'x [gitops:shop]', system)).value as LiveTag;
      expect(read.description).toBe('x [gitops:shop]');
      expect(read.owner).toBeUndefined();
    }
  });
});

/** The account with tag `pii` (description "by hand") owned by `owner` (undefined: no marker). */
function accountWithPii(owner?: string) {
  const live = liveState([], ['pii']);
  const tags = live.tags.map((t) =>
    t.name === 'pii' ? { ...t, description: 'by hand', types: ['sources'], ...(owner ? { owner } : {}) } : t,
  );
  return { ...live, tags };
}

const plan = (owner: string | undefined, description: string, extra: object = {}) =>
  buildPlan(desiredState([tag('pii', description, ['sources'])]), accountWithPii(owner), {
    hmacKey: HMAC_KEY,
    ...extra,
  });

describe('a manifest tag the namespace does not own', () => {
  it('differing and owned by another namespace: a refusal (exit 3) naming it; --adopt does not take it', () => {
    for (const extra of [{}, { adopt: true }]) {
      const p = plan('billing', 'Personal data', extra);
      expect(p.errors).toEqual([
        expect.objectContaining({
          code: 'tag-not-owned',
          id: 'tag/pii',
          message: expect.stringContaining('owned by namespace "billing"'),
          hint: expect.stringContaining('--adopt-from billing'),
        }),
      ]);
      expect(p.errors.every(isRefusal)).toBe(true);
    }
  });

  it('--adopt-from the owner takes it: an adopting update that changes the owner', () => {
    const p = plan('billing', 'Personal data', { adoptFrom: ['billing'] });
    expect(p.errors).toEqual([]);
    const a = p.actions.find((x) => x.id === 'tag/pii');
    expect(a).toMatchObject({ type: 'update', adopt: true });
    expect(a?.changes).toContainEqual({ path: 'owner', before: 'billing', after: 'shop' });
  });

  it('differing and unmarked: refused with an --adopt hint; --adopt takes it, even when identical', () => {
    const refused = plan(undefined, 'Personal data');
    expect(refused.errors).toEqual([
      expect.objectContaining({ code: 'tag-not-owned', hint: expect.stringContaining('--adopt') }),
    ]);
    for (const description of ['Personal data', 'by hand']) {
      const a = plan(undefined, description, { adopt: true }).actions.find((x) => x.id === 'tag/pii');
      expect(a).toMatchObject({ type: 'update', adopt: true });
      expect(a?.changes).toContainEqual({ path: 'owner', after: 'shop' });
    }
  });

  it('identical: a noop with a warning, whoever owns it', () => {
    for (const owner of [undefined, 'billing']) {
      const p = plan(owner, 'by hand');
      expect(p.errors).toEqual([]);
      expect(p.actions.find((x) => x.id === 'tag/pii')?.type).toBe('noop');
      expect(p.warnings).toEqual([expect.objectContaining({ code: 'unowned-tag-kept', id: 'tag/pii' })]);
    }
  });

  it('owned by this namespace: a plain update, no warning', () => {
    const p = plan('shop', 'Personal data');
    expect(p.errors).toEqual([]);
    expect(p.warnings).toEqual([]);
    expect(p.actions.find((x) => x.id === 'tag/pii')).toMatchObject({ type: 'update' });
  });
});

describe('the guard on any plan (what apply runs against the tags it just read)', () => {
  const live = accountWithPii('billing');
  const idOf = (name: string): string => live.tags.find((t) => t.name === name)?.id ?? '';
  const action = (name: string, type: PlanAction['type'], extra: object = {}): PlanAction =>
    ({
      id: `tag/${name}`,
      kind: 'tag',
      name,
      type,
      liveId: idOf(name),
      changes: [],
      dependsOn: [],
      destructive: false,
      protected: false,
      ...extra,
    }) as PlanAction;
  const refusals = (a: PlanAction, adoptFrom: string[] = []) =>
    ownershipRefusals([a], live, { namespace: 'shop', adoptFrom }).map((p) => p.code);

  it("refuses an update or delete of another namespace's tag unless it adopts from that namespace", () => {
    expect(refusals(action('pii', 'update'))).toEqual(['tag-not-owned']);
    expect(refusals(action('pii', 'delete'))).toEqual(['tag-not-owned']);
    expect(refusals(action('pii', 'update', { adopt: true }))).toEqual(['tag-not-owned']);
    expect(refusals(action('pii', 'update', { adopt: true }), ['billing'])).toEqual([]);
    expect(refusals(action('pii', 'delete', { adopt: true }), ['billing'])).toEqual(['tag-not-owned']);
  });

  it("refuses any update of the tool's own tags, whatever the plan says", () => {
    expect(refusals(action('gitops:shop', 'update', { adopt: true }))).toEqual(['tag-not-owned']);
  });

  it('lets the namespace update and delete its own tags', () => {
    const own = { ...live, tags: live.tags.map((t) => ({ ...t, owner: 'shop' })) };
    const codes = ownershipRefusals([action('pii', 'update'), action('pii', 'delete')], own, {
      namespace: 'shop',
      adoptFrom: [],
    });
    expect(codes).toEqual([]);
  });
});
