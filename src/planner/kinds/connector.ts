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
import { droppedTables } from '../rules/captured-tables.js';
import { managedFields } from '../rules/managed-keys.js';
import { replaceReason } from '../rules/replace.js';
import { createConfigChanges, diffConfig, planConfig } from './config.js';
import { checkPlanConfig, configMap } from './config-shape.js';
import { createTagChange, liveExtraConfig, tagChange, type KindDiff } from './common.js';
import type { ResourcePlan } from './types.js';

/**
 * A new connector type: the old config belongs to another type, so comparing it key by key would
 * only produce noise; a replace shows the new connector and the config it will be created with.
 */
function connectorChange(desired: ConnectorResource, live: ConnectorResource): KindDiff {
  return {
    changes: [
      { path: 'connector', before: live.connector, after: desired.connector, forcesReplace: true },
      ...createConfigChanges(desired.kind, desired.connector, desired.config),
    ],
    replaceReason: replaceReason(desired.kind, 'connector', live.connector, desired.connector),
  };
}

/** The same connector type: config changes; a set-once key forces a replace, dropped tables are destructive. */
function configChange(
  desired: ConnectorResource,
  live: LiveResource & ConnectorResource,
  ctx: DiffContext,
): KindDiff {
  const changes = diffConfig(desired.kind, desired.connector, desired.config, live.config, ctx);
  const setOnce = changes.find((c) => c.forcesReplace);
  if (setOnce)
    return {
      changes,
      replaceReason: replaceReason(desired.kind, setOnce.path, setOnce.before, setOnce.after),
    };
  const fields = managedFields(desired.kind, desired.connector) ?? [];
  const dropped = droppedTables(fields, changes, live.config, live.live.shortKeys);
  if (dropped.length === 0) return { changes };
  return {
    changes,
    destructiveReason: `stops capturing ${dropped.join(', ')}: the new table_include_list leaves them out`,
  };
}

/** Sources and destinations: connector type, config, extra config, tags. */
export function diffConnector(
  desired: ConnectorResource,
  live: LiveResource & ConnectorResource,
  ctx: DiffContext,
): KindDiff {
  const diff =
    desired.connector !== live.connector ? connectorChange(desired, live) : configChange(desired, live, ctx);
  const changes = [...diff.changes, ...extraConfigChanges(desired.extraConfig, liveExtraConfig(live))];
  const tags = tagChange(desired, live, ctx);
  if (tags) changes.push(tags);
  return { ...diff, changes };
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
