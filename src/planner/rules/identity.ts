import type { LiveResource, Resource, ResourceKind } from '../../model/index.js';

export interface LiveIndex {
  byName(kind: ResourceKind, name: string): LiveResource | undefined;
  isDuplicate(kind: ResourceKind, name: string): boolean;
}

export interface IdentityMatch {
  readonly live: LiveResource;
  /** Set when matched through `previous_names`. */
  readonly renamedFrom?: string;
}

/**
 * Rule 14, identity: a desired resource is the live object of the same kind with the same exact
 * name; failing that, the live object carrying one of its `previous_names` (a rename, planned as an
 * in-place update), unless another desired resource holds that name. No match means create.
 */
export function matchLive(
  desired: Exclude<Resource, { kind: 'tag' }>,
  index: LiveIndex,
  desiredNames: ReadonlySet<string>,
  claimed: ReadonlySet<LiveResource>,
): IdentityMatch | undefined {
  const same = index.byName(desired.kind, desired.name);
  if (same && !claimed.has(same)) return { live: same };
  for (const previous of desired.previousNames) {
    if (desiredNames.has(previous)) continue;
    const old = index.byName(desired.kind, previous);
    if (old && !claimed.has(old)) return { live: old, renamedFrom: previous };
  }
  return undefined;
}
