import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model/index.js';
import { buildPlan } from '../../src/planner/index.js';
import { renderPlanMarkdown } from '../../src/render/index.js';
import { MAX_GRAPH_PIPELINES, mermaidText } from '../../src/render/plan-graph.js';
import { printable } from '../../src/render/printable.js';
import {
  desiredState,
  destination,
  HMAC_KEY,
  liveState,
  pgSource,
  pipeline,
  serverEcho,
  snowflakeDest,
  source,
  transform,
} from '../planner/fixtures.js';
import { SCENARIOS } from '../planner/scenarios.js';
import { SHOWCASE_SCENARIO } from '../planner/showcase-scenario.js';
import { labels, mermaidBlock, mermaidProblems } from './mermaid-grammar.js';

const showcase = buildPlan(SHOWCASE_SCENARIO.desired, SHOWCASE_SCENARIO.live, SHOWCASE_SCENARIO.options);

/** The graph of a plan, checked against the grammar; undefined when the plan draws none. */
function graph(plan: Plan): string[] | undefined {
  const block = mermaidBlock(renderPlanMarkdown(plan));
  if (block !== undefined) expect(mermaidProblems(block)).toEqual([]);
  return block;
}

describe('the pipeline graph', () => {
  it('draws source → transforms → destination, the pipeline on the first edge, styled by action', () => {
    const block = graph(showcase);
    expect(block).toEqual([
      'flowchart LR',
      '  n0[("~ source/orders-db")]',
      '  n1{{"+ transform/mask-emails"}}',
      '  n2["destination/warehouse"]',
      '  n3["+ destination/analytics"]',
      '  n4["- pipeline/orders-to-lake"]',
      '  n0 -->|"~ orders-to-warehouse"| n1',
      '  n1 --> n2',
      '  n0 -->|"+ refunds-to-analytics"| n3',
      '  classDef update fill:#fff8c5,stroke:#9a6700,color:#3b2300',
      '  classDef create fill:#dafbe1,stroke:#1a7f37,color:#0b3d1a',
      '  classDef noop fill:#f6f8fa,stroke:#8c959f,color:#24292f',
      '  classDef delete fill:#ffebe9,stroke:#cf222e,color:#5c0a10,stroke-dasharray:2 2',
      '  class n0 update',
      '  class n1,n3 create',
      '  class n2 noop',
      '  class n4 delete',
    ]);
  });

  it('is valid in every golden scenario that draws one, and absent when no pipeline changes', () => {
    const drawn = SCENARIOS.filter((s) => graph(buildPlan(s.desired, s.live, s.options)) !== undefined);
    expect(drawn.map((s) => s.name)).toEqual([
      'empty-to-full-create',
      'rename-previous-names', // an unchanged pipeline whose source changes
      'replace-destination-used-by-pipeline',
      'delete-owned',
      'showcase',
    ]);
  });

  it('draws a shared node and a shared edge once; a replaced node has its own class', () => {
    const desired = desiredState([
      pgSource(),
      snowflakeDest({}, { snowflake_schema_name: 'CDC2' }),
      source('billing-db', 'mysql', { database_hostname: 'b' }),
      transform('t', 'map_filter', {}),
      pipeline('a', 'orders-db', 'warehouse', { transforms: [{ name: 't', topics: [] }] }),
      pipeline('b', 'billing-db', 'warehouse', { transforms: [{ name: 't', topics: [] }] }),
    ]);
    const live = liveState([
      serverEcho(pgSource(), { id: 1 }),
      serverEcho(destination('warehouse', 'clickhouse', { hostname: 'h' }), { id: 2 }),
    ]);
    const block = graph(buildPlan(desired, live, { hmacKey: HMAC_KEY })) ?? [];
    expect(block.filter((l) => l === '  n1 --> n2')).toHaveLength(1); // t → warehouse, used by a and b
    expect(block.filter((l) => l.includes('transform/t'))).toHaveLength(1);
    expect(block).toContain('  n2["-/+ destination/warehouse"]');
    expect(block).toContain('  class n2 replace');
  });

  it(`draws at most ${MAX_GRAPH_PIPELINES} pipelines and says how many more`, () => {
    const n = MAX_GRAPH_PIPELINES + 3;
    const names = Array.from({ length: n }, (_, i) => `p${i}`);
    const desired = desiredState([
      pgSource(),
      snowflakeDest(),
      ...names.map((p) => pipeline(p, 'orders-db', 'warehouse')),
    ]);
    const block = graph(buildPlan(desired, liveState([]), { hmacKey: HMAC_KEY })) ?? [];
    expect(block.filter((l) => l.includes(' -->'))).toHaveLength(MAX_GRAPH_PIPELINES);
    expect(block).toContain('  n2["#8230; and 3 more changed pipelines not drawn"]');
    expect(block).toContain('  class n2 more');
  });

  it('goes first when the comment must shrink, before the unchanged list', () => {
    const full = renderPlanMarkdown(showcase);
    const shrunk = renderPlanMarkdown(showcase, full.length - 1);
    expect(shrunk).not.toContain('```mermaid');
    expect(shrunk).toContain('<summary>3 unchanged</summary>');
    expect(shrunk).toContain('<code>+ "public.refunds"</code>');
  });
});

describe('the graph with hostile names', () => {
  // Names come from manifests and from the API (a live object anyone could have named).
  const names = [
    'a"] --> x["b',
    'x\n  click n0 call alert()',
    'x\r\n  class n0 delete',
    '%%{init: {"theme": "dark"}}%%',
    '<img src=x onerror=alert(1)>',
    'a|b',
    'end',
    '#34;already-an-entity',
    'x\\ny',
    '`md string`',
    'esc\u001b[2Jbidi\u202e',
    '😀 ünïcode',
  ];

  function hostilePlan(name: string): Plan {
    const desired = desiredState([
      source(name, 'postgresql', { database_hostname: 'h' }),
      snowflakeDest(),
      pipeline(name, name, 'warehouse'),
    ]);
    const gone = pipeline(`${name}-old`, name, 'warehouse');
    const live = liveState([serverEcho(snowflakeDest(), { id: 2 }), serverEcho(gone, { id: 3 })]);
    return buildPlan(desired, live, { hmacKey: HMAC_KEY });
  }

  it.each(names)('%j stays inside its label and reads as printable shows it', (name) => {
    const block = graph(hostilePlan(name)) ?? [];
    expect(labels(block)).toEqual([
      `+ source/${printable(name)}`,
      'destination/warehouse',
      `- pipeline/${printable(name)}-old`,
      `+ ${printable(name)}`,
    ]);
  });

  it('encodes everything outside a small safe set as a decimal entity', () => {
    expect(mermaidText('orders-db.v2/x:y =+~_')).toBe('orders-db.v2/x:y =+~_');
    expect(mermaidText('a"b<c>%;#')).toBe('a#34;b#60;c#62;#37;#59;#35;');
    expect(mermaidText('\n\u001b')).toBe('#92;n#92;u001b');
    expect(mermaidText('😀')).toBe('#128512;');
  });
});

describe('the grammar check itself', () => {
  const ok = [
    'flowchart LR',
    '  n0["a"]',
    '  n1["b"]',
    '  n0 --> n1',
    '  classDef c fill:#fff',
    '  class n0,n1 c',
  ];

  it('accepts a well-formed graph', () => {
    expect(mermaidProblems(ok)).toEqual([]);
  });

  it.each([
    ['an unquoted label', '  n2[a]'],
    ['a raw quote in a label', '  n2["a"b"]'],
    ['a second statement on a line', '  n2["a"] --> n3["b"]'],
    ['a comment', '  %% x'],
    ['a raw %% in a label', '  n2["a%%b"]'],
    ['a raw < in a label', '  n2["<b>"]'],
    ['an edge to an undefined node', '  n0 --> n9'],
    ['a class that is not defined', '  class n0 other'],
    ['a click handler', '  click n0 call alert()'],
    ['a node defined twice', '  n0["again"]'],
  ])('rejects %s', (_what, line) => {
    expect(mermaidProblems([...ok, line])).not.toEqual([]);
  });

  it('rejects a node without a class and a wrong first line', () => {
    expect(mermaidProblems([...ok.slice(0, 5), '  class n0 c'])).not.toEqual([]);
    expect(mermaidProblems(['graph TD', ...ok.slice(1)])).not.toEqual([]);
  });
});
