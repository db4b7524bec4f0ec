import { connectorExport } from '../export/kinds/connector.js';
import { connectorHealth, connectorWriter } from '../applier/kinds/connector.js';
import { connectorPlan, connectorPayloadShape } from '../planner/kinds/connector.js';
import { connectorLive } from '../state/kinds/connector.js';
import { connectorManifest } from '../schema/kinds/connector.js';
import type { KindDefinition } from './types.js';

const PATH = '/sources';

/** Sources: deleting or replacing one re-snapshots every table downstream. */
export const sourceKind: KindDefinition<'source'> = {
  kind: 'source',
  tagged: true,
  destructive: true,
  manifest: connectorManifest('source', 'sources', 'Sources this namespace manages. [] = none.'),
  references: [],
  payload: connectorPayloadShape('source'),
  live: connectorLive('source', PATH),
  plan: connectorPlan,
  write: connectorWriter('source', PATH),
  health: connectorHealth(PATH),
  export: connectorExport('source'),
};
