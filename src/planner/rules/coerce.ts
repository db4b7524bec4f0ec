import type { FieldType } from '../../catalogue/index.js';
import type { JsonValue } from '../../model/index.js';
import { decodeMapValue } from './map-values.js';

const NUMERIC = /^-?\d+(\.\d+)?$/;

function coerceInt(value: JsonValue): JsonValue {
  if (typeof value === 'string' && NUMERIC.test(value.trim())) return Number(value.trim());
  return value;
}

function coerceBool(value: JsonValue): JsonValue {
  if (typeof value !== 'string') return value;
  const t = value.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : value;
}

function coerceList(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : String(v)));
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (t.startsWith('[')) {
    try {
      return JSON.parse(t) as JsonValue;
    } catch {
      return value;
    }
  }
  return t === '' ? [] : t.split(',').map((s) => s.trim());
}

/**
 * Rule 2, type coercion by the catalogue type: the API returns ints and bools string-encoded
 * (`"5432"`, `"true"`) while manifests hold native values. `string` fields are never coerced
 * (`"Yes"` and `"10000"` stay strings); a number read for one is compared as its decimal text.
 * `null` and absent both give undefined: null equals absent.
 */
export function coerceValue(type: FieldType, value: unknown): JsonValue | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value as JsonValue;
  switch (type) {
    case 'int':
      return coerceInt(v);
    case 'bool':
      return coerceBool(v);
    case 'list<string>':
      return coerceList(v);
    case 'map<string,string>':
    case 'map<string,object>':
      return decodeMapValue(v);
    case 'string':
    case 'json-string':
      return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
  }
}
