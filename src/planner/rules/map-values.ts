import type { JsonValue } from '../../model/index.js';
import { isJsonObject } from '../canonical.js';

function tryParseJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

/** `raw:dedupe,raw2:dedupe2`: the older Snowflake mapping form (api-notes §5.7). */
function parsePairs(text: string): JsonValue | undefined {
  const pairs = text.split(',').map((p) => p.split(':').map((s) => s.trim()));
  if (!pairs.every((p) => p.length === 2 && p[0] !== '' && p[1] !== '')) return undefined;
  return Object.fromEntries(pairs.map(([k, v]) => [k as string, v as string]));
}

function decodeInner(value: JsonValue): JsonValue {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return value;
  return tryParseJson(t) ?? value;
}

/**
 * Rule 10, map-valued keys: the API takes and returns an object, a JSON string, or a JSON string
 * whose values are JSON strings. Decode every form to plain objects so a deep compare sees the
 * meaning, not the encoding. Absent, null and empty forms decode to undefined (null equals absent).
 */
export function decodeMapValue(value: unknown): JsonValue | undefined {
  if (value === null || value === undefined) return undefined;
  let decoded: JsonValue | undefined = value as JsonValue;
  if (typeof value === 'string') {
    const t = value.trim();
    if (t === '') return undefined;
    decoded = t.startsWith('{') ? tryParseJson(t) : parsePairs(t);
    if (decoded === undefined) return value;
  }
  if (!isJsonObject(decoded)) return decoded;
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(decoded)) out[k] = decodeInner(v);
  return out;
}
