/**
 * Builds the wire `config` of a write body from the model's friendly keys (api-notes §5.5): which
 * keys go out, each value encoded by the catalogue codec (native JSON types, map forms, secrets
 * revealed, placeholders and read-only keys never sent).
 */
import { defaultOf, encode, getConnector, isReadOnly, shortKeyFields } from '../catalogue/index.js';
import type { ConnectorKind, FieldSpec } from '../catalogue/index.js';
import { UserError } from '../errors/index.js';
import { jsonEqual, type Config, type JsonValue, type LiveResource } from '../model/index.js';

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
  live: LiveResource,
): WireConfig {
  const out: WireConfig = {};
  const liveConfig: Config = 'config' in live ? live.config : {};
  for (const field of fieldsOf(kind, code)) {
    if (isReadOnly(field)) continue;
    // NOTE: a secret the payload leaves out (unchanged, or unknown) is the live one: defaultOf gives
    // none for a secret, so it is echoed when read and not sent when it read back null.
    put(out, field, desired[field.name] ?? defaultOf(field) ?? liveConfig[field.name]);
  }
  keepShortKeys(out, kind, code, liveConfig, live.live.shortKeys ?? {});
  for (const [k, v] of Object.entries(live.live.extraConfig)) out[k] = v as JsonValue;
  for (const [k, v] of Object.entries(extra)) out[k] = v as JsonValue;
  return out;
}

/**
 * The short keys the live config holds (`table.include.list`: the quickstart's spelling, or the
 * server's derived twin) are never dropped (api-notes §5.2, §5.5): each is echoed as read, unless this body
 * changes its field, which it then says under both keys, so that the change holds whichever key the
 * server reads (the quickstart presents `.user.defined` as tables added to the short list).
 */
function keepShortKeys(
  out: WireConfig,
  kind: ConnectorKind,
  code: string,
  liveConfig: Config,
  shortKeys: Readonly<Record<string, JsonValue>>,
): void {
  const twins = shortKeyFields(kind, code);
  for (const [short, asRead] of Object.entries(shortKeys)) {
    const field = twins.get(short);
    if (!field || isReadOnly(field) || field.secret) continue;
    const sent = out[field.apiKey];
    const changed = sent !== undefined && !jsonEqual(sent, encode(field, liveConfig[field.name]));
    out[short] = changed ? sent : asRead;
  }
}
