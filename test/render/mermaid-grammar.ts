/**
 * A strict grammar of the Mermaid flowchart lines the plan renderer emits (the subset it uses:
 * `flowchart LR`, three node shapes with quoted labels, arrows with an optional quoted label,
 * classDef and class), plus the checks a parser would make: every id defined once, every edge and
 * class statement naming defined nodes and classes. A label may hold only a small safe set of
 * characters and decimal entities (`#34;`): nothing that could end it or start a statement or a
 * comment. (Mermaid itself needs a DOM to load, so it cannot check these lines in a unit test.)
 */

const LABEL = /^(?:[A-Za-z0-9 _./:+~=-]|#\d+;)*$/;
const NODE = /^ {2}(n\d+)(?:\[\("([^"]*)"\)\]|\{\{"([^"]*)"\}\}|\["([^"]*)"\])$/;
const EDGE = /^ {2}(n\d+) -->(?:\|"([^"]*)"\|)? (n\d+)$/;
const CLASS_DEF = /^ {2}classDef ([a-z]+) ([a-z-]+:[#\w. ]+(?:,[a-z-]+:[#\w. ]+)*)$/;
const CLASS = /^ {2}class (n\d+(?:,n\d+)*) ([a-z]+)$/;

/** The lines inside the first ```mermaid block of a Markdown text; undefined when there is none. */
export function mermaidBlock(markdown: string): string[] | undefined {
  const lines = markdown.split('\n');
  const start = lines.indexOf('```mermaid');
  if (start < 0) return undefined;
  const end = lines.indexOf('```', start + 1);
  return end < 0 ? undefined : lines.slice(start + 1, end);
}

const ENTITY = /#(\d+);/g;

/** The text of every node label, then of every edge label, as Mermaid shows it (entities decoded). */
export function labels(block: readonly string[]): string[] {
  const decode = (l: string): string =>
    l.replace(ENTITY, (_m, code: string) => String.fromCodePoint(Number(code)));
  const nodes: string[] = [];
  const edges: string[] = [];
  for (const line of block) {
    const node = NODE.exec(line);
    const edge = EDGE.exec(line);
    if (node) nodes.push(decode(node.slice(2).find((l) => l !== undefined) ?? ''));
    else if (edge?.[2] !== undefined) edges.push(decode(edge[2]));
  }
  return [...nodes, ...edges];
}

/** What is wrong with the lines of a ```mermaid block (without its fences); empty when valid. */
export function mermaidProblems(block: readonly string[]): string[] {
  const problems: string[] = [];
  const nodes = new Set<string>();
  const defs = new Set<string>();
  const classed = new Map<string, string>();
  const uses: { line: string; ids: string[]; cls?: string }[] = [];
  if (block[0] !== 'flowchart LR') problems.push(`first line is not "flowchart LR": ${block[0]}`);
  for (const line of block.slice(1)) {
    const node = NODE.exec(line);
    const edge = EDGE.exec(line);
    const def = CLASS_DEF.exec(line);
    const cls = CLASS.exec(line);
    if (node) {
      const [, id, ...labels] = node;
      if (nodes.has(id ?? '')) problems.push(`node ${id} defined twice`);
      nodes.add(id ?? '');
      const label = labels.find((l) => l !== undefined) ?? '';
      if (!LABEL.test(label)) problems.push(`unescaped label: ${line}`);
    } else if (edge) {
      if (edge[2] !== undefined && !LABEL.test(edge[2])) problems.push(`unescaped edge label: ${line}`);
      uses.push({ line, ids: [edge[1] ?? '', edge[3] ?? ''] });
    } else if (def) {
      defs.add(def[1] ?? '');
    } else if (cls) {
      const ids = (cls[1] ?? '').split(',');
      uses.push({ line, ids, cls: cls[2] ?? '' });
      for (const id of ids) {
        if (classed.has(id)) problems.push(`node ${id} in two classes`);
        classed.set(id, cls[2] ?? '');
      }
    } else problems.push(`not a statement of the grammar: ${JSON.stringify(line)}`);
  }
  for (const u of uses) {
    for (const id of u.ids) if (!nodes.has(id)) problems.push(`undefined node ${id}: ${u.line}`);
    if (u.cls !== undefined && !defs.has(u.cls)) problems.push(`undefined class ${u.cls}: ${u.line}`);
  }
  for (const id of nodes) if (!classed.has(id)) problems.push(`node ${id} has no class`);
  return problems;
}
