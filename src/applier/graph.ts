/**
 * Runs a dependency graph with bounded concurrency. Not in waves: a node starts as soon as every
 * node it depends on has succeeded and a slot is free. A failure never stops independent branches;
 * its dependents (transitively) are skipped without being attempted. With failFast, the first
 * failure stops new starts and everything not yet started is reported as not attempted.
 * Pure of HTTP: the caller passes `run`, so ordering is tested with a fake runner.
 */
import { InternalError } from '../errors/index.js';

export interface GraphNode {
  readonly id: string;
  /** Ids that must succeed first. Ids that are not nodes of this graph count as satisfied. */
  readonly dependsOn: readonly string[];
}

export type NodeStatus = 'succeeded' | 'failed' | 'skipped' | 'not_attempted';

export interface NodeOutcome {
  readonly status: NodeStatus;
  readonly error?: unknown;
  /** For skipped nodes: the failed or skipped dependency that blocked it. */
  readonly blockedBy?: string;
}

export interface GraphEvents {
  onStart?(id: string): void;
  onEnd?(id: string, outcome: NodeOutcome): void;
}

export interface RunGraphOptions extends GraphEvents {
  readonly parallelism: number;
  readonly failFast: boolean;
}

/** Finds one cycle and names it `a -> b -> a`; undefined when the graph is acyclic. */
export function findCycle(nodes: readonly GraphNode[]): string | undefined {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string | undefined => {
    const seen = state.get(id);
    if (seen === 'done') return undefined;
    if (seen === 'visiting') return [...stack.slice(stack.indexOf(id)), id].join(' -> ');
    state.set(id, 'visiting');
    stack.push(id);
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      if (!byId.has(dep)) continue;
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const n of nodes) {
    const cycle = visit(n.id);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Throws InternalError for duplicate ids or a cycle: the plan itself is broken. */
export function checkGraph(nodes: readonly GraphNode[]): void {
  const ids = new Set<string>();
  for (const n of nodes) {
    if (ids.has(n.id)) throw new InternalError(`the plan lists action ${n.id} twice`);
    ids.add(n.id);
  }
  const cycle = findCycle(nodes);
  if (cycle) {
    throw new InternalError(`the plan has a dependency cycle: ${cycle}`, {
      hint: 'nothing was applied; re-run plan, and report this if it persists',
    });
  }
}

interface Index {
  /** In-graph dependencies not yet succeeded, per node. */
  readonly waiting: Map<string, number>;
  readonly dependents: Map<string, string[]>;
}

function indexGraph(nodes: readonly GraphNode[]): Index {
  const ids = new Set(nodes.map((n) => n.id));
  const waiting = new Map<string, number>();
  const dependents = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const n of nodes) {
    const deps = [...new Set(n.dependsOn)].filter((d) => ids.has(d) && d !== n.id);
    waiting.set(n.id, deps.length);
    for (const d of deps) dependents.get(d)?.push(n.id);
  }
  return { waiting, dependents };
}

/**
 * Walks the graph: O(nodes + edges) overall (a ready queue and per-node counts of unfinished
 * dependencies), so a plan of thousands of actions schedules in microseconds per action.
 */
export async function runGraph(
  nodes: readonly GraphNode[],
  run: (id: string) => Promise<void>,
  options: RunGraphOptions,
): Promise<Map<string, NodeOutcome>> {
  checkGraph(nodes);
  const parallelism = Math.max(1, Math.floor(options.parallelism));
  const { waiting, dependents } = indexGraph(nodes);
  const outcomes = new Map<string, NodeOutcome>();
  // Ready nodes in plan order first; later ones in the order they became ready.
  const ready: string[] = nodes.filter((n) => waiting.get(n.id) === 0).map((n) => n.id);
  let head = 0;
  let running = 0;
  let stopped = false;

  const settle = (id: string, outcome: NodeOutcome): void => {
    outcomes.set(id, outcome);
    options.onEnd?.(id, outcome);
  };

  /** Everything downstream of a node that did not succeed is skipped, never attempted. */
  const skipDependents = (id: string): void => {
    const stack = [id];
    while (stack.length > 0) {
      const blocker = stack.pop() as string;
      for (const dep of dependents.get(blocker) ?? []) {
        if (outcomes.has(dep)) continue;
        settle(dep, { status: 'skipped', blockedBy: blocker });
        stack.push(dep);
      }
    }
  };

  return new Promise((resolve) => {
    const pump = (): void => {
      if (stopped) {
        for (const n of nodes)
          if (!outcomes.has(n.id) && !started.has(n.id)) settle(n.id, { status: 'not_attempted' });
        head = ready.length;
      }
      while (running < parallelism && head < ready.length) {
        const id = ready[head++] as string;
        if (!outcomes.has(id)) start(id);
      }
      if (running === 0 && (head >= ready.length || stopped)) resolve(outcomes);
    };

    const started = new Set<string>();
    const start = (id: string): void => {
      running++;
      started.add(id);
      options.onStart?.(id);
      run(id).then(
        () => {
          running--;
          settle(id, { status: 'succeeded' });
          for (const dep of dependents.get(id) ?? []) {
            const left = (waiting.get(dep) ?? 1) - 1;
            waiting.set(dep, left);
            if (left === 0 && !outcomes.has(dep)) ready.push(dep);
          }
          pump();
        },
        (error: unknown) => {
          running--;
          settle(id, { status: 'failed', error });
          skipDependents(id);
          if (options.failFast) stopped = true;
          pump();
        },
      );
    };

    pump();
  });
}
