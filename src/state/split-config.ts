/**
 * Splits a live `config` object into the model's parts through the catalogue (contract §5.2, §7
 * rules 1, 2, 4, 9): user keys → `config` under friendly names with typed values; read-only and
 * `.user.displayed` keys, and derived keys such as `database.hostname` (the server-computed twin of
 * `database.hostname.user.defined`) → `readOnlyConfig`; keys the catalogue does not know →
 * `extraConfig` (wire keys, values as read). Static defaults are NOT filled in here: the planner
 * applies rule 3 to both sides, so the live model says exactly what the server holds.
 */
import { fieldByApiKey, getConnector, shortApiKey } from '../catalogue/index.js';
import type { ConnectorKind } from '../catalogue/index.js';
import type { ConfigValue, JsonValue } from '../model/index.js';
import { coerceValue } from './coerce.js';
import { isJsonValue } from './parse.js';
import type { UnknownRecord } from './parse.js';

export interface SplitConfig {
  readonly config: Record<string, ConfigValue>;
  readonly readOnlyConfig: Record<string, JsonValue>;
  readonly extraConfig: Record<string, JsonValue>;
  /** Keys whose value did not fit the catalogue type (kept as read): key names only, never values. */
  readonly badKeys: readonly string[];
}

const derivedKeyCache = new Map<string, ReadonlySet<string>>();

/** Short forms of `.user.defined`/`.user.displayed` keys that are not themselves catalogue keys. */
function derivedKeys(kind: ConnectorKind, code: string): ReadonlySet<string> {
  const cacheKey = `${kind}:${code}`;
  const cached = derivedKeyCache.get(cacheKey);
  if (cached) return cached;
  const fields = getConnector(kind, code)?.fields ?? [];
  const apiKeys = new Set(fields.map((f) => f.apiKey));
  const derived = new Set<string>();
  for (const f of fields) {
    const short = shortApiKey(f.apiKey);
    if (short !== f.apiKey && !apiKeys.has(short)) derived.add(short);
  }
  derivedKeyCache.set(cacheKey, derived);
  return derived;
}

/**
 * `ignoreKeys` are wire keys that carry something else of the model (a transform's
 * `transforms.name` is its name) and belong to none of the three parts.
 */
export function splitConfig(
  kind: ConnectorKind,
  code: string,
  raw: UnknownRecord,
  ignoreKeys: ReadonlySet<string> = new Set(),
): SplitConfig {
  const out: SplitConfig = { config: {}, readOnlyConfig: {}, extraConfig: {}, badKeys: [] };
  const badKeys: string[] = [];
  const derived = derivedKeys(kind, code);
  for (const [key, value] of Object.entries(raw)) {
    if (ignoreKeys.has(key)) continue;
    const field = fieldByApiKey(kind, code, key);
    if (!field) {
      if (value === null || value === undefined || !isJsonValue(value)) continue;
      if (derived.has(key)) out.readOnlyConfig[key] = value;
      else out.extraConfig[key] = value;
      continue;
    }
    const coerced = coerceValue(field, value);
    if (!coerced.ok) badKeys.push(key);
    const typed = coerced.value;
    if (typed === undefined) continue;
    if (field.readOnly || key.endsWith('.user.displayed')) {
      // NOTE: no catalogue field is both read-only and secret; a SecretValue is never kept here.
      if (isJsonValue(typed)) out.readOnlyConfig[field.name] = typed;
    } else {
      out.config[field.name] = typed;
    }
  }
  return { ...out, badKeys };
}
