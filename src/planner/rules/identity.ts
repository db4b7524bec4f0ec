import {
  REPLACE_TEMP_SUFFIX,
  type LiveResource,
  type Resource,
  type ResourceKind,
  type TagResource,
} from '../../model/index.js';

export interface LiveIndex {
  byName(kind: ResourceKind, name: string): LiveResource | undefined;
  isDuplicate(kind: ResourceKind, name: string): boolean;
}

export interface IdentityMatch {
  readonly live: LiveResource;
  /** Set when matched through `previous_names` (or a replace's temporary name). */
  readonly renamedFrom?: string;
}

/** How many `-N` temporary names of an interrupted replace are looked for. */
const MAX_TEMP_NAMES = 10;

function tempNamesOf(name: string): string[] {
  const base = `${name}${REPLACE_TEMP_SUFFIX}`;
  return [base, ...Array.from({ length: MAX_TEMP_NAMES - 1 }, (_, i) => `${base}-${i + 2}`)];
}

/**
 * Rule 14, identity: a desired resource is the live object of the same kind with the same exact
 * name; failing that, the live object carrying one of its `previous_names` (a rename, planned as an
 * in-place update), unless another desired resource holds that name; failing that, the replacement
 * an interrupted replace left under its temporary name (it was created from these manifests, and
 * recreating it would re-snapshot a source twice). No match means create. Only objects others refer
 * to are replaced through a temporary name (`tempNames`: the caller asks the kind registry).
 */
export function matchLive(
  desired: Exclude<Resource, TagResource>,
  index: LiveIndex,
  desiredNames: ReadonlySet<string>,
  claimed: ReadonlySet<LiveResource>,
  tempNames = true,
): IdentityMatch | undefined {
  const same = index.byName(desired.kind, desired.name);
  if (same && !claimed.has(same)) return { live: same };
  for (const previous of desired.previousNames) {
    if (desiredNames.has(previous)) continue;
    const old = index.byName(desired.kind, previous);
    if (old && !claimed.has(old)) return { live: old, renamedFrom: previous };
  }
  if (tempNames) {
    for (const temp of tempNamesOf(desired.name)) {
      const left = index.byName(desired.kind, temp);
      if (left && !claimed.has(left) && !desiredNames.has(temp)) return { live: left, renamedFrom: temp };
    }
  }
  return undefined;
}
