/**
 * Import cycles among the TypeScript files under a directory. Every relative import counts:
 * static, `import type`, `export ... from` and dynamic `import()`, since each ties one module to
 * another. Imports are read with TypeScript's own pre-processor, so comments and strings are not
 * mistaken for them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/** Module path (relative to the root, `/`-separated) → the modules it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** `./x.js` from `dir/a.ts` → `dir/x.ts` (or `dir/x/index.ts`), when that file is in the graph. */
function resolve(from: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.posix.join(path.posix.dirname(from), specifier).replace(/\.js$/, '');
  return [`${base}.ts`, `${base}/index.ts`].find((f) => known.has(f));
}

export function importGraph(root: string): ImportGraph {
  const files = tsFiles(root).map((f) => path.relative(root, f).split(path.sep).join('/'));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files.sort()) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const imported = ts.preProcessFile(text, true, true).importedFiles;
    const targets = imported.flatMap((i) => resolve(file, i.fileName, known) ?? []);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with a cycle (Tarjan), each sorted; sorted by their first module. */
function cyclicComponents(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) as number);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found.sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));
}

/** A shortest import path from `start` back to itself, inside its component: `a → b → a`. */
function shortestCycle(graph: ImportGraph, start: string, within: ReadonlySet<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i] as string;
    for (const w of graph.get(v) ?? []) {
      if (w === start) {
        const cycle = [start];
        for (let u: string | undefined = v; u !== undefined && u !== start; u = previous.get(u))
          cycle.splice(1, 0, u);
        return [...cycle, start];
      }
      if (within.has(w) && !previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/** One line per cycle: a shortest import path around it, and the other modules caught in it. */
export function findImportCycles(graph: ImportGraph): string[] {
  return cyclicComponents(graph).map((component) => {
    const start = component[0] as string;
    const cycle = shortestCycle(graph, start, new Set(component));
    const others = component.filter((m) => !cycle.includes(m));
    return `${cycle.join(' → ')}${others.length > 0 ? ` (also: ${others.join(', ')})` : ''}`;
  });
}
