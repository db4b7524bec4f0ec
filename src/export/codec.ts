/**
 * The catalogue rules export needs (the value codec's `defaultOf`, `isReadOnly`), in one place.
 * TEMPORARY: replaced by re-exports of src/catalogue once the codec lands there.
 */
import type { FieldSpec } from '../catalogue/index.js';
import type { ConfigValue } from '../model/index.js';
import { jsonEqual } from '../planner/canonical.js';
import { coerceValue } from '../state/coerce.js';

export { jsonEqual };

export function isReadOnly(field: FieldSpec): boolean {
  return field.readOnly === true || field.apiKey.endsWith('.user.displayed');
}

export function defaultOf(field: FieldSpec): ConfigValue | undefined {
  const d = field.default;
  if (d === undefined || field.secret || (typeof d === 'string' && /^<[^<>]+>$/.test(d))) return undefined;
  const c = coerceValue(field, d);
  return c.ok ? c.value : undefined;
}
