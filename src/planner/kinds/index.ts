import {
  resourceKey,
  type FieldChange,
  type LiveResource,
  type Resource,
  type ResourceKey,
} from '../../model/index.js';
import type { DiffContext, PlanJson } from '../context.js';
import type { KindDiff } from './common.js';
import { connectorPlanJson, createConnectorChanges, diffConnector } from './connector.js';
import { createPipelineChanges, diffPipeline, pipelinePlanJson } from './pipeline.js';
import { createTransformChanges, diffTransform, transformPlanJson } from './transform.js';

/** A resource the planner diffs against one live object (tags are planned apart). */
export type ManagedResource = Exclude<Resource, { kind: 'tag' }>;

/** Dispatches to the differ of the resource's kind; the pair is of the same kind by construction. */
export function diffResource(desired: ManagedResource, live: LiveResource, ctx: DiffContext): KindDiff {
  switch (desired.kind) {
    case 'source':
    case 'destination':
      return diffConnector(desired, live as LiveResource & typeof desired, ctx);
    case 'transform':
      return diffTransform(desired, live as LiveResource & typeof desired, ctx);
    case 'pipeline':
      return diffPipeline(desired, live as LiveResource & typeof desired, ctx);
  }
}

export function createChanges(desired: ManagedResource, ctx: DiffContext): FieldChange[] {
  switch (desired.kind) {
    case 'source':
    case 'destination':
      return createConnectorChanges(desired, ctx);
    case 'transform':
      return createTransformChanges(desired, ctx);
    case 'pipeline':
      return createPipelineChanges(desired, ctx);
  }
}

export function planJson(
  desired: ManagedResource,
  liveTags: readonly string[] | undefined,
  ctx: DiffContext,
): PlanJson {
  switch (desired.kind) {
    case 'source':
    case 'destination':
      return connectorPlanJson(desired, liveTags, ctx);
    case 'transform':
      return transformPlanJson(desired, liveTags, ctx);
    case 'pipeline':
      return pipelinePlanJson(desired, liveTags, ctx);
  }
}

/** The actions a resource's action depends on, by key: its tags and a pipeline's references. */
export function referenceKeys(desired: ManagedResource, tags: readonly string[]): ResourceKey[] {
  const keys = tags.map((t) => resourceKey('tag', t));
  if (desired.kind !== 'pipeline') return keys;
  keys.push(resourceKey('source', desired.source), resourceKey('destination', desired.destination));
  for (const t of desired.transforms) keys.push(resourceKey('transform', t.name));
  for (const t of desired.topicAutoDiscovery) keys.push(resourceKey('transform', t.transform));
  return keys;
}
