import type { ResourceKind } from '../../model/index.js';
import type { KindWriter } from './common.js';
import { connectorWriter } from './connector.js';
import { pipelineWriter } from './pipeline.js';
import { tagWriter } from './tag.js';
import { transformWriter } from './transform.js';

export type { KindWriter, WriteInput } from './common.js';

/** One writer per kind: adding a kind means adding a file here, not a switch elsewhere. */
export const WRITERS: Readonly<Record<ResourceKind, KindWriter>> = {
  tag: tagWriter,
  source: connectorWriter('source'),
  destination: connectorWriter('destination'),
  transform: transformWriter,
  pipeline: pipelineWriter,
};
