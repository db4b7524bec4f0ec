/**
 * The reads `status` makes that need a permission of their own, and the permission a 403 asks
 * for. NOTE: the contract (api-notes §3.5) names `read:pipeline_metrics` for pipeline metrics; the names for
 * source metrics and consumer groups are ASSUMED by analogy (no 403 has been observed).
 */
import type { ForbiddenRead } from './types.js';

export const READS = {
  pipelineMetrics: { endpoint: 'GET /pipelines/{id}/metrics', permission: 'read:pipeline_metrics' },
  sourceMetrics: { endpoint: 'GET /sources/{id}/metrics', permission: 'read:source_metrics (name assumed)' },
  consumerGroups: { endpoint: 'GET /consumer-groups', permission: 'read:consumer_groups (name assumed)' },
} as const satisfies Record<string, ForbiddenRead>;

export type MetricsRead = (typeof READS)[keyof typeof READS];
