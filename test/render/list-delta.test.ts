import { describe, expect, it } from 'vitest';
import type { FieldChange, Plan, PlanAction } from '../../src/model/index.js';
import { buildPlan } from '../../src/planner/index.js';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../src/render/index.js';
import { listDelta } from '../../src/render/list-delta.js';
import { SHOWCASE_SCENARIO } from '../planner/showcase-scenario.js';

const change = (path: string, before: unknown, after: unknown): FieldChange =>
  ({ path, before, after }) as FieldChange;

describe('listDelta', () => {
  it('says what a list gained and lost, in each list’s order, each item once', () => {
    expect(listDelta(change('topics', ['a', 'b', 'c', 'b'], ['d', 'c', 'a', 'e', 'd']))).toEqual({
      added: ['d', 'e'],
      removed: ['b'],
      kept: 2,
    });
  });

  it('reads a comma-separated config list, spaces and empty items ignored', () => {
    const c = change('config.table_include_list', 'public.a, public.b', 'public.b,public.c,');
    expect(listDelta(c)).toEqual({ added: ['public.c'], removed: ['public.a'], kept: 1 });
    expect(listDelta(change('config.schema_include_list', 'a', 'a,b'))?.added).toEqual(['b']);
  });

  it('leaves other strings, mixed lists, sensitive and one-sided changes alone', () => {
    expect(listDelta(change('config.database_hostname', 'a,b', 'a,c'))).toBeUndefined();
    expect(listDelta(change('transforms', [{ n: 1 }], [{ n: 2 }]))).toBeUndefined();
    expect(listDelta(change('tags', undefined, ['a']))).toBeUndefined();
    expect(listDelta({ path: 'tags', sensitive: true })).toBeUndefined();
  });

  it('keeps 1 and "1" apart, and has no delta when only order or duplicates change', () => {
    expect(listDelta(change('topics', [1], ['1']))).toEqual({ added: ['1'], removed: [1], kept: 0 });
    expect(listDelta(change('topics', ['a', 'b'], ['b', 'a', 'a']))).toBeUndefined();
  });
});

describe('list changes in plans', () => {
  const plan = buildPlan(SHOWCASE_SCENARIO.desired, SHOWCASE_SCENARIO.live, SHOWCASE_SCENARIO.options);

  it('text: a count line, then one + or - line per item, not both lists', () => {
    const text = renderPlanText(plan, { color: false });
    expect(text).toContain(
      [
        '      ~ topics: 1 added, 1 removed, 1 unchanged',
        '          + "public.refunds"',
        '          - "public.customers"',
      ].join('\n'),
    );
    expect(text).toContain(
      '      ~ config.table_include_list: 1 added, 2 unchanged\n          + "public.refunds"\n',
    );
    expect(text).not.toContain('"public.orders","public.customers"');
    // a create still lists the whole new list
    expect(text).toContain('      + topics = ["public.refunds"]');
  });

  it('markdown: removed items before, added items and the counts after', () => {
    expect(renderPlanMarkdown(plan)).toContain(
      '| ~ | <code>topics</code> | <code>- "public.customers"</code> | <code>+ "public.refunds"</code><br><i>1 added, 1 removed, 1 unchanged</i> |',
    );
  });

  it('json: both full lists and the delta', () => {
    const doc = JSON.parse(renderPlanJson(plan)) as {
      actions: { id: string; changes: Record<string, unknown>[] }[];
    };
    const topics = doc.actions
      .find((a) => a.id === 'pipeline/orders-to-warehouse')
      ?.changes.find((c) => c['path'] === 'topics');
    expect(topics).toEqual({
      path: 'topics',
      before: ['public.customers', 'public.orders'], // as the server lists them
      after: ['public.orders', 'public.refunds'],
      added: ['public.refunds'],
      removed: ['public.customers'],
    });
  });

  function withTopics(before: string[], after: string[]): Plan {
    const action: PlanAction = {
      id: 'pipeline/p',
      kind: 'pipeline',
      name: 'p',
      type: 'update',
      dependsOn: [],
      changes: [{ path: 'topics', before, after }],
      destructive: false,
      protected: false,
    } as PlanAction;
    return { ...plan, actions: [action], destructive: [], warnings: [], errors: [] };
  }

  it('escapes hostile items and cuts a long side in Markdown; the text plan has every item', () => {
    const many = Array.from({ length: 25 }, (_, i) => `t${i}`);
    const hostile = ['a|b</code><script>', 'x\u001b[2J'];
    const md = renderPlanMarkdown(withTopics([], [...hostile, ...many]));
    expect(md).toContain('<code>+ "a&#124;b&lt;/code&gt;&lt;script&gt;"</code>');
    expect(md).toContain('<code>+ "x&#92;u001b[2J"</code>');
    expect(md).not.toContain('\u001b');
    expect(md).toContain('<br>… 7 more<br><i>27 added, 0 unchanged</i>');
    const text = renderPlanText(withTopics([], [...hostile, ...many]), { color: false });
    expect(text).toContain('          + "t24"');
    expect(text).not.toContain('\u001b');
  });
});
