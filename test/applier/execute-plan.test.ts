import { describe, expect, it } from 'vitest';
import { executePlan, type ActionRunner } from '../../src/applier/execute-plan.js';
import { findCycle } from '../../src/applier/graph.js';
import { InternalError } from '../../src/errors/index.js';
import type { ActionType, Plan, PlanAction, ResourceKey, ResourceKind } from '../../src/model/index.js';

function action(id: ResourceKey, type: ActionType, dependsOn: ResourceKey[] = []): PlanAction {
  const [kind, name] = id.split('/') as [ResourceKind, string];
  return { id, kind, name, type, changes: [], dependsOn, destructive: false, protected: false };
}

function plan(actions: PlanAction[]): Plan {
  return {
    formatVersion: 2,
    namespace: 'team',
    managedKinds: ['source', 'destination', 'pipeline', 'tag'],
    actions,
    errors: [],
    warnings: [],
    summary: { create: 0, update: 0, replace: 0, delete: 0, noop: 0 },
    destructive: [],
    maxDeletes: 5,
  };
}

/** Lets every other runnable action take a step first: an order of events, not a duration. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Records the order of steps; a replace logs its delete then its create, as the real runner does. */
function fakeRunner(fail: readonly string[] = []): ActionRunner & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    async run(a) {
      await nextTurn();
      if (a.type === 'replace') {
        log.push(`delete ${a.id}`);
        await nextTurn();
        log.push(`create ${a.id}`);
      } else {
        log.push(`${a.type} ${a.id}`);
      }
      if (fail.includes(a.id)) throw new Error(`boom on ${a.id}`);
      return `id-of-${a.name}`;
    },
  };
}

const TAG: ResourceKey = 'tag/gitops:team';

interface Case {
  readonly name: string;
  readonly actions: PlanAction[];
  readonly fail?: string[];
  readonly failFast?: boolean;
  readonly parallelism?: number;
  /** Each pair [a, b]: step a is logged before step b. */
  readonly before: [string, string][];
  readonly statuses: Record<string, string>;
}

const cases: Case[] = [
  {
    name: 'source -> pipeline -> destination: the pipeline waits for both ends',
    actions: [
      action(TAG, 'create'),
      action('pipeline/p', 'create', ['source/s', 'destination/d', TAG]),
      action('source/s', 'create', [TAG]),
      action('destination/d', 'create', [TAG]),
    ],
    before: [
      ['create tag/gitops:team', 'create source/s'],
      ['create source/s', 'create pipeline/p'],
      ['create destination/d', 'create pipeline/p'],
    ],
    statuses: { 'pipeline/p': 'succeeded', 'source/s': 'succeeded', 'destination/d': 'succeeded' },
  },
  {
    name: 'source fails -> its pipeline skipped, the other pipeline still created',
    actions: [
      action('source/s1', 'create'),
      action('source/s2', 'create'),
      action('destination/d', 'create'),
      action('pipeline/p1', 'create', ['source/s1', 'destination/d']),
      action('pipeline/p2', 'create', ['source/s2', 'destination/d']),
    ],
    fail: ['source/s1'],
    before: [['create source/s2', 'create pipeline/p2']],
    statuses: {
      'source/s1': 'failed',
      'pipeline/p1': 'skipped',
      'pipeline/p2': 'succeeded',
      'destination/d': 'succeeded',
    },
  },
  {
    name: 'deletes run bottom-up: the pipeline before the source and destination it used',
    actions: [
      action('source/s', 'delete', ['pipeline/p']),
      action('destination/d', 'delete', ['pipeline/p']),
      action('pipeline/p', 'delete'),
    ],
    before: [
      ['delete pipeline/p', 'delete source/s'],
      ['delete pipeline/p', 'delete destination/d'],
    ],
    statuses: { 'pipeline/p': 'succeeded', 'source/s': 'succeeded', 'destination/d': 'succeeded' },
  },
  {
    name: 'a failed pipeline delete keeps its source and destination (skipped, not deleted)',
    actions: [
      action('pipeline/p', 'delete'),
      action('source/s', 'delete', ['pipeline/p']),
      action('destination/d', 'delete', ['pipeline/p']),
    ],
    fail: ['pipeline/p'],
    before: [],
    statuses: { 'pipeline/p': 'failed', 'source/s': 'skipped', 'destination/d': 'skipped' },
  },
  {
    name: 'replace of a destination used by a pipeline: delete, create, then repoint the pipeline',
    actions: [
      action('destination/d', 'replace'),
      action('pipeline/p', 'update', ['destination/d', 'source/s']),
      action('source/s', 'noop'),
    ],
    before: [
      ['delete destination/d', 'create destination/d'],
      ['create destination/d', 'update pipeline/p'],
    ],
    statuses: { 'destination/d': 'succeeded', 'pipeline/p': 'succeeded' },
  },
  {
    name: 'skips cascade through chains of dependents',
    actions: [
      action('tag/t', 'create'),
      action('source/s', 'create', ['tag/t']),
      action('pipeline/p', 'create', ['source/s']),
    ],
    fail: ['tag/t'],
    before: [],
    statuses: { 'tag/t': 'failed', 'source/s': 'skipped', 'pipeline/p': 'skipped' },
  },
  {
    name: 'fail-fast: nothing new starts after the first failure; dependents still count as skipped',
    actions: [
      action('source/a', 'create'),
      action('source/b', 'create'),
      action('source/c', 'create'),
      action('pipeline/p', 'create', ['source/a']),
    ],
    fail: ['source/a'],
    failFast: true,
    parallelism: 1,
    before: [],
    statuses: {
      'source/a': 'failed',
      'source/b': 'not_attempted',
      'source/c': 'not_attempted',
      'pipeline/p': 'skipped',
    },
  },
];

describe('executePlan ordering', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const runner = fakeRunner(c.fail);
      const report = await executePlan(plan(c.actions), runner, {
        parallelism: c.parallelism ?? 4,
        failFast: c.failFast ?? false,
      });
      for (const [a, b] of c.before) {
        expect(runner.log).toContain(a);
        expect(runner.log).toContain(b);
        expect(runner.log.indexOf(a), `${a} before ${b} in ${runner.log.join(', ')}`).toBeLessThan(
          runner.log.indexOf(b),
        );
      }
      const statuses = Object.fromEntries(report.results.map((r) => [r.id, r.status]));
      expect(statuses).toMatchObject(c.statuses);
      // Nothing skipped or not attempted was ever run.
      for (const r of report.results.filter((x) => x.status === 'skipped' || x.status === 'not_attempted')) {
        expect(runner.log.some((l) => l.endsWith(` ${r.id}`))).toBe(false);
      }
    });
  }

  it('reports the failed action with its error and the blocker of each skipped one', async () => {
    const report = await executePlan(
      plan([action('source/s', 'create'), action('pipeline/p', 'create', ['source/s'])]),
      fakeRunner(['source/s']),
      { parallelism: 2, failFast: false },
    );
    expect(report.results).toEqual([
      expect.objectContaining({ id: 'source/s', status: 'failed', error: { message: 'boom on source/s' } }),
      expect.objectContaining({ id: 'pipeline/p', status: 'skipped', blockedBy: 'source/s' }),
    ]);
    expect(report.summary).toEqual({ succeeded: 0, failed: 1, skipped: 1, notAttempted: 0, noop: 0 });
  });

  it('leaves noop actions out of the run and counts them', async () => {
    const runner = fakeRunner();
    const report = await executePlan(
      plan([action('source/s', 'noop'), action('pipeline/p', 'create', ['source/s'])]),
      runner,
      { parallelism: 1, failFast: false },
    );
    expect(runner.log).toEqual(['create pipeline/p']);
    expect(report.summary.noop).toBe(1);
    expect(report.results.map((r) => r.id)).toEqual(['pipeline/p']);
  });
});

describe('executePlan concurrency', () => {
  it('never runs more than `parallelism` actions at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const runner: ActionRunner = {
      async run() {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await nextTurn();
        inFlight--;
        return undefined;
      },
    };
    const actions = Array.from({ length: 20 }, (_, i) => action(`source/s${i}`, 'create'));
    const report = await executePlan(plan(actions), runner, { parallelism: 3, failFast: false });
    expect(peak).toBe(3);
    expect(report.summary.succeeded).toBe(20);
  });

  it('starts an action as soon as its own dependencies are done, not in waves', async () => {
    const started: string[] = [];
    let releaseSlow: () => void = () => undefined;
    const runner: ActionRunner = {
      run(a) {
        started.push(a.id);
        if (a.id === 'source/slow') return new Promise((r) => (releaseSlow = () => r(undefined)));
        if (a.id === 'pipeline/fast') queueMicrotask(() => releaseSlow());
        return Promise.resolve(undefined);
      },
    };
    await executePlan(
      plan([
        action('source/slow', 'create'),
        action('source/fast', 'create'),
        action('pipeline/fast', 'create', ['source/fast']),
      ]),
      runner,
      { parallelism: 4, failFast: false },
    );
    // The slow source was still running when the pipeline started (it is what released it).
    expect(started).toEqual(['source/slow', 'source/fast', 'pipeline/fast']);
  });

  it('emits start and end progress events numbered over the non-noop actions', async () => {
    const events: string[] = [];
    await executePlan(
      plan([
        action('source/s', 'create'),
        action('source/t', 'noop'),
        action('pipeline/p', 'create', ['source/s']),
      ]),
      fakeRunner(),
      {
        parallelism: 1,
        failFast: false,
        onProgress: (e) =>
          events.push(
            `${e.type} [${e.index}/${e.total}] ${e.action.id}${e.type === 'end' ? ` ${e.result.status}` : ''}`,
          ),
      },
    );
    expect(events).toEqual([
      'start [1/2] source/s',
      'end [1/2] source/s succeeded',
      'start [2/2] pipeline/p',
      'end [2/2] pipeline/p succeeded',
    ]);
  });
});

describe('cycles', () => {
  it('names a cycle as a -> b -> a', () => {
    expect(
      findCycle([action('source/a', 'create', ['source/b']), action('source/b', 'create', ['source/a'])]),
    ).toBe('source/a -> source/b -> source/a');
  });

  it('refuses to run a cyclic plan and runs nothing', async () => {
    const runner = fakeRunner();
    const cyclic = plan([
      action('source/a', 'create', ['pipeline/c']),
      action('destination/b', 'create', ['source/a']),
      action('pipeline/c', 'create', ['destination/b']),
    ]);
    const run = executePlan(cyclic, runner, { parallelism: 2, failFast: false });
    await expect(run).rejects.toThrow(InternalError);
    await expect(run).rejects.toThrow('source/a -> pipeline/c -> destination/b -> source/a');
    expect(runner.log).toEqual([]);
  });
});
