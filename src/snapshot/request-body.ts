/**
 * The start request body as the quickstart shows it: `source_id`, `topic_names` only when tables
 * were named, `additional_conditions` with one `{data_collection, filter}` per `--where`.
 */
import type { SnapshotRequestInput } from './snapshot-flags.js';
import type { SourceTables } from './source-tables.js';
import { topicName } from './topic-names.js';

export interface StartSnapshotBody {
  readonly source_id: string;
  readonly topic_names?: readonly string[];
  readonly additional_conditions?: readonly { readonly data_collection: string; readonly filter: string }[];
}

export function startBody(
  sourceId: string,
  source: SourceTables,
  input: SnapshotRequestInput,
): StartSnapshotBody {
  return {
    source_id: sourceId,
    ...(input.tables ? { topic_names: input.tables.map((t) => topicName(source, t)) } : {}),
    ...(input.conditions.length > 0
      ? {
          additional_conditions: input.conditions.map((c) => ({
            data_collection: c.table,
            filter: c.filter,
          })),
        }
      : {}),
  };
}
