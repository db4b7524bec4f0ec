import { sameUntypedValue } from '../../catalogue/index.js';
import type { FieldChange, JsonValue } from '../../model/index.js';

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
    if (sameUntypedValue(d, l)) continue;
    const path = `extraConfig.${key}`;
    changes.push(l === undefined || l === null ? { path, after: d } : { path, before: l, after: d });
  }
  return changes;
}
