import {
  shape,
  type ConnectorPayload,
  type ConnectorResource,
  type FieldChange,
  type LiveResource,
  type Shape,
} from '../../model/index.js';
import { sortKeysDeep } from '../canonical.js';
import type { DiffContext } from '../context.js';
import { effectiveTags } from '../rules/tags.js';
import { extraConfigChanges } from '../rules/extra-config.js';
import { replaceReason } from '../rules/replace.js';
import { createConfigChanges, diffConfig, planConfig } from './config.js';
import { checkPlanConfig, configMap } from './config-shape.js';
import { createTagChange, liveExtraConfig, tagChange, type KindDiff } from './common.js';
import type { ResourcePlan } from './types.js';

/** Sources and destinations: connector type, config, extra config, tags. */
export function diffConnector(
  desired: ConnectorResource,
  live: LiveResource & ConnectorResource,
  ctx: DiffContext,
): KindDiff {
  const changes: FieldChange[] = [];
  let reason: string | undefined;
  if (desired.connector !== live.connector) {
    // NOTE: the old config belongs to another connector type, so comparing it key by key would only
    // produce noise; a replace shows the new connector and the config it will be created with.
    changes.push({
      path: 'connector',
      before: live.connector,
      after: desired.connector,
      forcesReplace: true,
    });
    changes.push(...createConfigChanges(desired.kind, desired.connector, desired.config));
    reason = replaceReason(desired.kind, 'connector', live.connector, desired.connector);
  } else {
    const config = diffConfig(desired.kind, desired.connector, desired.config, live.config, ctx);
    changes.push(...config);
    const setOnce = config.find((c) => c.forcesReplace);
    if (setOnce) reason = replaceReason(desired.kind, setOnce.path, setOnce.before, setOnce.after);
  }
  changes.push(...extraConfigChanges(desired.extraConfig, liveExtraConfig(live)));
  const tags = tagChange(desired, live, ctx);
  if (tags) changes.push(tags);
  return reason === undefined ? { changes } : { changes, replaceReason: reason };
}

export function createConnectorChanges(desired: ConnectorResource, ctx: DiffContext): FieldChange[] {
  const extra = extraConfigChanges(desired.extraConfig, {});
  return [
    { path: 'connector', after: desired.connector },
    ...createConfigChanges(desired.kind, desired.connector, desired.config),
    ...extra,
    createTagChange(desired, ctx),
  ];
}

export function connectorPlanJson(
  desired: ConnectorResource,
  liveTags: readonly string[] | undefined,
  ctx: DiffContext,
): ConnectorPayload {
  return {
    name: desired.name,
    connector: desired.connector,
    config: planConfig(desired.kind, desired.connector, desired.config, ctx),
    extraConfig: sortKeysDeep(desired.extraConfig),
    tags: effectiveTags(desired.tags, liveTags, ctx.namespace, desired.protected, ctx.adoptFrom),
  };
}

/** Sources and destinations plan alike. */
export const connectorPlan: ResourcePlan<'source'> & ResourcePlan<'destination'> = {
  diff: diffConnector,
  createChanges: createConnectorChanges,
  payload: connectorPlanJson,
};

/** What `apply --plan` accepts as a source's or destination's payload. */
export function connectorPayloadShape(kind: 'source' | 'destination'): Shape<ConnectorPayload> {
  const fields = shape.object<ConnectorPayload>({
    name: shape.string,
    connector: shape.string,
    config: configMap,
    extraConfig: shape.record(shape.json),
    tags: shape.array(shape.string),
  });
  return shape.refine(fields, (p, path, problems) =>
    checkPlanConfig(kind, p.connector, p.config, `${path}.config`, problems),
  );
}
