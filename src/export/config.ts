/**
 * A live config in the manifest's friendly form: catalogue keys in catalogue order, each value as
 * the model holds it; keys at their static default and read-only keys left out (a manifest that
 * leaves a key out means its default, so the plan stays empty); every secret as `${env:NAME}`,
 * never its value; `${` in any other string written `$${`, so a value read from the API can never
 * become a reference to the environment of whoever applies the manifest.
 */
import { getConnector, type ConnectorKind, type FieldSpec } from '../catalogue/index.js';
import { isSecret, type Config, type JsonValue } from '../model/index.js';
import { defaultOf, isReadOnly } from '../catalogue/index.js';
import { jsonEqual } from '../model/index.js';

/** Writes one secret's reference (the export context names the variable). */
type SecretReference = (field: string) => string;

/** `$${` for every `${` in the strings of a value: the manifest's escape of a literal `${`. */
function escapeReferences(value: JsonValue): JsonValue {
  if (typeof value === 'string') return value.replaceAll('${', () => '$${');
  if (Array.isArray(value)) return value.map(escapeReferences);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeReferences(v)]));
  }
  return value;
}

function secretEntry(field: FieldSpec, present: boolean, secret: SecretReference): string | undefined {
  // NOTE: a secret that reads back null was never set, or is withheld: the export still names a
  // variable for a required one (the manifest must set it), and leaves an optional one out.
  return present || field.required ? secret(field.name) : undefined;
}

/** The `config` of one object as manifest data; `undefined` when the connector is not in the catalogue. */
export function exportConfig(
  kind: ConnectorKind,
  code: string,
  config: Config,
  secret: SecretReference,
): Record<string, JsonValue> | undefined {
  const spec = getConnector(kind, code);
  if (!spec) return undefined;
  const out: Record<string, JsonValue> = {};
  for (const field of spec.fields) {
    if (isReadOnly(field)) continue;
    const value = config[field.name];
    if (field.secret) {
      const ref = secretEntry(field, value !== undefined && value !== null, secret);
      if (ref !== undefined) out[field.name] = ref;
      continue;
    }
    if (value === undefined || value === null || isSecret(value)) continue;
    if (jsonEqual(value, defaultOf(field))) continue;
    out[field.name] = escapeReferences(value);
  }
  return out;
}
