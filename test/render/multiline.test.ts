import { describe, expect, it } from 'vitest';
import type { ActionType, FieldChange, Plan } from '../../src/model/index.js';
import { buildPlan } from '../../src/planner/index.js';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../src/render/index.js';
import { MAX_DIFF_BLOCK_LINES } from '../../src/render/markdown-util.js';
import { displayPath } from '../../src/render/common.js';
import { desiredState, HMAC_KEY, liveState, serverEcho, transform } from '../planner/fixtures.js';

const CODE_V1 = ['function f(r) {', '  r.a = 1;', '  return r;', '}', ''].join('\n');
const CODE_V2 = ['function f(r) {', '  r.a = 2;', '  return r;', '}', ''].join('\n');

/** A one-action plan around the given changes. */
function planWith(type: ActionType, changes: FieldChange[]): Plan {
  return {
    formatVersion: 2,
    namespace: 'shop',
    managedKinds: ['transform'],
    actions: [
      {
        id: 'transform/t',
        kind: 'transform',
        name: 't',
        type,
        changes,
        dependsOn: [],
        destructive: false,
        protected: false,
      },
    ],
    errors: [],
    warnings: [],
    summary: { create: 0, update: 0, replace: 0, delete: 0, noop: 0, [type]: 1 },
    destructive: [],
    maxDeletes: 5,
  };
}

const text = (plan: Plan): string => renderPlanText(plan, { color: false });
const change = (before?: string, after?: string): FieldChange => ({
  path: 'implementation.value_transform',
  ...(before === undefined ? {} : { before }),
  ...(after === undefined ? {} : { after }),
});

describe('multi-line values in the text plan', () => {
  it('shows an update of code as a line diff under a header with the line counts', () => {
    const live = transform('t', 'map_filter', {}, { implementation: { value_transform: CODE_V1 } });
    const desired = transform('t', 'map_filter', {}, { implementation: { value_transform: CODE_V2 } });
    const plan = buildPlan(desiredState([desired]), liveState([serverEcho(live, { id: 4 })]), {
      hmacKey: HMAC_KEY,
    });
    const out = text(plan);
    expect(out).toContain(
      [
        '      ~ implementation.value_transform (4 → 4 lines):',
        '          function f(r) {',
        '        -   r.a = 1;',
        '        +   r.a = 2;',
        '            return r;',
        '          }',
      ].join('\n'),
    );
    expect(out).not.toContain('\\n');
  });

  it('lists every line with + for a create and with - for a value that goes away', () => {
    expect(text(planWith('create', [change(undefined, CODE_V1)]))).toContain(
      '      + implementation.value_transform (4 lines):\n        + function f(r) {\n        +   r.a = 1;\n',
    );
    expect(text(planWith('update', [change(CODE_V1, undefined)]))).toContain(
      '      - implementation.value_transform (4 lines → unset):\n        - function f(r) {\n',
    );
  });

  it('says so when only the final newline differs', () => {
    const out = text(planWith('update', [change('a\nb', 'a\nb\n')]));
    expect(out).toContain(
      '~ implementation.value_transform (2 → 2 lines):\n          (only the final newline differs)',
    );
  });

  it('renders single-line strings and the forces-replacement note as before', () => {
    const out = text(
      planWith('replace', [
        { path: 'type', before: 'map_filter', after: 'enrich', forcesReplace: true },
        { ...change(CODE_V1, CODE_V2), forcesReplace: true },
      ]),
    );
    expect(out).toContain('      ~ type = "map_filter" -> "enrich"  # forces replacement\n');
    expect(out).toContain('      ~ implementation.value_transform (4 → 4 lines):  # forces replacement\n');
  });

  it('prints control characters and bidi overrides visibly, never raw', () => {
    const out = text(planWith('update', [change('a\nb\n', 'a\r\nb\u001b[2J\u202e\n')]));
    expect(out).toContain('+ a\\r');
    expect(out).toContain('+ b\\u001b[2J\\u202e');
    for (const raw of ['\r', '\u001b', '\u202e']) expect(out).not.toContain(raw);
  });

  it('colours changed lines, not context lines', () => {
    const out = renderPlanText(planWith('update', [change(CODE_V1, CODE_V2)]), { color: true });
    expect(out).toContain('\u001b[31m-   r.a = 1;\u001b[0m');
    expect(out).toContain('\u001b[32m+   r.a = 2;\u001b[0m');
    expect(out).toContain('          function f(r) {\n');
  });

  it('keeps sensitive changes masked', () => {
    const out = text(planWith('update', [{ path: 'config.password', sensitive: true }]));
    expect(out).toContain('~ config.password = (sensitive value changed)');
  });
});

describe('multi-line values in the Markdown plan', () => {
  it('puts a fenced diff block after the table instead of an escaped cell', () => {
    const md = renderPlanMarkdown(
      planWith('update', [{ path: 'config.x', before: 1, after: 2 }, change(CODE_V1, CODE_V2)]),
    );
    expect(md).toContain('| ~ | <code>config.x</code> | <code>1</code> | <code>2</code> |');
    expect(md).toContain(
      [
        '<code>~ implementation.value_transform</code> (4 → 4 lines)',
        '',
        '```diff',
        '  function f(r) {',
        '-   r.a = 1;',
        '+   r.a = 2;',
        '    return r;',
        '  }',
        '```',
      ].join('\n'),
    );
    expect(md).not.toContain('<code>"function');
  });

  it('uses a fence longer than any backtick run in the code', () => {
    const md = renderPlanMarkdown(planWith('create', [change(undefined, 'const s = `x`;\n```\n`````\n')]));
    expect(md).toContain('``````diff\n+ const s = `x`;\n+ ```\n+ `````\n``````\n');
  });

  it('cuts a long block, saying how many lines are left out', () => {
    const code = Array.from({ length: MAX_DIFF_BLOCK_LINES + 50 }, (_, i) => `line ${i}`).join('\n');
    const md = renderPlanMarkdown(planWith('create', [change(undefined, code)]));
    expect(md).toContain(`+ line ${MAX_DIFF_BLOCK_LINES - 1}\n… 50 more lines`);
    expect(md).not.toContain(`+ line ${MAX_DIFF_BLOCK_LINES}\n`);
  });

  it('drops diff blocks at the first shrink step that drops values', () => {
    const plan = planWith('update', [change(CODE_V1, CODE_V2)]);
    const full = renderPlanMarkdown(plan);
    expect(full).toContain('```diff');
    const shrunk = renderPlanMarkdown(plan, full.length - 1);
    expect(shrunk).not.toContain('```');
    expect(shrunk).not.toContain('r.a');
    expect(shrunk).toContain('- `~` implementation.value_transform');
  });
});

describe('the JSON plan', () => {
  it('keeps multi-line strings as JSON strings', () => {
    const json = JSON.parse(renderPlanJson(planWith('update', [change(CODE_V1, CODE_V2)]))) as {
      actions: { changes: FieldChange[] }[];
    };
    expect(json.actions[0]?.changes[0]).toEqual(change(CODE_V1, CODE_V2));
  });
});

describe('displayPath: the manifest spelling of model field names', () => {
  it('renames the head segment only, and leaves config keys and other paths alone', () => {
    expect(displayPath('snapshotNewTables')).toBe('snapshot_new_tables');
    expect(displayPath('topicAutoDiscovery')).toBe('topic_auto_discovery');
    expect(displayPath('extraConfig.my.key')).toBe('extra_config.my.key');
    expect(displayPath('transforms[mask].topics')).toBe('transforms[mask].topics');
    expect(displayPath('config.extraConfig')).toBe('config.extraConfig');
  });
});
