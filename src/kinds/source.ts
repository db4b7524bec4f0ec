import { connectorPlan } from '../planner/kinds/connector.js';
import { connectorLive } from '../state/kinds/connector.js';
import type { KindDefinition } from './types.js';

/** Sources: deleting or replacing one re-snapshots every table downstream. */
export const sourceKind: KindDefinition<'source'> = {
  kind: 'source',
  tagged: true,
  destructive: true,
  references: [],
  live: connectorLive('source', '/sources'),
  plan: connectorPlan,
};
