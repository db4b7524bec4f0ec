import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/planner/index.js';
import { renderPlanMarkdown, renderPlanText, PLAN_COMMENT_MARKER } from '../../src/render/index.js';
import { desiredState, HMAC_KEY, liveState, pgSource, serverEcho, source } from '../planner/fixtures.js';

function bigPlan(creates: number, noops: number) {
  const desired = [];
  const live = [];
  for (let i = 0; i < creates; i++)
    desired.push({ ...pgSource({}, { database_hostname: `host-${i}` }), name: `db-${i}` });
  for (let i = 0; i < noops; i++) {
    const s = source(`same-${i}`, 'postgresql', { database_hostname: 'h' });
    desired.push(s);
    live.push(serverEcho(s, { id: i + 1 }));
  }
  return buildPlan(desiredState(desired), liveState(live), { hmacKey: HMAC_KEY });
}

describe('renderPlanMarkdown', () => {
  it('starts with the sticky-comment marker and shows everything when small', () => {
    const md = renderPlanMarkdown(bigPlan(2, 2));
    expect(md.startsWith(`${PLAN_COMMENT_MARKER}\n`)).toBe(true);
    expect(md).toContain('<code>config.database_hostname</code>');
    expect(md).toContain('3 unchanged');
  });

  it('shrinks step by step to stay under the limit', () => {
    const plan = bigPlan(40, 200);
    const full = renderPlanMarkdown(plan, 1_000_000);
    expect(full).toContain('201 unchanged');
    const noNoop = renderPlanMarkdown(plan, full.length - 1);
    expect(noNoop).not.toContain('unchanged');
    expect(noNoop).toContain('<code>"host-0"</code>');
    const paths = renderPlanMarkdown(plan, noNoop.length - 1);
    expect(paths).not.toContain('"host-0"');
    expect(paths).toContain('config.database_hostname');
    const names = renderPlanMarkdown(plan, paths.length - 1);
    expect(names).not.toContain('<details>');
    expect(names).toContain('<b>source/db-39</b>');
    const cut = renderPlanMarkdown(plan, 2_000);
    expect(cut.length).toBeLessThanOrEqual(2_000);
    expect(cut).toMatch(/… and \d+ more/);
    expect(cut).toContain('Plan: 40 to create, 0 to update, 0 to replace, 0 to delete.');
  });

  it('stays under 60,000 characters for 2,000 changed resources', () => {
    const md = renderPlanMarkdown(bigPlan(2_000, 0));
    expect(md.length).toBeLessThanOrEqual(60_000);
    expect(md.startsWith(PLAN_COMMENT_MARKER)).toBe(true);
  });
});

describe('renderPlanText', () => {
  it('colours markers only when asked', () => {
    const plan = bigPlan(1, 0);
    expect(renderPlanText(plan, { color: false })).not.toContain('\u001b[');
    expect(renderPlanText(plan, { color: true })).toContain('\u001b[32m+ source/db-0');
  });
});
