import type { FieldChange, LiveResource, TransformResource } from '../../model/index.js';
import { sortKeysDeep } from '../canonical.js';
import type { DiffContext, PlanJson } from '../context.js';
import { extraConfigChanges } from '../rules/extra-config.js';
import { implementationChanges } from '../rules/implementation.js';
import { replaceReason } from '../rules/replace.js';
import { transformJobChange } from '../rules/transform-job.js';
import { effectiveTags } from '../rules/tags.js';
import { createConfigChanges, diffConfig, planConfig } from './config.js';
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
): PlanJson {
  const json: PlanJson = {
    name: desired.name,
    type: desired.type,
    config: planConfig('transform', desired.type, desired.config, ctx),
    extraConfig: sortKeysDeep(desired.extraConfig),
    tags: effectiveTags(desired.tags, liveTags, ctx.namespace, desired.protected),
  };
  if (desired.implementation !== undefined) json['implementation'] = sortKeysDeep(desired.implementation);
  return json;
}

export const transformPlan: ResourcePlan<'transform'> = {
  diff: diffTransform,
  createChanges: createTransformChanges,
  payload: transformPlanJson,
};
