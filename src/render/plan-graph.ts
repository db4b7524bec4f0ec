/**
 * The changed pipelines of a plan as a Mermaid flowchart (GitHub draws it in comments): each
 * pipeline as source → its transforms → destination, the pipeline's name on the first edge, every
 * node marked and styled by what the plan does to it. Node ids are generated (`n0`, `n1`): a name is
 * only ever label text, entity-encoded, so it can never end a label or add a statement.
 */
import type { ActionType, Plan, PlanAction, ResourceKey } from '../model/index.js';
import { ACTION_MARKER } from './common.js';
import { printable } from './printable.js';

/** Most pipelines drawn; GitHub's renderer gives up on very large graphs (500 edges by default). */
export const MAX_GRAPH_PIPELINES = 40;

type NodeShape = 'source' | 'transform' | 'box';
type NodeClass = ActionType | 'more';

// NOTE: colours readable on GitHub's light and dark themes; the marker in the label says the same.
const CLASS_STYLES: Readonly<Record<NodeClass, string>> = {
  create: 'fill:#dafbe1,stroke:#1a7f37,color:#0b3d1a',
  update: 'fill:#fff8c5,stroke:#9a6700,color:#3b2300',
  replace: 'fill:#fbefff,stroke:#8250df,color:#2e1461,stroke-dasharray:5 3',
  delete: 'fill:#ffebe9,stroke:#cf222e,color:#5c0a10,stroke-dasharray:2 2',
  noop: 'fill:#f6f8fa,stroke:#8c959f,color:#24292f',
  more: 'fill:#ffffff,stroke:#8c959f,color:#57606a,stroke-dasharray:2 2',
};

const SAFE = /[A-Za-z0-9 _./:+~=-]/;

/**
 * Label text as Mermaid reads it between quotes: unsafe characters escaped by `printable` first (so a
 * control character shows as `\u001b`), then everything outside a small safe set as a decimal entity
 * (`"` → `#34;`), which Mermaid decodes for display only: no quote, bracket, pipe, `%%`, `<` or line
 * break reaches its parser.
 */
export function mermaidText(text: string): string {
  return [...printable(text)].map((ch) => (SAFE.test(ch) ? ch : `#${ch.codePointAt(0) ?? 0};`)).join('');
}

function shape(kind: NodeShape, label: string): string {
  const text = `"${mermaidText(label)}"`;
  if (kind === 'source') return `[(${text})]`;
  if (kind === 'transform') return `{{${text}}}`;
  return `[${text}]`;
}

interface Route {
  readonly pipeline: PlanAction;
  /** Source, transforms, destination; empty for a deleted pipeline (the plan has no route for it). */
  readonly path: readonly ResourceKey[];
}

function kindOf(id: ResourceKey): string {
  return id.slice(0, id.indexOf('/'));
}

/** A pipeline's route: from its payload, else (a noop carries none) from what it depends on. */
function routeOf(p: PlanAction): readonly ResourceKey[] {
  if (p.kind === 'pipeline' && p.desired !== undefined) {
    const d = p.desired;
    const key = (kind: string, name: string): ResourceKey => `${kind}/${name}` as ResourceKey;
    return [
      key('source', d.source),
      ...d.transforms.map((t) => key('transform', t.name)),
      key('destination', d.destination),
    ];
  }
  const of = (k: string): ResourceKey[] => p.dependsOn.filter((id) => kindOf(id) === k);
  return [...of('source'), ...of('transform'), ...of('destination')];
}

/** The pipelines that change, or whose source, transform or destination does, in plan order. */
function changedRoutes(plan: Plan): Route[] {
  const type = new Map(plan.actions.map((a) => [a.id, a.type]));
  const routes: Route[] = [];
  for (const a of plan.actions) {
    if (a.kind !== 'pipeline') continue;
    const path = a.type === 'delete' ? [] : routeOf(a);
    if (a.type !== 'noop' || path.some((id) => (type.get(id) ?? 'noop') !== 'noop'))
      routes.push({ pipeline: a, path });
  }
  return routes;
}

function label(text: string, t: ActionType): string {
  return t === 'noop' ? text : `${ACTION_MARKER[t]} ${text}`;
}

/** Collects nodes (once each, by resource id), edges (once each) and the class of every node. */
class GraphLines {
  private readonly ids = new Map<string, string>();
  private count = 0;
  readonly nodes: string[] = [];
  readonly edges = new Set<string>();
  readonly classes = new Map<NodeClass, string[]>();

  constructor(private readonly types: ReadonlyMap<string, ActionType>) {}

  node(key: string, kind: NodeShape, text = key): string {
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = `n${this.count++}`;
    this.ids.set(key, id);
    const t = this.types.get(key) ?? 'noop';
    this.add(id, shape(kind, label(text, t)), t);
    return id;
  }

  /** A node of its own for what the graph leaves out. */
  more(text: string): void {
    this.add(`n${this.count++}`, shape('box', text), 'more');
  }

  private add(id: string, body: string, cls: NodeClass): void {
    this.nodes.push(`  ${id}${body}`);
    this.classes.set(cls, [...(this.classes.get(cls) ?? []), id]);
  }

  route(pipeline: PlanAction, path: readonly ResourceKey[]): void {
    if (path.length < 2) {
      this.node(pipeline.id, 'box');
      return;
    }
    const shapes: Record<string, NodeShape> = { source: 'source', transform: 'transform' };
    const chain = path.map((id) => this.node(id, shapes[kindOf(id)] ?? 'box'));
    const name = mermaidText(label(pipeline.name, pipeline.type));
    chain.slice(1).forEach((to, i) => {
      this.edges.add(`  ${chain[i]} -->${i === 0 ? `|"${name}"|` : ''} ${to}`);
    });
  }
}

/** The lines of a ```mermaid block and a blank line; none when no pipeline changes. */
export function renderPipelineGraph(plan: Plan): string[] {
  const routes = changedRoutes(plan);
  if (routes.length === 0) return [];
  const g = new GraphLines(new Map(plan.actions.map((a) => [a.id as string, a.type])));
  for (const { pipeline, path } of routes.slice(0, MAX_GRAPH_PIPELINES)) g.route(pipeline, path);
  const left = routes.length - MAX_GRAPH_PIPELINES;
  if (left > 0) g.more(`… and ${left} more changed pipelines not drawn`);
  const used = [...g.classes.keys()];
  return [
    '```mermaid',
    'flowchart LR',
    ...g.nodes,
    ...g.edges,
    ...used.map((c) => `  classDef ${c} ${CLASS_STYLES[c]}`),
    ...used.map((c) => `  class ${(g.classes.get(c) ?? []).join(',')} ${c}`),
    '```',
    '',
  ];
}
