/**
 * Source and destination reader (api-notes §3.1, §5, §7.1–§7.4, §7.7–§7.9): the two kinds share one
 * object shape. Reads `id, name, connector, config, kc_cluster_id, tags`; `connector_status` goes to
 * live.status; every other top-level field (topics, tasks, timestamps, ids of the tenant) is
 * volatile or unmanaged and stays out of the model. Config is split by the catalogue
 * (split-config.ts); secrets read back in plaintext (`secret_returned=true`) become SecretValue.
 */
import type { JsonValue, LiveOf } from '../../model/index.js';
import { PROTECTED_TAG } from '../../model/index.js';
import { fingerprintOf } from '../fingerprint.js';
import { ShapeReader, isRecord } from '../parse.js';
import type { ListedLive, ReadContext, ReadResult } from '../reader.js';
import { connectorFields, splitConfig } from '../split-config.js';

type ConnectorKind = 'source' | 'destination';

export function readConnector<K extends ConnectorKind>(
  kind: K,
  raw: unknown,
  ctx: ReadContext,
): ReadResult<LiveOf<K>> {
  if (!isRecord(raw)) return { problems: ['not an object'] };
  const r = new ShapeReader(raw);
  const id = r.requiredString('id');
  const name = r.requiredString('name');
  const connector = r.requiredString('connector');
  const rawConfig = r.optionalRecord('config') ?? {};
  const kcClusterId = r.optionalString('kc_cluster_id');
  const status = r.optionalString('connector_status');
  const tags = ctx.tags.resolve(raw.tags, `${kind} "${name}"`);
  if (tags.problem) r.problems.push(tags.problem);
  if (r.problems.length > 0) return { problems: r.problems };

  const fields = connectorFields(kind, connector);
  const known = fields.known;
  if (!known)
    ctx.warn(
      `${kind} "${name}" (${id}) uses connector "${connector}", which this version's catalogue does not know; its config is not read`,
    );
  // NOTE: with an unknown connector nothing tells secrets apart, so no config is kept at all.
  const split = known
    ? splitConfig(kind, connector, rawConfig)
    : { config: {}, readOnlyConfig: {}, shortKeys: {}, extraConfig: {}, badKeys: [] };
  for (const key of split.badKeys)
    ctx.warn(`${kind} "${name}": config key "${key}" does not have its catalogue type; kept as read`);

  const wire: Record<string, JsonValue> = { connector };
  if (kcClusterId) wire.kc_cluster_id = kcClusterId;
  const value: LiveOf<ConnectorKind> = {
    kind,
    name,
    connector,
    config: split.config,
    // NOTE: unknown wire keys sit both in the model's extraConfig (compared only for keys a manifest
    // sets, rule 1) and in live.extraConfig (kept for whole-config PUT bodies).
    extraConfig: split.extraConfig,
    tags: tags.names,
    protected: tags.names.includes(PROTECTED_TAG),
    previousNames: [],
    live: {
      id,
      fingerprint: ctx.fingerprints === false ? '' : fingerprintOf(raw, fields.isSecretKey),
      tagIds: tags.ids,
      status,
      readOnlyConfig: split.readOnlyConfig,
      shortKeys: split.shortKeys,
      extraConfig: split.extraConfig,
      wire,
    },
  };
  // NOTE: `kind` is K, so the value is the model of K; TypeScript cannot narrow a generic kind.
  return { value: value as LiveOf<K> };
}

/** Sources and destinations are listed alike, under their own path, secrets in plaintext (api-notes §2.4). */
export function connectorLive<K extends ConnectorKind>(kind: K, path: string): ListedLive<K> {
  return {
    list: { path, query: { secret_returned: true } },
    read: (raw, ctx) => readConnector(kind, raw, ctx),
  };
}
