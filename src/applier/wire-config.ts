/**
 * Builds the wire `config` of a write body from the model's friendly keys (contract §5.5): which
 * keys go out, each value encoded by the catalogue codec (native JSON types, map forms, secrets
 * revealed, placeholders and read-only keys never sent).
 */
import { defaultOf, encode, getConnector, isReadOnly } from '../catalogue/index.js';
import type { ConnectorKind, FieldSpec } from '../catalogue/index.js';
import { UserError } from '../errors/index.js';
import type { JsonValue } from '../model/index.js';

export type WireConfig = Record<string, JsonValue>;

function fieldsOf(kind: ConnectorKind, code: string): readonly FieldSpec[] {
  const spec = getConnector(kind, code);
  if (!spec) {
    throw new UserError(`${kind} connector "${code}" is not in this version's catalogue`, {
      hint: 'upgrade streamkap-gitops or use a connector code listed by `streamkap-gitops schema`',
    });
  }
  return spec.fields;
}

function put(out: WireConfig, field: FieldSpec, value: unknown): void {
  const v = encode(field, value);
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
    put(out, field, desired[field.name] ?? defaultOf(field));
  }
  for (const [k, v] of Object.entries(extra)) out[k] = v as JsonValue;
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
    put(out, field, desired[field.name] ?? defaultOf(field) ?? live.config[field.name]);
  }
  for (const [k, v] of Object.entries(live.extraConfig)) out[k] = v as JsonValue;
  for (const [k, v] of Object.entries(extra)) out[k] = v as JsonValue;
  return out;
}
