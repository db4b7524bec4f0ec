import { connectorPlan } from '../planner/kinds/connector.js';
import { connectorLive } from '../state/kinds/connector.js';
import type { KindDefinition } from './types.js';

export const destinationKind: KindDefinition<'destination'> = {
  kind: 'destination',
  tagged: true,
  destructive: false,
  references: [],
  live: connectorLive('destination', '/destinations'),
  plan: connectorPlan,
};
