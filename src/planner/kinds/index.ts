import type { FieldChange, LiveResource, Resource } from '../../model/index.js';
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
