import type { FieldChange, LiveTag, TagResource } from '../../model/index.js';
import { DEFAULT_TAG_TYPES } from '../../model/index.js';
import { sortedUnique } from '../canonical.js';
import type { PlanJson } from '../context.js';
import { sameSet } from '../rules/sets.js';

/**
 * Tags: description (managed when the manifest gives one) and types (a set; an empty desired list
 * leaves the live types alone). Tags are never deleted or replaced.
 */
export function diffTag(desired: TagResource, live: LiveTag): FieldChange[] {
  const changes: FieldChange[] = [];
  if (desired.description !== null && desired.description !== (live.description ?? '')) {
    changes.push(
      live.description === null
        ? { path: 'description', after: desired.description }
        : { path: 'description', before: live.description, after: desired.description },
    );
  }
  if (desired.types.length > 0 && !sameSet(desired.types, live.types)) {
    changes.push({ path: 'types', before: sortedUnique(live.types), after: sortedUnique(desired.types) });
  }
  return changes;
}

export function tagTypes(desired: TagResource): string[] {
  return sortedUnique(desired.types.length > 0 ? desired.types : DEFAULT_TAG_TYPES);
}

export function createTagChanges(desired: TagResource): FieldChange[] {
  const changes: FieldChange[] = [];
  if (desired.description !== null) changes.push({ path: 'description', after: desired.description });
  changes.push({ path: 'types', after: tagTypes(desired) });
  return changes;
}

export function tagPlanJson(desired: TagResource, live: LiveTag | undefined): PlanJson {
  return {
    name: desired.name,
    description: desired.description ?? live?.description ?? null,
    types:
      desired.types.length > 0 ? sortedUnique(desired.types) : sortedUnique(live?.types ?? DEFAULT_TAG_TYPES),
  };
}
