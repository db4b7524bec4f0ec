/**
 * A model value → the JSON the API takes for its catalogue field (api-notes §5.3, §5.7): native JSON
 * by type (`int` → number, `bool` → true/false, `list<string>` → array), map-valued keys in the form
 * the provider sends, secrets revealed, placeholders never sent. The inverse of decode-value.ts.
 */
import { isSecret, type JsonValue } from '../model/index.js';
import { decode } from './decode-value.js';
import { isPlaceholder } from './field-rules.js';
import type { FieldSpec } from './types.js';

/**
 * Map-valued keys: objects, except where the catalogue marks the field as sent as a JSON string
 * (ClickHouse `topics.config.map`: a JSON string whose object values are JSON strings).
 */
function encodeMap(field: FieldSpec, map: JsonValue): JsonValue {
  if (!field.jsonString || map === null || typeof map !== 'object' || Array.isArray(map)) return map;
  const inner = Object.fromEntries(
    Object.entries(map).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
  return JSON.stringify(inner);
}

/** One value of `field` for a write body; undefined = do not send the key. */
export function encode(field: FieldSpec, value: unknown): JsonValue | undefined {
  if (isSecret(value)) return value.reveal();
  // NOTE: decoding first makes encode total: a value in any accepted spelling goes out native.
  const decoded = decode(field, value);
  const typed = decoded.ok ? decoded.value : (decoded.value as JsonValue);
  if (typed === undefined || isPlaceholder(typed)) return undefined;
  if (isSecret(typed)) return typed.reveal();
  return field.type.startsWith('map') ? encodeMap(field, typed) : typed;
}
