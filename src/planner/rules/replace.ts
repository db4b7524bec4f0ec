import type { ResourceKind } from '../../model/index.js';

const RESNAPSHOT: Partial<Record<ResourceKind, string>> = {
  source: 'the new source re-snapshots every table',
  destination: 'the new destination receives every topic again',
  transform: 'the new transform job starts from scratch',
  pipeline: 'the new pipeline re-snapshots its topics',
};

/**
 * Rule 13, replace, not update: a new connector or transform type, or a change of a set-once key,
 * can only be made by deleting and recreating the object. The reason says so loudly, because for a
 * source it means a full re-snapshot.
 */
export function replaceReason(kind: ResourceKind, what: string, before: unknown, after: unknown): string {
  const consequence = RESNAPSHOT[kind] ?? 'it is deleted and created again';
  return `${what} changed (${String(before)} → ${String(after)}): replace deletes and recreates the ${kind}; ${consequence}`;
}
