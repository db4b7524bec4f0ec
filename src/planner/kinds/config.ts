import type { ConnectorKind } from '../../catalogue/index.js';
import {
  isSecret,
  jsonEqual as equal,
  type Config,
  type FieldChange,
  type JsonValue,
} from '../../model/index.js';
import { sortKeysDeep } from '../canonical.js';
import { refAsJson, type DiffContext } from '../context.js';
import { liveValueOrDefault } from '../rules/defaults.js';
import { extraConfigChanges } from '../rules/extra-config.js';
import { managedFields, type ManagedField } from '../rules/managed-keys.js';
import { compareSecret, secretRef } from '../rules/secrets.js';
import { desiredValueOrDefault, UNMANAGED, type Unmanaged } from '../rules/server-may-fill.js';

function secretChange(
  f: ManagedField,
  desired: Config,
  live: Config,
  ctx: DiffContext,
): FieldChange | undefined {
  const cmp = compareSecret(desired[f.name], live[f.name], ctx.resendSecrets);
  return cmp === 'changed' ? { path: `config.${f.name}`, sensitive: true } : undefined;
}

/**
 * Both sides are typed by the catalogue codec (schema and state decode), so this compares values
 * only: the manifest value or the default against the live value or the default.
 */
function valueChange(f: ManagedField, desired: Config, live: Config): FieldChange | undefined {
  const d = desiredValueOrDefault(desired[f.name], f.default);
  if (d === UNMANAGED) return undefined;
  const l = liveValueOrDefault(live[f.name], f.default);
  if (d === l || equal(d, l)) return undefined;
  const path = `config.${f.name}`;
  const after = d as JsonValue;
  const change: FieldChange = l === undefined ? { path, after } : { path, before: l as JsonValue, after };
  return f.spec.setOnce ? { ...change, forcesReplace: true } : change;
}

/** Config of a connector the catalogue does not know: the manifest's keys, loosely compared. */
function unknownConnectorChanges(desired: Config, live: Config): FieldChange[] {
  const plainDesired: Record<string, JsonValue> = {};
  const plainLive: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(desired)) if (!isSecret(v)) plainDesired[k] = v;
  for (const [k, v] of Object.entries(live)) if (!isSecret(v)) plainLive[k] = v;
  return extraConfigChanges(plainDesired, plainLive).map((c) => ({
    ...c,
    path: c.path.replace(/^extraConfig\./, 'config.'),
  }));
}

/** Field-level config changes (rules 1-5, 9, 10, 13 for set-once keys), sorted by field name. */
export function diffConfig(
  kind: ConnectorKind,
  code: string,
  desired: Config,
  live: Config,
  ctx: DiffContext,
): FieldChange[] {
  const fields = managedFields(kind, code);
  if (fields === null) return unknownConnectorChanges(desired, live);
  const changes: FieldChange[] = [];
  for (const f of fields) {
    const change = f.spec.secret ? secretChange(f, desired, live, ctx) : valueChange(f, desired, live);
    if (change) changes.push(change);
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The config to write, in plan form: every key the manifest sets (typed) plus the static default of
 * every key it leaves unset, so a removed key goes back to its default. Keys without a default
 * that the manifest does not set are absent: the applier keeps the live value. Secrets as SecretRef.
 */
export function planConfig(
  kind: ConnectorKind,
  code: string,
  desired: Config,
  ctx: DiffContext,
): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  const fields = managedFields(kind, code);
  if (fields === null) {
    for (const k of Object.keys(desired).sort()) {
      const v = desired[k] as Config[string];
      out[k] = isSecret(v) ? refAsJson(secretRef(v, ctx.hmacKey)) : sortKeysDeep(v);
    }
    return out;
  }
  for (const f of fields) {
    const raw = desired[f.name];
    if (f.spec.secret) {
      if (raw !== undefined && raw !== null) out[f.name] = refAsJson(secretRef(raw, ctx.hmacKey));
      continue;
    }
    const v = desiredValueOrDefault(raw, f.default) as JsonValue | Unmanaged;
    if (v !== UNMANAGED) out[f.name] = v !== null && typeof v === 'object' ? sortKeysDeep(v) : v;
  }
  return out;
}

/** What a create shows: the keys the manifest states (defaults are implied), secrets masked. */
export function createConfigChanges(kind: ConnectorKind, code: string, desired: Config): FieldChange[] {
  const changes: FieldChange[] = [];
  const fields = managedFields(kind, code);
  const secretKeys = new Set(fields?.filter((f) => f.spec.secret).map((f) => f.name) ?? []);
  for (const key of Object.keys(desired).sort()) {
    const raw = desired[key];
    if (raw === undefined || raw === null) continue;
    const path = `config.${key}`;
    if (isSecret(raw) || secretKeys.has(key)) {
      changes.push({ path, sensitive: true });
      continue;
    }
    changes.push({ path, after: raw });
  }
  return changes;
}
