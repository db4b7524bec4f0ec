import {
  shape,
  type FieldChange,
  type JsonValue,
  type LiveResource,
  type PipelinePayload,
  type PipelineResource,
  type Shape,
  type TopicAutoDiscovery,
} from '../../model/index.js';
import { sortedUnique } from '../canonical.js';
import { currentName, type DiffContext } from '../context.js';
import { prettyTopics } from '../rules/pipeline-topics.js';
import { sameSet } from '../rules/sets.js';
import { effectiveTags } from '../rules/tags.js';
import { byPath, createTagChange, tagChange, type KindDiff } from './common.js';
import type { ResourcePlan } from './types.js';

type TransformTopics = Map<string, string[]>;

function liveTransformTopics(
  live: PipelineResource,
  ctx: DiffContext,
  sourceId: string | undefined,
): TransformTopics {
  const map: TransformTopics = new Map();
  for (const t of live.transforms) {
    const name = currentName(ctx, 'transform', t.name);
    map.set(name, sortedUnique([...(map.get(name) ?? []), ...prettyTopics(t.topics, sourceId)]));
  }
  return map;
}

/** Rule 6: pipeline transforms keyed by name, each one's topics compared as a set. */
function transformChanges(
  desired: PipelineResource,
  live: PipelineResource,
  ctx: DiffContext,
  sourceId: string | undefined,
): FieldChange[] {
  const d: TransformTopics = new Map(desired.transforms.map((t) => [t.name, sortedUnique(t.topics)]));
  const l = liveTransformTopics(live, ctx, sourceId);
  const changes: FieldChange[] = [];
  for (const name of sortedUnique([...d.keys(), ...l.keys()])) {
    const dt = d.get(name);
    const lt = l.get(name);
    const path = `transforms[${name}]`;
    if (dt && !lt) changes.push({ path, after: { topics: dt } });
    else if (!dt && lt) changes.push({ path, before: { topics: lt } });
    else if (dt && lt && !sameSet(dt, lt)) changes.push({ path: `${path}.topics`, before: lt, after: dt });
  }
  return changes;
}

function discoveryKey(t: TopicAutoDiscovery): string {
  return JSON.stringify([t.transform, t.regex]);
}

function sortedDiscovery(list: readonly TopicAutoDiscovery[]): { transform: string; regex: string }[] {
  return [...list]
    .sort((a, b) => (discoveryKey(a) < discoveryKey(b) ? -1 : 1))
    .map((t) => ({ transform: t.transform, regex: t.regex }));
}

function discoveryValue(list: readonly TopicAutoDiscovery[]): JsonValue {
  return sortedDiscovery(list);
}

function discoveryChange(
  desired: PipelineResource,
  live: PipelineResource,
  ctx: DiffContext,
): FieldChange | undefined {
  const liveList = live.topicAutoDiscovery.map((t) => ({
    transform: currentName(ctx, 'transform', t.transform),
    regex: t.regex,
  }));
  if (sameSet(desired.topicAutoDiscovery.map(discoveryKey), liveList.map(discoveryKey))) return undefined;
  return {
    path: 'topicAutoDiscovery',
    before: discoveryValue(liveList),
    after: discoveryValue(desired.topicAutoDiscovery),
  };
}

function referenceChanges(
  desired: PipelineResource,
  live: PipelineResource,
  ctx: DiffContext,
): FieldChange[] {
  const changes: FieldChange[] = [];
  const liveSource = currentName(ctx, 'source', live.source);
  if (liveSource !== desired.source)
    changes.push({ path: 'source', before: liveSource, after: desired.source });
  const liveDest = currentName(ctx, 'destination', live.destination);
  if (liveDest !== desired.destination)
    changes.push({ path: 'destination', before: liveDest, after: desired.destination });
  return changes;
}

/** Pipelines: references (through renames), topics (rule 12), transforms, auto-discovery, tags. */
export function diffPipeline(
  desired: PipelineResource,
  live: LiveResource & PipelineResource,
  ctx: DiffContext,
): KindDiff {
  const sourceId = ctx.liveIdOf('source', live.source);
  const changes = referenceChanges(desired, live, ctx);
  if (desired.topics !== undefined) {
    const before = prettyTopics(live.topics, sourceId);
    const after = sortedUnique(desired.topics);
    if (!sameSet(before, after)) changes.push({ path: 'topics', before, after });
  }
  changes.push(...transformChanges(desired, live, ctx, sourceId));
  const discovery = discoveryChange(desired, live, ctx);
  if (discovery) changes.push(discovery);
  if (live.snapshotNewTables !== desired.snapshotNewTables) {
    const before = live.snapshotNewTables;
    changes.push({ path: 'snapshotNewTables', before, after: desired.snapshotNewTables });
  }
  const tags = tagChange(desired, live, ctx);
  if (tags) changes.push(tags);
  return { changes: changes.sort(byPath) };
}

export function createPipelineChanges(desired: PipelineResource, ctx: DiffContext): FieldChange[] {
  const changes: FieldChange[] = [
    { path: 'source', after: desired.source },
    { path: 'destination', after: desired.destination },
    { path: 'snapshotNewTables', after: desired.snapshotNewTables },
  ];
  if (desired.topics !== undefined) changes.push({ path: 'topics', after: sortedUnique(desired.topics) });
  for (const t of [...desired.transforms].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    changes.push({ path: `transforms[${t.name}]`, after: { topics: sortedUnique(t.topics) } });
  }
  if (desired.topicAutoDiscovery.length > 0)
    changes.push({ path: 'topicAutoDiscovery', after: discoveryValue(desired.topicAutoDiscovery) });
  changes.push(createTagChange(desired, ctx));
  return changes.sort(byPath);
}

export function pipelinePlanJson(
  desired: PipelineResource,
  liveTags: readonly string[] | undefined,
  ctx: DiffContext,
): PipelinePayload {
  const payload: PipelinePayload = {
    name: desired.name,
    source: desired.source,
    destination: desired.destination,
    transforms: [...desired.transforms]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((t) => ({ name: t.name, topics: sortedUnique(t.topics) })),
    topicAutoDiscovery: sortedDiscovery(desired.topicAutoDiscovery),
    snapshotNewTables: desired.snapshotNewTables,
    tags: effectiveTags(desired.tags, liveTags, ctx.namespace, desired.protected, ctx.adoptFrom),
  };
  return desired.topics === undefined ? payload : { ...payload, topics: sortedUnique(desired.topics) };
}

export const pipelinePlan: ResourcePlan<'pipeline'> = {
  diff: diffPipeline,
  createChanges: createPipelineChanges,
  payload: pipelinePlanJson,
};

/** What `apply --plan` accepts as a pipeline's payload. */
export const pipelinePayloadShape: Shape<PipelinePayload> = shape.object<PipelinePayload>({
  name: shape.string,
  source: shape.string,
  destination: shape.string,
  topics: shape.optional(shape.array(shape.string)),
  transforms: shape.array(shape.object({ name: shape.string, topics: shape.array(shape.string) })),
  topicAutoDiscovery: shape.array(shape.object({ transform: shape.string, regex: shape.string })),
  snapshotNewTables: shape.boolean,
  tags: shape.array(shape.string),
});
