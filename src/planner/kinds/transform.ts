import {
  shape,
  type FieldChange,
  type LiveResource,
  type Shape,
  type TransformPayload,
  type TransformResource,
} from '../../model/index.js';
import { sortKeysDeep } from '../canonical.js';
import type { DiffContext } from '../context.js';
import { extraConfigChanges } from '../rules/extra-config.js';
import { implementationChanges } from '../rules/implementation.js';
import { replaceReason } from '../rules/replace.js';
import { transformJobChange } from '../rules/transform-job.js';
import { effectiveTags } from '../rules/tags.js';
import { createConfigChanges, diffConfig, planConfig } from './config.js';
import { checkPlanConfig, configMap } from './config-shape.js';
import { createTagChange, liveExtraConfig, tagChange, type KindDiff } from './common.js';
import type { ResourcePlan } from './types.js';

/** Transforms: type, config, job running, implementation (subset rule 11), extra config, tags. */
export function diffTransform(
  desired: TransformResource,
  live: LiveResource & TransformResource,
  ctx: DiffContext,
): KindDiff {
  const changes: FieldChange[] = [];
  let reason: string | undefined;
  if (desired.type !== live.type) {
    changes.push({ path: 'type', before: live.type, after: desired.type, forcesReplace: true });
    changes.push(...createConfigChanges('transform', desired.type, desired.config));
    reason = replaceReason('transform', 'transform type', live.type, desired.type);
  } else {
    changes.push(...diffConfig('transform', desired.type, desired.config, live.config, ctx));
    changes.push(...transformJobChange(desired.type, live.live.status));
  }
  changes.push(...extraConfigChanges(desired.extraConfig, liveExtraConfig(live)));
  changes.push(...implementationChanges(desired.implementation, live.implementation));
  const tags = tagChange(desired, live, ctx);
  if (tags) changes.push(tags);
  return reason === undefined ? { changes } : { changes, replaceReason: reason };
}

export function createTransformChanges(desired: TransformResource, ctx: DiffContext): FieldChange[] {
  return [
    { path: 'type', after: desired.type },
    ...createConfigChanges('transform', desired.type, desired.config),
    ...extraConfigChanges(desired.extraConfig, {}),
    ...implementationChanges(desired.implementation, undefined),
    createTagChange(desired, ctx),
  ];
}

export function transformPlanJson(
  desired: TransformResource,
  liveTags: readonly string[] | undefined,
  ctx: DiffContext,
): TransformPayload {
  const payload: TransformPayload = {
    name: desired.name,
    type: desired.type,
    config: planConfig('transform', desired.type, desired.config, ctx),
    extraConfig: sortKeysDeep(desired.extraConfig),
    tags: effectiveTags(desired.tags, liveTags, ctx.namespace, desired.protected, ctx.adoptFrom),
  };
  return desired.implementation === undefined
    ? payload
    : { ...payload, implementation: sortKeysDeep(desired.implementation) };
}

export const transformPlan: ResourcePlan<'transform'> = {
  diff: diffTransform,
  createChanges: createTransformChanges,
  payload: transformPlanJson,
};

/** What `apply --plan` accepts as a transform's payload. */
export const transformPayloadShape: Shape<TransformPayload> = shape.refine(
  shape.object<TransformPayload>({
    name: shape.string,
    type: shape.string,
    config: configMap,
    extraConfig: shape.record(shape.json),
    tags: shape.array(shape.string),
    implementation: shape.optional(shape.record(shape.json)),
  }),
  (p, path, problems) => checkPlanConfig('transform', p.type, p.config, `${path}.config`, problems),
);
