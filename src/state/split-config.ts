/**
 * Splits a live `config` object into the model's parts through the catalogue (api-notes §5.2, §7.1,
 * §7.2, §7.4, §7.9): user keys → `config` under friendly names with values typed by the codec;
 * read-only and `.user.displayed` keys → `readOnlyConfig`; short keys such as `database.hostname`
 * (the quickstart's spelling, or the server-computed twin of `database.hostname.user.defined`) →
 * `shortKeys` as read, and `config` when the twin is absent; keys the catalogue does not know →
 * `extraConfig` (wire keys, values as read). Static defaults are NOT filled in here: the planner
 * applies rule 3 to both sides, so the live model says exactly what the server holds.
 */
import { decode, getConnector, isReadOnly, shortKeyFields } from '../catalogue/index.js';
import type { ConnectorKind, FieldSpec } from '../catalogue/index.js';
import type { ConfigValue, JsonValue } from '../model/index.js';
import { isJsonValue } from './parse.js';
import type { UnknownRecord } from './parse.js';

export interface SplitConfig {
  readonly config: Record<string, ConfigValue>;
  readonly readOnlyConfig: Record<string, JsonValue>;
  readonly shortKeys: Record<string, JsonValue>;
  readonly extraConfig: Record<string, JsonValue>;
  /** Keys whose value did not fit the catalogue type (kept as read): key names only, never values. */
  readonly badKeys: readonly string[];
}

/** One connector's catalogue, indexed for reading 10,000 objects (built once per connector). */
export interface ConnectorFields {
  readonly known: boolean;
  readonly byApiKey: ReadonlyMap<string, FieldSpec>;
  /** Short forms of `.user.defined`/`.user.displayed` keys that are not themselves catalogue keys. */
  readonly byShortKey: ReadonlyMap<string, FieldSpec>;
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
  const index: ConnectorFields = {
    known: spec !== undefined,
    byApiKey,
    byShortKey: shortKeyFields(kind, code),
    readOnly: new Set(fields.filter(isReadOnly).map((f) => f.apiKey)),
    isSecretKey: (apiKey) => byApiKey.get(apiKey)?.secret === true,
  };
  indexCache.set(cacheKey, index);
  return index;
}

class Split implements SplitConfig {
  readonly config: Record<string, ConfigValue> = {};
  readonly readOnlyConfig: Record<string, JsonValue> = {};
  readonly shortKeys: Record<string, JsonValue> = {};
  readonly extraConfig: Record<string, JsonValue> = {};
  readonly badKeys: string[] = [];

  constructor(private readonly readOnly: ReadonlySet<string>) {}

  /** A value of a catalogue field, read from `key` (its API key or, twin absent, its short key). */
  field(field: FieldSpec, key: string, value: unknown): void {
    const decoded = decode(field, value);
    if (!decoded.ok) this.badKeys.push(key);
    // NOTE: a value that does not fit its type is kept as read, so the plan shows it.
    const typed = decoded.ok ? decoded.value : (value as JsonValue);
    if (typed === undefined) return;
    // NOTE: no catalogue field is both read-only and secret; a SecretValue is never kept apart.
    if (this.readOnly.has(field.apiKey)) {
      if (isJsonValue(typed)) this.readOnlyConfig[field.name] = typed;
    } else {
      this.config[field.name] = typed;
    }
  }
}

/**
 * `ignoreKeys` are wire keys that carry something else of the model (a transform's
 * `transforms.name` is its name) and belong to none of the parts.
 *
 * A short key (`table.include.list`) is the same field as its `.user.defined` twin when the twin is
 * absent (objects made the quickstart's way hold short keys only, api-notes §5.2); next to its twin it is the
 * server-derived value. Either way it is kept as read in `shortKeys`, for write bodies that must not
 * drop it; secret ones are not kept (they hold the secret in plaintext).
 */
export function splitConfig(
  kind: ConnectorKind,
  code: string,
  raw: UnknownRecord,
  ignoreKeys: ReadonlySet<string> = new Set(),
): SplitConfig {
  const { byApiKey, byShortKey, readOnly } = connectorFields(kind, code);
  const out = new Split(readOnly);
  // NOTE: for-in over a JSON.parse result (own enumerable keys only) avoids an entries array per object.
  for (const key in raw) {
    const value = raw[key];
    if (value === null || value === undefined || ignoreKeys.has(key)) continue;
    const field = byApiKey.get(key);
    if (field) {
      out.field(field, key, value);
      continue;
    }
    const twinOf = byShortKey.get(key);
    if (twinOf && (raw[twinOf.apiKey] === null || raw[twinOf.apiKey] === undefined))
      out.field(twinOf, key, value);
    if (!isJsonValue(value) || twinOf?.secret) continue;
    if (twinOf) out.shortKeys[key] = value;
    else out.extraConfig[key] = value;
  }
  return out;
}
