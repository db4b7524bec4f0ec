import type { ResourceKind } from '../../model/index.js';

/**
 * Rule 8, volatile fields are never diffed: `connector_status`, `desired_state`, job status,
 * `start_time`, `version`, `topic_ids`, metrics. The state loader keeps them in `LiveMeta` (status,
 * wire, readOnlyConfig, fingerprint); the planner compares ONLY the model fields listed here, so
 * nothing volatile can reach a diff.
 */
export const DIFFED_FIELDS: Readonly<Record<ResourceKind, readonly string[]>> = {
  source: ['name', 'connector', 'config', 'extraConfig', 'tags'],
  destination: ['name', 'connector', 'config', 'extraConfig', 'tags'],
  transform: ['name', 'type', 'config', 'extraConfig', 'implementation', 'tags'],
  pipeline: [
    'name',
    'source',
    'destination',
    'topics',
    'transforms',
    'topicAutoDiscovery',
    'snapshotNewTables',
    'tags',
  ],
  tag: ['name', 'description', 'types'],
};

export function isDiffedField(kind: ResourceKind, field: string): boolean {
  return DIFFED_FIELDS[kind].includes(field);
}
