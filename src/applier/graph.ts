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

export async function runGraph(
  nodes: readonly GraphNode[],
  run: (id: string) => Promise<void>,
  options: RunGraphOptions,
): Promise<Map<string, NodeOutcome>> {
  checkGraph(nodes);
  const parallelism = Math.max(1, Math.floor(options.parallelism));
  const ids = new Set(nodes.map((n) => n.id));
  const deps = new Map(nodes.map((n) => [n.id, n.dependsOn.filter((d) => ids.has(d) && d !== n.id)]));
  const outcomes = new Map<string, NodeOutcome>();
  const pending = nodes.map((n) => n.id);
  const running = new Set<string>();
  let stopped = false;

  const settle = (id: string, outcome: NodeOutcome): void => {
    outcomes.set(id, outcome);
    options.onEnd?.(id, outcome);
  };

  return new Promise((resolve) => {
    const pump = (): void => {
      // Skip what can never run; repeat until stable, as skips cascade down the graph.
      let changed = true;
      while (changed) {
        changed = false;
        for (let i = 0; i < pending.length; i++) {
          const id = pending[i] as string;
          const blocker = (deps.get(id) ?? []).find((d) => {
            const s = outcomes.get(d)?.status;
            return s === 'failed' || s === 'skipped' || s === 'not_attempted';
          });
          if (blocker === undefined) continue;
          pending.splice(i--, 1);
          const why = outcomes.get(blocker)?.status === 'not_attempted' ? 'not_attempted' : 'skipped';
          settle(id, { status: why, blockedBy: blocker });
          changed = true;
        }
      }
      if (stopped) {
        for (const id of pending.splice(0)) settle(id, { status: 'not_attempted' });
      }
      for (let i = 0; i < pending.length && running.size < parallelism; i++) {
        const id = pending[i] as string;
        const ready = (deps.get(id) ?? []).every((d) => outcomes.get(d)?.status === 'succeeded');
        if (!ready) continue;
        pending.splice(i--, 1);
        start(id);
      }
      if (running.size === 0 && pending.length === 0) resolve(outcomes);
    };

    const start = (id: string): void => {
      running.add(id);
      options.onStart?.(id);
      run(id).then(
        () => finish(id, { status: 'succeeded' }),
        (error: unknown) => {
          if (options.failFast) stopped = true;
          finish(id, { status: 'failed', error });
        },
      );
    };

    const finish = (id: string, outcome: NodeOutcome): void => {
      running.delete(id);
      settle(id, outcome);
      pump();
    };

    pump();
  });
}
