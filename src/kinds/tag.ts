import { tagExport } from '../export/kinds/tag.js';
import { tagWriter } from '../applier/kinds/tag.js';
import { tagPlan, tagPayloadShape } from '../planner/kinds/tag.js';
import { tagLive } from '../state/kinds/tag.js';
import { tagManifest } from '../schema/kinds/tag.js';
import type { KindDefinition } from './types.js';

/** Tags: the account's custom tags, shared between teams, so never deleted (docs/plan-format.md). */
export const tagKind: KindDefinition<'tag'> = {
  kind: 'tag',
  tagged: false,
  destructive: false,
  manifest: tagManifest,
  references: [],
  payload: tagPayloadShape,
  live: tagLive,
  plan: tagPlan,
  write: tagWriter,
  export: tagExport,
};
