/**
 * Two replaces through the temporary name that share a pipeline (its source and its destination
 * both replaced) must not interleave: each repoints the pipeline with a body naming the other
 * object, so a body built before the other replace created its object, and processed after it,
 * points the pipeline back at an object that is about to be deleted.
 */
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/applier/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import type { LiveResource, PlanAction, ResourceKey } from '../../src/model/index.js';
import { liveMeta, liveState, planOf, recordingClient, tag } from './fake-client.js';

function act(id: ResourceKey, desired: Record<string, unknown>, extra: Partial<PlanAction>): PlanAction {
  const [kind, name] = id.split('/') as [PlanAction['kind'], string];
  return {
    id,
    kind,
    name,
    type: 'replace',
    changes: [],
    dependsOn: [],
    destructive: false,
    protected: false,
    desired: desired as unknown as NonNullable<PlanAction['desired']>,
    ...extra,
  } as PlanAction;
}

const common = { config: {}, extraConfig: {}, tags: ['gitops:team'], protected: false, previousNames: [] };
const OLD_SRC = 'ffffffffffffffffffffff01';
const OLD_DEST = 'ffffffffffffffffffffff02';
const NEW_SRC = 'eeeeeeeeeeeeeeeeeeeeee01';
const NEW_DEST = 'eeeeeeeeeeeeeeeeeeeeee02';

/**
 * Resolves once a full turn of the event loop has passed without a new request: everything that
 * could run beside the held calls has run by then. The fake client does no I/O, so this orders
 * events without measuring time, and holds the same on a loaded machine.
 */
async function quiescent(calls: readonly unknown[]): Promise<void> {
  for (let seen = -1; seen !== calls.length;) {
    seen = calls.length;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Slow requests without timers: each call to `slow()` is held, and the held calls are answered one
 * at a time, oldest first, each once nothing else can happen any more.
 */
function slowServer(calls: () => readonly unknown[]): () => Promise<void> {
  const held: (() => void)[] = [];
  let draining = false;
  const drain = async (): Promise<void> => {
    draining = true;
    while (held.length > 0) {
      await quiescent(calls());
      held.shift()?.();
    }
    draining = false;
  };
  return () =>
    new Promise<void>((resolve) => {
      held.push(resolve);
      if (!draining) void drain();
    });
}

describe('replaces sharing a pipeline', () => {
  it('the pipeline never points at an object when it is deleted, and ends on both new objects', async () => {
    const src = { kind: 'source', name: 's', connector: 'postgresql', ...common, live: liveMeta(OLD_SRC) };
    const dest = {
      kind: 'destination',
      name: 'd',
      connector: 'snowflake',
      ...common,
      live: liveMeta(OLD_DEST),
    };
    const pipe: LiveResource = {
      kind: 'pipeline',
      name: 'p',
      source: 's',
      destination: 'd',
      topics: ['public.a'],
      transforms: [],
      topicAutoDiscovery: [],
      snapshotNewTables: true,
      // The namespace's own pipeline: a replace never repoints another's.
      tags: ['gitops:team'],
      protected: false,
      previousNames: [],
      live: liveMeta('ffffffffffffffffffffff03'),
    };
    // The server's view of the pipeline. Creating the destination and the first repoint are slow:
    // run at once, the source's repoint is built before the new destination exists, and it lands
    // after the destination's repoint and delete, pointing the pipeline back at the deleted object.
    let server = { source: OLD_SRC, destination: OLD_DEST };
    const pointedAtWhenDeleted: string[] = [];
    let firstPut = true;
    const slow = slowServer(() => client.calls);
    const client = recordingClient({
      'POST /sources': () => ({ id: NEW_SRC }),
      'POST /destinations': async () => {
        await slow();
        return { id: NEW_DEST };
      },
      'PUT /pipelines/': async (call) => {
        const body = call.body as { source: { id: string }; destination: { id: string } };
        if (firstPut) {
          firstPut = false;
          await slow();
        }
        server = { source: body.source.id, destination: body.destination.id };
        return { id: pipe.live.id };
      },
      'DELETE /sources/': (call) => {
        if (server.source === call.path.split('/')[2]) pointedAtWhenDeleted.push(call.path);
        return {};
      },
      'DELETE /destinations/': (call) => {
        if (server.destination === call.path.split('/')[2]) pointedAtWhenDeleted.push(call.path);
        return {};
      },
    });
    const report = await applyPlan(
      planOf([
        act('source/s', { name: 's', connector: 'mysql', ...common }, { liveId: OLD_SRC }),
        act('destination/d', { name: 'd', connector: 'clickhouse', ...common }, { liveId: OLD_DEST }),
      ]),
      {
        client,
        live: liveState([src, dest, pipe] as LiveResource[], [
          tag('aaaaaaaaaaaaaaaaaaaaaa01', 'gitops:team'),
        ]),
        env: {},
        logger: silentLogger(),
        parallelism: 4,
        failFast: false,
        planKey: 'k',
      },
    );
    expect(report.summary.failed).toBe(0);
    expect(pointedAtWhenDeleted).toEqual([]);
    expect(server).toEqual({ source: NEW_SRC, destination: NEW_DEST });
  });
});
