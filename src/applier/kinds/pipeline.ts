/**
 * Pipelines (api-notes §3.2, §6): the body names its source, destination and transforms by id,
 * resolved through the run's registry (live ids, or those of objects created earlier in this run).
 * `transforms` is flattened to one entry per topic, each with a `topic_id` that is never a pretty
 * name (api-notes §6.3); `topic_auto_discovery_transforms` and `snapshot_new_tables` are always sent.
 */
import type { LiveResource, PipelinePayload, PlanAction } from '../../model/index.js';
import type { RefName, RunContext } from '../run-context.js';
import {
  SW,
  idOf,
  isRecord,
  ownedLookup,
  stringList,
  tagIdsOf,
  type KindHealth,
  type KindWriter,
  type Repoint,
  type WriteInput,
} from './common.js';

/** A transform's topics and the parallel topic ids, as `GET /transforms/{id}` answers them. */
export interface TransformTopics {
  readonly topics: readonly string[];
  readonly topicIds: readonly string[];
}

/**
 * A pipeline as its body is built from: the plan's payload, or a live pipeline a replace repoints
 * (both have these fields).
 */
type PipelineModel = Pick<
  PipelinePayload,
  'name' | 'source' | 'destination' | 'transforms' | 'topicAutoDiscovery' | 'snapshotNewTables'
> & { readonly topics: readonly string[] };

/** `GET /transforms/{id}?unwind_topics=false`: the transform's topics and the parallel topic ids. */
function loadTransformTopics(ctx: RunContext, id: string): Promise<TransformTopics> {
  return ctx.readOnce(id, async (): Promise<TransformTopics> => {
    const res = await ctx.client.request('GET', `/transforms/${id}`, {
      query: { secret_returned: true, unwind_topics: false },
      absentOn: [404],
    });
    const item = isRecord(res) && Array.isArray(res['result']) ? res['result'][0] : res;
    if (!isRecord(item)) return { topics: [], topicIds: [] };
    return { topics: stringList(item['topics']) ?? [], topicIds: stringList(item['topic_ids']) ?? [] };
  });
}

/** api-notes §6.3: the transform's own topic id for a pretty topic, else the source's `source_<id>.<pretty>`. */
export function topicIdFor(pretty: string, sourceId: string, known: TransformTopics): string {
  const i = known.topics.indexOf(pretty);
  const own = i >= 0 ? known.topicIds[i] : undefined;
  return own !== undefined && own !== '' ? own : `source_${sourceId}.${pretty}`;
}

function liveTopics(live: LiveResource | undefined): string[] | undefined {
  return live?.kind === 'pipeline' ? [...(live.topics ?? [])] : undefined;
}

function resolveRef(ctx: RunContext, kind: Repoint['kind'], name: string, who: string, repoint?: Repoint) {
  if (repoint && repoint.kind === kind && repoint.liveName === name) {
    return repoint.code === undefined ? { id: repoint.id } : { id: repoint.id, code: repoint.code };
  }
  return ctx.lookup(kind, name, who);
}

/**
 * The api-notes §6.1 body from a pipeline in model form (the plan's desired object, or a live pipeline when
 * a replace repoints it). Tags: the model's names, or the live tag ids when it has none.
 */
export async function pipelineBody(
  model: PipelineModel,
  ctx: RunContext,
  who: string,
  tagIds: readonly string[],
  repoint?: Repoint,
): Promise<Record<string, unknown>> {
  const { source: sourceName, destination: destName, topics } = model;
  const source = resolveRef(ctx, 'source', sourceName, who, repoint);
  const dest = resolveRef(ctx, 'destination', destName, who, repoint);

  const transforms: Record<string, unknown>[] = [];
  for (const ref of model.transforms) {
    const tx = resolveRef(ctx, 'transform', ref.name, who, repoint);
    const known = await loadTransformTopics(ctx, tx.id);
    for (const topic of ref.topics) {
      transforms.push({
        id: tx.id,
        name: ref.name,
        start_time: null,
        topic,
        topic_id: topicIdFor(topic, source.id, known),
      });
    }
  }
  const discovery = model.topicAutoDiscovery.map((d) => ({
    transform_id: resolveRef(ctx, 'transform', d.transform, who, repoint).id,
    regex: d.regex,
  }));
  return {
    name: model.name,
    // NOTE: the backend default is unknown (api-notes §6.1): always send it; the model defaults it to true.
    snapshot_new_tables: model.snapshotNewTables,
    tags: [...tagIds],
    source: { id: source.id, name: sourceName, connector: source.code ?? '', topics: [...topics] },
    destination: { id: dest.id, name: destName, connector: dest.code ?? '' },
    transforms,
    topic_auto_discovery_transforms: discovery,
  };
}

function refsOf(desired: PipelinePayload): RefName[] {
  return [
    { kind: 'source', name: desired.source },
    { kind: 'destination', name: desired.destination },
    ...desired.transforms.map((t) => ({ kind: 'transform' as const, name: t.name })),
    ...desired.topicAutoDiscovery.map((t) => ({ kind: 'transform' as const, name: t.transform })),
  ];
}

function desiredBody(input: WriteInput<'pipeline'>, live?: LiveResource): Promise<Record<string, unknown>> {
  const { action, desired, ctx } = input;
  // NOTE: a payload without topics leaves the live ones as they are.
  const model = { ...desired, topics: desired.topics ?? liveTopics(live) ?? [] };
  return pipelineBody(model, ctx, action.id, tagIdsOf(input));
}

export const pipelineWriter: KindWriter<'pipeline'> = {
  async create(input) {
    const body = { ...(await desiredBody(input)), created_from: 'api' };
    const res = await input.ctx.client.request('POST', '/pipelines', {
      query: SW,
      body,
      // NOTE: only a namesake with our ownership tag counts as our lost create; a foreign one is
      // never adopted after a 409 (the provider once deleted a customer's pipeline that way, api-notes §3.2).
      lookupAfterFailure: ownedLookup(input.ctx, '/pipelines', input.action.name),
    });
    const id = idOf(res, 'POST /pipelines');
    input.ctx.remember('pipeline', input.action.name, { id });
    return id;
  },
  async update(input, live) {
    const body = await desiredBody(input, live);
    await input.ctx.client.request('PUT', `/pipelines/${live.live.id}`, { query: SW, body });
    input.ctx.remember('pipeline', input.action.name, { id: live.live.id });
    input.ctx.referencesWritten(live.live.id, refsOf(input.desired));
    return live.live.id;
  },
  async delete(_action: PlanAction, live: LiveResource, ctx: RunContext) {
    await ctx.client.request('DELETE', `/pipelines/${live.live.id}`, { query: SW, absentOn: [404] });
    ctx.forget('pipeline', live.name, live.live.id);
  },
  async repoint(user, target, ctx) {
    if (user.kind !== 'pipeline') return;
    const model = { ...user, topics: user.topics ?? [] };
    const body = await pipelineBody(model, ctx, `pipeline/${user.name}`, user.live.tagIds, target);
    await ctx.client.request('PUT', `/pipelines/${user.live.id}`, { query: SW, body });
  },
};

/** Pipeline health: `GET /pipelines/{id}/metrics` answers `{data: {status}}`. */
export const pipelineHealth: KindHealth = {
  path: '/pipelines',
  async metricsStatus(client, id) {
    const res = await client.request('GET', `/pipelines/${id}/metrics`, { query: { time_unit: 'minute' } });
    const data = isRecord(res) ? res['data'] : undefined;
    return isRecord(data) && typeof data['status'] === 'string' ? data['status'] : undefined;
  },
};
