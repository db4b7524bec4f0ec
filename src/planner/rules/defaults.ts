import type { FieldSpec } from '../../catalogue/index.js';
import type { JsonValue } from '../../model/index.js';
import { coerceValue } from './coerce.js';

const PLACEHOLDER = /^<[^<>]+>$/;

/**
 * Rule 3, defaults: the catalogue's static default, typed. Placeholder defaults (`<SSH.PUBLIC.KEY>`)
 * are resolved by the server, so they are not a value we can compare or send. Secrets have no
 * default we would ever write.
 */
export function staticDefault(field: FieldSpec): JsonValue | undefined {
  if (field.default === undefined || field.secret) return undefined;
  if (typeof field.default === 'string' && PLACEHOLDER.test(field.default)) return undefined;
  return coerceValue(field.type, field.default);
}

/** Rule 3, live side: a key missing from the response counts as its static default. */
export function liveValueOrDefault(
  field: FieldSpec,
  liveValue: unknown,
  fallback: JsonValue | undefined,
): JsonValue | undefined {
  const v = coerceValue(field.type, liveValue);
  return v === undefined ? fallback : v;
}
