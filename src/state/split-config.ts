/**
 * Splits a live `config` object into the model's parts through the catalogue (api-notes §5.2, §7.1, §7.2,
 * §7.4, §7.9): user keys → `config` under friendly names with typed values; read-only and
 * `.user.displayed` keys, and derived keys such as `database.hostname` (the server-computed twin of
 * `database.hostname.user.defined`) → `readOnlyConfig`; keys the catalogue does not know →
 * `extraConfig` (wire keys, values as read). Static defaults are NOT filled in here: the planner
 * applies rule 3 to both sides, so the live model says exactly what the server holds.
 */
import { decode, getConnector, isReadOnly, shortApiKey } from '../catalogue/index.js';
import type { ConnectorKind, FieldSpec } from '../catalogue/index.js';
import type { ConfigValue, JsonValue } from '../model/index.js';
import { isJsonValue } from './parse.js';
import type { UnknownRecord } from './parse.js';

export interface SplitConfig {
  readonly config: Record<string, ConfigValue>;
  readonly readOnlyConfig: Record<string, JsonValue>;
  readonly extraConfig: Record<string, JsonValue>;
  /** Keys whose value did not fit the catalogue type (kept as read): key names only, never values. */
  readonly badKeys: readonly string[];
}

/** One connector's catalogue, indexed for reading 10,000 objects (built once per connector). */
export interface ConnectorFields {
  readonly known: boolean;
  readonly byApiKey: ReadonlyMap<string, FieldSpec>;
  /** Short forms of `.user.defined`/`.user.displayed` keys that are not themselves catalogue keys. */
  readonly derived: ReadonlySet<string>;
  /**
   * The derived twins of secret keys (`mongodb.connection.string` of
   * `mongodb.connection.string.user.defined`): they hold the secret in plaintext and are dropped.
   */
  readonly secretDerived: ReadonlySet<string>;
  /** API keys kept apart as read-only (`read_only` or `.user.displayed`, rule 4). */
  readonly readOnly: ReadonlySet<string>;
  readonly isSecretKey: (apiKey: string) => boolean;
}

const indexCache = new Map<string, ConnectorFields>();

export function connectorFields(kind: ConnectorKind, code: string): ConnectorFields {
  const cacheKey = `${kind}:${code}`;
  const cached = indexCache.get(cacheKey);
  if (cached) return cached;
  const spec = getConnector(kind, code);
  const fields = spec?.fields ?? [];
  const byApiKey = new Map(fields.map((f) => [f.apiKey, f]));
  const derived = new Set<string>();
  const secretDerived = new Set<string>();
  for (const f of fields) {
    const short = shortApiKey(f.apiKey);
    if (short !== f.apiKey && !byApiKey.has(short)) (f.secret ? secretDerived : derived).add(short);
  }
  const index: ConnectorFields = {
    known: spec !== undefined,
    byApiKey,
    derived,
    secretDerived,
    readOnly: new Set(fields.filter(isReadOnly).map((f) => f.apiKey)),
    isSecretKey: (apiKey) => byApiKey.get(apiKey)?.secret === true,
  };
  indexCache.set(cacheKey, index);
  return index;
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
  const config: Record<string, ConfigValue> = {};
  const readOnlyConfig: Record<string, JsonValue> = {};
  const extraConfig: Record<string, JsonValue> = {};
  const badKeys: string[] = [];
  const { byApiKey, derived, secretDerived, readOnly } = connectorFields(kind, code);
  // NOTE: for-in over a JSON.parse result (own enumerable keys only) avoids an entries array per object.
  for (const key in raw) {
    const value = raw[key];
    if (value === null || value === undefined || ignoreKeys.has(key)) continue;
    const field = byApiKey.get(key);
    if (!field) {
      if (!isJsonValue(value) || secretDerived.has(key)) continue;
      if (derived.has(key)) readOnlyConfig[key] = value;
      else extraConfig[key] = value;
      continue;
    }
    const decoded = decode(field, value);
    if (!decoded.ok) badKeys.push(key);
    // NOTE: a value that does not fit its type is kept as read, so the plan shows it.
    const typed = decoded.ok ? decoded.value : (value as JsonValue);
    if (typed === undefined) continue;
    // NOTE: no catalogue field is both read-only and secret; a SecretValue is never kept apart.
    if (readOnly.has(key)) {
      if (isJsonValue(typed)) readOnlyConfig[field.name] = typed;
    } else {
      config[field.name] = typed;
    }
  }
  return { config, readOnlyConfig, extraConfig, badKeys };
}
