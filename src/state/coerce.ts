/**
 * Type coercion of live config values by the catalogue type (api-notes §5.3, §5.7, §7.2, §7.9, §7.10).
 * The API returns defaults and backfills string-encoded ("5432", "true"), maps as objects or JSON
 * strings (sometimes with JSON-string values), and lists as arrays or comma-separated strings.
 */
import type { FieldSpec } from '../catalogue/index.js';
import type { ConfigValue, JsonValue } from '../model/index.js';
import { SecretValue } from '../model/index.js';
import { isJsonValue, isRecord, parseBoolean } from './parse.js';

/** How secrets read back when withheld (api-notes §8.4). */
export const SECRET_MASK = '********';

export type Coerced =
  | { readonly ok: true; readonly value: ConfigValue | undefined }
  | { readonly ok: false; readonly value: JsonValue; readonly reason: string };

const INT = /^-?\d+$/;

/**
 * Coerces one wire value. `undefined` = absent (null reads as absent, rule 2). A value that does not
 * fit its type is kept as read (so the plan shows it) and reported as not ok, for a warning.
 */
export function coerceValue(field: FieldSpec, raw: unknown): Coerced {
  if (raw === null || raw === undefined) return { ok: true, value: undefined };
  if (field.secret) return coerceSecret(raw);
  if (!isJsonValue(raw)) return { ok: false, value: null, reason: 'not JSON' };
  switch (field.type) {
    case 'int':
      return coerceInt(raw);
    case 'bool': {
      const b = parseBoolean(raw);
      return b === undefined ? bad(raw, 'not a boolean') : { ok: true, value: b };
    }
    case 'string':
      // NOTE: strings stay as read ("Yes", "10000" are strings by contract); a native number or
      // boolean for a string field is written back as its text so it compares with the manifest.
      if (typeof raw === 'number' || typeof raw === 'boolean') return { ok: true, value: String(raw) };
      return typeof raw === 'string' ? { ok: true, value: raw } : bad(raw, 'not a string');
    case 'list<string>':
      return coerceList(raw);
    case 'map<string,string>':
    case 'map<string,object>':
      return coerceMap(raw, field.type === 'map<string,object>');
    case 'json-string':
      return { ok: true, value: typeof raw === 'string' ? raw : JSON.stringify(raw) };
  }
}

function bad(value: JsonValue, reason: string): Coerced {
  return { ok: false, value, reason };
}

function coerceSecret(raw: unknown): Coerced {
  // NOTE: a masked or non-text secret is "unknown" (rule 9): absent, never drift.
  if (typeof raw === 'string')
    return { ok: true, value: raw === SECRET_MASK ? undefined : new SecretValue(raw) };
  if (typeof raw === 'number' || typeof raw === 'boolean')
    return { ok: true, value: new SecretValue(String(raw)) };
  if (isRecord(raw) && isJsonValue(raw)) return { ok: true, value: new SecretValue(JSON.stringify(raw)) };
  return { ok: true, value: undefined };
}

function coerceInt(raw: JsonValue): Coerced {
  if (typeof raw === 'number' && Number.isInteger(raw)) return { ok: true, value: raw };
  if (typeof raw === 'string' && INT.test(raw.trim())) {
    const n = Number(raw.trim());
    if (Number.isSafeInteger(n)) return { ok: true, value: n };
  }
  return bad(raw, 'not an integer');
}

function coerceList(raw: JsonValue): Coerced {
  if (Array.isArray(raw)) {
    if (raw.every((x) => typeof x === 'string')) return { ok: true, value: raw };
    return bad(raw, 'not a list of strings');
  }
  if (typeof raw === 'string') {
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    return { ok: true, value: items };
  }
  return bad(raw, 'not a list');
}

function coerceMap(raw: JsonValue, objectValues: boolean): Coerced {
  let value: JsonValue = raw;
  if (typeof raw === 'string') {
    if (raw.trim() === '') return { ok: true, value: {} };
    const parsed = parseJson(raw);
    if (parsed !== undefined) value = parsed;
    else if (!objectValues) {
      const pairs = parsePairs(raw);
      if (pairs) return { ok: true, value: pairs };
    }
  }
  if (!isRecord(value)) return bad(raw, 'not a map');
  if (!objectValues) return { ok: true, value };
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(value as Record<string, JsonValue>)) {
    // NOTE: ClickHouse sends `{topic: "<JSON string of {...}>"}`: decode inner JSON strings too (rule 10).
    const inner = typeof v === 'string' ? parseJson(v) : undefined;
    out[k] = inner !== undefined && isRecord(inner) ? inner : v;
  }
  return { ok: true, value: out };
}

function parseJson(text: string): JsonValue | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isJsonValue(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The older `raw:dedupe,raw2:dedupe2` form of a string map (Snowflake, api-notes §5.7). */
function parsePairs(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const i = part.indexOf(':');
    if (i <= 0) return undefined;
    out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}
