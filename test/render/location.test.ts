import { describe, expect, it } from 'vitest';
import type { Plan, PlanAction } from '../../src/model/index.js';
import { buildPlan } from '../../src/planner/index.js';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../src/render/index.js';
import { SHOWCASE_SCENARIO } from '../planner/showcase-scenario.js';

const plan = buildPlan(SHOWCASE_SCENARIO.desired, SHOWCASE_SCENARIO.live, SHOWCASE_SCENARIO.options);

describe('manifest locations in plans', () => {
  it('text: after the resource, before its flags; none for a delete', () => {
    const text = renderPlanText(plan, { color: false });
    expect(text).toContain('  ~ source/orders-db (streamkap/shop.yaml:7)\n');
    expect(text).toContain('  + transform/mask-emails (streamkap/transforms.yaml:3)\n');
    expect(text).toMatch(/^ {2}- pipeline\/orders-to-lake {2}\[destructive\]$/m);
  });

  it('markdown: in the block summary; json: file and line', () => {
    expect(renderPlanMarkdown(plan)).toContain(
      '<b>pipeline/orders-to-warehouse</b> · <sub>streamkap/shop.yaml:42</sub></summary>',
    );
    const doc = JSON.parse(renderPlanJson(plan)) as { actions: { id: string; location?: unknown }[] };
    const at = Object.fromEntries(doc.actions.map((a) => [a.id, a.location]));
    expect(at['source/orders-db']).toEqual({ file: 'streamkap/shop.yaml', line: 7 });
    expect(at['pipeline/orders-to-lake']).toBeUndefined();
  });

  it('escapes a hostile file name in text and Markdown', () => {
    const file = 'x\u001b[2J\n  + source/fake</sub><img src=x>|`.yaml';
    const source = plan.actions.find((a) => a.id === 'source/orders-db') as PlanAction;
    const hostile: Plan = { ...plan, actions: [{ ...source, location: { file, line: 3 } }] };
    const text = renderPlanText(hostile, { color: false });
    expect(text).toContain('(x\\u001b[2J\\n  + source/fake</sub><img src=x>|`.yaml:3)');
    expect(text).not.toContain('\u001b');
    const md = renderPlanMarkdown(hostile);
    expect(md).toContain(
      '<sub>x&#92;u001b[2J&#92;n  + source/fake&lt;/sub&gt;&lt;img src=x&gt;&#124;&#96;.yaml:3</sub>',
    );
    expect(md).not.toContain('<img');
  });
});
