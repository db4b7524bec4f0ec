import { describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/planner/index.js';
import { renderDriftMarkdown, renderDriftText } from '../../src/render/index.js';

const report: DriftReport = {
  formatVersion: 2,
  namespace: 'shop',
  changed: [
    {
      id: 'transform/mask-emails',
      kind: 'transform',
      name: 'mask-emails',
      replace: false,
      changes: [
        { path: 'config.transforms_input_job_parallelism', before: 4, after: 2 },
        {
          path: 'implementation.value_transform',
          before: 'function f(v) {\n  v.x = 1;\n  return v;\n}\n',
          after: 'function f(v) {\n  return v;\n}\n',
        },
      ],
    },
  ],
  missing: [],
  orphaned: [],
  unmanaged: { count: 0, items: [] },
  errors: [],
  ignored: 0,
};

describe('drift renderers: multi-line values', () => {
  it('text shows the code edited outside git as a line diff (- live, + git)', () => {
    expect(renderDriftText(report)).toContain(
      [
        '      ~ config.transforms_input_job_parallelism = 4 (live) -> 2 (git)',
        '      ~ implementation.value_transform (4 → 3 lines) (- live, + git):',
        '          function f(v) {',
        '        -   v.x = 1;',
        '            return v;',
      ].join('\n'),
    );
  });

  it('markdown puts it in a fenced diff block, not an escaped table cell', () => {
    const md = renderDriftMarkdown(report);
    expect(md).toContain('```diff\n  function f(v) {\n-   v.x = 1;\n    return v;\n  }\n```');
    expect(md).not.toContain('\\n  v.x');
  });
});
