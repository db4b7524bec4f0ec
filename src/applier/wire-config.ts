/**
 * Builds the wire `config` of a write body from the model's friendly keys (api-notes §5.3–§5.7):
 * native JSON types by catalogue type, map-valued keys in the form the provider sends, read-only
 * keys and `<PLACEHOLDER>` defaults never sent, secrets revealed only here.
 */
import { getConnector } from '../catalogue/index.js';
import type { ConnectorKind, FieldSpec } from '../catalogue/index.js';
import { UserError } from '../errors/index.js';
import { isSecret } from '../model/index.js';
import type { JsonValue } from '../model/index.js';

const PLACEHOLDER = /^<[^<>]+>$/;

export type WireConfig = Record<string, JsonValue>;

function isReadOnly(field: FieldSpec): boolean {
  return field.readOnly === true || field.apiKey.endsWith('.user.displayed');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isSecret(v);
}

function asJson(v: unknown): JsonValue {
  if (isSecret(v)) return v.reveal();
  if (Array.isArray(v)) return v.map(asJson);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asJson(x)]));
  return v as JsonValue;
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** One value in the JSON type the API takes for this field; undefined = do not send. */
export function encodeValue(field: FieldSpec, raw: unknown): JsonValue | undefined {
  if (raw === undefined || raw === null) return undefined;
  const value = asJson(raw);
  if (typeof value === 'string' && PLACEHOLDER.test(value)) return undefined;
  switch (field.type) {
    case 'int': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) ? n : value;
    }
    case 'bool':
      if (value === 'true') return true;
      if (value === 'false') return false;
      return value;
    case 'list<string>':
      if (typeof value === 'string') {
        return value
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
      }
      return value;
    case 'string':
      // NOTE: a list given for a comma-separated string field (table lists) goes out as one string.
      if (Array.isArray(value)) return value.map(String).join(',');
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    case 'json-string':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'map<string,string>':
    case 'map<string,object>':
      return encodeMap(field, value);
  }
}

/**
 * Map-valued keys (api-notes §5.7): objects, except where the catalogue marks the field as sent as a JSON
 * string (ClickHouse `topics.config.map`: a JSON string whose object values are JSON strings).
 */
function encodeMap(field: FieldSpec, value: JsonValue): JsonValue {
  const map = typeof value === 'string' ? parseJsonText(value) : value;
  if (!isRecord(map)) return value;
  if (!field.jsonString) return map as JsonValue;
  const inner = Object.fromEntries(
    Object.entries(map).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
  return JSON.stringify(inner);
}

function fieldsOf(kind: ConnectorKind, code: string): readonly FieldSpec[] {
  const spec = getConnector(kind, code);
  if (!spec) {
    throw new UserError(`${kind} connector "${code}" is not in this version's catalogue`, {
      hint: 'upgrade streamkap-gitops or use a connector code listed by `streamkap-gitops schema`',
    });
  }
  return spec.fields;
}

function put(out: WireConfig, field: FieldSpec, raw: unknown): void {
  const v = encodeValue(field, raw);
  if (v !== undefined) out[field.apiKey] = v;
}

/** A create sends the manifest values plus static defaults (api-notes §5.5), then the extra_config keys. */
export function createConfig(
  kind: ConnectorKind,
  code: string,
  desired: Readonly<Record<string, unknown>>,
  extra: Readonly<Record<string, unknown>>,
): WireConfig {
  const out: WireConfig = {};
  for (const field of fieldsOf(kind, code)) {
    if (isReadOnly(field)) continue;
    put(out, field, desired[field.name] ?? field.default);
  }
  for (const [k, v] of Object.entries(extra)) out[k] = asJson(v);
  return out;
}

/**
 * An update sends the whole config (api-notes §5.5), since PUT may replace it: the manifest value, else the
 * static default, else the live value, else nothing. Live keys the catalogue does not know are
 * echoed so a replacing PUT does not drop them; the manifest's extra_config wins over them.
 * NOTE: the default comes before the live value because the planner resets a key the manifest
 * removed to its static default (diff rule 3); sending the live value would never converge. For
 * keys without a default (server_may_fill) the live value stands, as the contract asks.
 */
export function updateConfig(
  kind: ConnectorKind,
  code: string,
  desired: Readonly<Record<string, unknown>>,
  extra: Readonly<Record<string, unknown>>,
  live: { config: Readonly<Record<string, unknown>>; extraConfig: Readonly<Record<string, unknown>> },
): WireConfig {
  const out: WireConfig = {};
  for (const field of fieldsOf(kind, code)) {
    if (isReadOnly(field)) continue;
    put(out, field, desired[field.name] ?? field.default ?? live.config[field.name]);
  }
  for (const [k, v] of Object.entries(live.extraConfig)) out[k] = asJson(v);
  for (const [k, v] of Object.entries(extra)) out[k] = asJson(v);
  return out;
}
