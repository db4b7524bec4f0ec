import { jsonEqual as equal } from '../canonical.js';
import type { FieldChange, JsonValue } from '../../model/index.js';

/** Equal, or the same scalar string-encoded by the server (`5` vs `"5"`, `true` vs `"true"`). */
function looselyEqual(desired: JsonValue, live: JsonValue | undefined): boolean {
  if (equal(desired, live)) return true;
  if (typeof live === 'string' && (typeof desired === 'number' || typeof desired === 'boolean')) {
    return String(desired) === live.trim();
  }
  return false;
}

/**
 * `extra_config` pass-through keys are not in the catalogue, so nothing is known about them but
 * what the manifest says: they are diffed only for the keys the manifest sets, with scalar string
 * encoding tolerated. Keys the manifest drops become unmanaged.
 */
export function extraConfigChanges(
  desired: Readonly<Record<string, JsonValue>>,
  live: Readonly<Record<string, JsonValue>>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const key of Object.keys(desired).sort()) {
    const d = desired[key] as JsonValue;
    if (d === null) continue;
    const l = live[key];
    if (looselyEqual(d, l)) continue;
    const path = `extraConfig.${key}`;
    changes.push(l === undefined || l === null ? { path, after: d } : { path, before: l, after: d });
  }
  return changes;
}
