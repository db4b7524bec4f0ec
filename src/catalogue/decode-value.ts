/**
 * The typing rules of config values (api-notes §5.3, §5.7, §7.2, §7.9, §7.10): one value as the API
 * or a manifest spells it → the model's typed value for its catalogue field. int → number, bool →
 * boolean, list<string> → string[], maps → objects, secrets → SecretValue; `null` is absent. Schema
 * (manifest values) and state (live values) both decode here, so the planner compares like with like.
 */
import { jsonEqual, SecretValue, type ConfigValue, type JsonValue } from '../model/index.js';
import { isCommaListField, isMaskedSecret, isPlaceholder } from './field-rules.js';
import type { FieldSpec } from './types.js';

/** `value` undefined = absent. A value that does not fit is returned as given, with the reason. */
export type Decoded =
  | { readonly ok: true; readonly value: ConfigValue | undefined }
  | {
      readonly ok: false;
      readonly value: unknown;
      readonly reason: string;
      /** Where inside the value the misfit is (`[topic, key]` of a map entry). */
      readonly at: readonly string[];
    };

const INT = /^[+-]?\d+$/;
/** The text forms of a boolean the API may write (any case). */
export const BOOLEAN_TEXTS = { true: ['true', 't', '1', 'yes'], false: ['false', 'f', '0', 'no'] } as const;
const TRUE: ReadonlySet<string> = new Set(BOOLEAN_TEXTS.true);
const FALSE: ReadonlySet<string> = new Set(BOOLEAN_TEXTS.false);

function fits(value: ConfigValue | undefined): Decoded {
  return { ok: true, value };
}

function misfit(value: unknown, reason: string, at: readonly string[] = []): Decoded {
  return { ok: false, value, reason, at };
}

type Obj = Record<string, unknown>;

function isRecord(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof SecretValue);
}

/** An integer: a safe integer number, or its decimal text (`"5432"`, `" -1 "`). */
export function parseInteger(value: unknown): number | undefined {
  const n = typeof value === 'string' && INT.test(value.trim()) ? Number(value.trim()) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
}

/**
 * A boolean: native, or text as the API may write it. The provider parses with Go's ParseBool
 * (`1`, `t`, `true`, `0`, `f`, `false`, any case); the quickstart also shows `yes`/`no`.
 */
export function parseBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const t = value.trim().toLowerCase();
  return TRUE.has(t) ? true : FALSE.has(t) ? false : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function decodeString(field: FieldSpec, v: unknown): Decoded {
  // NOTE: never coerce the text itself: "Yes" and "10000" are strings by contract (api-notes §5.3).
  if (typeof v === 'string') return fits(v);
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return fits(String(v));
  const items = Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number');
  if (items && isCommaListField(field)) return fits(v.map(String).join(','));
  return misfit(v, 'not a string');
}

/** An array, a JSON-array string, or a comma-separated string (entries trimmed, empty ones dropped). */
function decodeList(v: unknown): Decoded {
  let list = v;
  if (typeof v === 'string') {
    const t = v.trim();
    list = t.startsWith('[') ? parseJson(t) : undefined;
    if (list === undefined)
      return fits(
        t
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      );
  }
  if (Array.isArray(list) && list.every((x) => typeof x === 'string' || typeof x === 'number')) {
    return fits(list.map(String));
  }
  return misfit(v, 'not a list of strings');
}

/** An object, a JSON-object string, or (string maps) the older `raw:dedupe,raw2:dedupe2` form (api-notes §5.7). */
function asMap(v: unknown, pairs: boolean): Obj | undefined {
  if (isRecord(v)) return v;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  if (t === '') return {};
  const parsed = t.startsWith('{') ? parseJson(t) : undefined;
  if (isRecord(parsed)) return parsed;
  return pairs && parsed === undefined ? parsePairs(t) : undefined;
}

function parsePairs(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const i = part.indexOf(':');
    const key = part.slice(0, i).trim();
    if (i <= 0 || key === '') return undefined;
    out[key] = part.slice(i + 1).trim();
  }
  return out;
}

function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function decodeStringMap(v: unknown): Decoded {
  const map = asMap(v, true);
  if (!map) return misfit(v, 'not a map');
  const out: Record<string, JsonValue> = {};
  for (const [k, x] of Object.entries(map)) {
    const text = scalarText(x);
    if (text === undefined) return misfit(v, 'not a string', [k]);
    out[k] = text;
  }
  return fits(out);
}

/** Entries are objects or JSON strings of objects (ClickHouse's `{topic: "<JSON>"}`), typed by mapValueFields. */
function decodeObjectMap(field: FieldSpec, v: unknown): Decoded {
  const map = asMap(v, false);
  if (!map) return misfit(v, 'not a map');
  const inner = field.mapValueFields ?? {};
  const out: Record<string, JsonValue> = {};
  for (const [key, raw] of Object.entries(map)) {
    const entry = asMap(raw, false);
    if (!entry) return misfit(v, 'not a mapping', [key]);
    const typed: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(entry)) {
      const isInt = inner[k]?.type.startsWith('int') === true;
      const value = isInt ? parseInteger(x) : inner[k] ? scalarText(x) : (x as JsonValue);
      if (value === undefined) return misfit(v, isInt ? 'not an integer' : 'not a string', [key, k]);
      typed[k] = value;
    }
    out[key] = typed;
  }
  return fits(out);
}

/** A secret as read: plaintext becomes a SecretValue; a masked one is unknown (absent, api-notes §7.9). */
function decodeSecret(v: unknown): Decoded {
  if (v instanceof SecretValue) return fits(v);
  if (typeof v === 'string') return fits(isMaskedSecret(v) ? undefined : new SecretValue(v));
  if (typeof v === 'number' || typeof v === 'boolean') return fits(new SecretValue(String(v)));
  if (isRecord(v)) return fits(new SecretValue(JSON.stringify(v)));
  return misfit(null, 'not a secret value');
}

/** One value of `field` as the model holds it. */
export function decode(field: FieldSpec, value: unknown): Decoded {
  if (value === null || value === undefined) return fits(undefined);
  if (field.secret) return decodeSecret(value);
  switch (field.type) {
    case 'int': {
      const n = parseInteger(value);
      return n === undefined ? misfit(value, 'not an integer') : fits(n);
    }
    case 'bool': {
      const b = parseBool(value);
      return b === undefined ? misfit(value, 'not a boolean') : fits(b);
    }
    case 'string':
      return decodeString(field, value);
    case 'list<string>':
      return decodeList(value);
    case 'map<string,string>':
      return decodeStringMap(value);
    case 'map<string,object>':
      return decodeObjectMap(field, value);
    case 'json-string':
      return fits(typeof value === 'string' ? value : JSON.stringify(value));
  }
}

/**
 * The static default as a model value (api-notes §5.4, §7.3), or undefined when there is none we could
 * send or compare: placeholders are resolved by the server, and secrets have no default we write.
 */
export function defaultOf(field: FieldSpec): ConfigValue | undefined {
  if (field.default === undefined || field.secret || isPlaceholder(field.default)) return undefined;
  const d = decode(field, field.default);
  return d.ok ? d.value : undefined;
}

/**
 * Two values of a key the catalogue does not know (extra_config): equal, or the same scalar as the
 * server string-encodes it (`5` and `"5"`, `true` and `"true"`). Nothing else is known about them.
 */
export function sameUntypedValue(desired: JsonValue, live: JsonValue | undefined): boolean {
  if (jsonEqual(desired, live)) return true;
  if (typeof live !== 'string') return false;
  if (typeof desired === 'number') return String(desired) === live.trim();
  return typeof desired === 'boolean' && parseBool(live) === desired;
}
