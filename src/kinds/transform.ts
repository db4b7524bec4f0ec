import { transformExport } from '../export/kinds/transform.js';
import { transformWriter } from '../applier/kinds/transform.js';
import { transformPlan, transformPayloadShape } from '../planner/kinds/transform.js';
import { transformLive } from '../state/kinds/transform.js';
import { transformManifest } from '../schema/kinds/transform.js';
import type { KindDefinition } from './types.js';

export const transformKind: KindDefinition<'transform'> = {
  kind: 'transform',
  tagged: true,
  destructive: true,
  manifest: transformManifest,
  references: [],
  payload: transformPayloadShape,
  live: transformLive,
  plan: transformPlan,
  write: transformWriter,
  export: transformExport,
};
