import { pipelineExport } from '../export/kinds/pipeline.js';
import { pipelineHealth, pipelineWriter } from '../applier/kinds/pipeline.js';
import { pipelinePlan, pipelinePayloadShape } from '../planner/kinds/pipeline.js';
import { pipelineLive } from '../state/kinds/pipeline.js';
import { pipelineManifest } from '../schema/kinds/pipeline.js';
import type { KindDefinition } from './types.js';

/** Pipelines: one source into one destination, through transforms; deleting one stops the flow. */
export const pipelineKind: KindDefinition<'pipeline'> = {
  kind: 'pipeline',
  tagged: true,
  destructive: true,
  manifest: pipelineManifest,
  references: [
    { kind: 'source', field: 'source', many: false, names: (p) => [p.source] },
    { kind: 'destination', field: 'destination', many: false, names: (p) => [p.destination] },
    { kind: 'transform', field: 'transforms', many: true, names: (p) => p.transforms.map((t) => t.name) },
    {
      kind: 'transform',
      field: 'topicAutoDiscovery',
      many: true,
      names: (p) => p.topicAutoDiscovery.map((t) => t.transform),
    },
  ],
  payload: pipelinePayloadShape,
  live: pipelineLive,
  plan: pipelinePlan,
  write: pipelineWriter,
  health: pipelineHealth,
  export: pipelineExport,
};
