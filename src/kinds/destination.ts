import { connectorExport } from '../export/kinds/connector.js';
import { connectorHealth, connectorWriter } from '../applier/kinds/connector.js';
import { connectorPlan, connectorPayloadShape } from '../planner/kinds/connector.js';
import { connectorLive } from '../state/kinds/connector.js';
import { connectorManifest } from '../schema/kinds/connector.js';
import type { KindDefinition } from './types.js';

const PATH = '/destinations';

export const destinationKind: KindDefinition<'destination'> = {
  kind: 'destination',
  tagged: true,
  destructive: true,
  manifest: connectorManifest('destination', 'destinations', 'Destinations this namespace manages.'),
  references: [],
  payload: connectorPayloadShape('destination'),
  live: connectorLive('destination', PATH),
  plan: connectorPlan,
  write: connectorWriter('destination', PATH),
  health: connectorHealth(PATH),
  export: connectorExport('destination'),
};
