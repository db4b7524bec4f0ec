import { jsonEqual as equal, type FieldChange, type JsonValue } from '../../model/index.js';
import { isJsonObject } from '../canonical.js';

function isSubset(desired: JsonValue, live: JsonValue | undefined): boolean {
  if (isJsonObject(desired) && isJsonObject(live)) {
    return Object.entries(desired).every(([k, v]) => isSubset(v, live[k]));
  }
  // NOTE: null equals absent, so a null the manifest states matches a key the server dropped.
  if (desired === null) return live === null || live === undefined;
  return equal(desired, live);
}

/**
 * Rule 11, transform implementation: equal when every key the manifest gives has the same value
 * live (recursively). Keys the server adds (with null or any value) are ignored. An undefined
 * desired implementation is not managed. Returns one change per differing top-level key.
 */
export function implementationChanges(
  desired: Readonly<Record<string, JsonValue>> | undefined,
  live: Readonly<Record<string, JsonValue>> | undefined,
): FieldChange[] {
  if (desired === undefined) return [];
  const changes: FieldChange[] = [];
  for (const key of Object.keys(desired).sort()) {
    const d = desired[key] as JsonValue;
    const l = live?.[key];
    if (isSubset(d, l)) continue;
    changes.push(
      l === undefined
        ? { path: `implementation.${key}`, after: d }
        : { path: `implementation.${key}`, before: l, after: d },
    );
  }
  return changes;
}
