import type { FieldSpec } from '../../catalogue/index.js';
import { defaultOf } from '../../catalogue/index.js';
import { isSecret, type ConfigValue, type JsonValue } from '../../model/index.js';

/**
 * Rule 3, defaults: the catalogue's static default, typed by the codec. Placeholder defaults
 * (`<SSH.PUBLIC.KEY>`) are resolved by the server, so they are not a value we can compare or send;
 * secrets have no default we would ever write.
 */
export function staticDefault(field: FieldSpec): JsonValue | undefined {
  const d = defaultOf(field);
  return d === undefined || isSecret(d) ? undefined : d;
}

/** Rule 3, live side: a key missing from the response counts as its static default. */
export function liveValueOrDefault(
  liveValue: ConfigValue | undefined,
  fallback: JsonValue | undefined,
): ConfigValue | undefined {
  return liveValue ?? fallback;
}
