import { isSecret, type ConfigValue, type SecretRef } from '../../model/index.js';
import { hmacSecret } from '../secret-hmac.js';

export type SecretComparison = 'unmanaged' | 'equal' | 'changed' | 'unknown';

/** NOTE: masked live secrets were read as absent by the codec (state); only plaintext reaches here. */
function plaintextOf(value: ConfigValue | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (isSecret(value)) return value.reveal();
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Rule 9, secrets: compared in memory against the plaintext read with `secret_returned=true`.
 * A live `null` (never set, or withheld/masked) means "unknown", not drift, unless the caller asks
 * to resend secrets. An unset desired secret is unmanaged.
 */
export function compareSecret(
  desired: ConfigValue | undefined,
  live: ConfigValue | undefined,
  resendSecrets: boolean,
): SecretComparison {
  const d = plaintextOf(desired);
  if (d === undefined) return 'unmanaged';
  const l = plaintextOf(live);
  if (l === undefined) return resendSecrets ? 'changed' : 'unknown';
  return d === l ? 'equal' : 'changed';
}

/** What a plan holds for a secret: where it comes from and a keyed hash, never the value. */
export function secretRef(value: ConfigValue, hmacKey: string): SecretRef {
  const plaintext = plaintextOf(value) ?? '';
  const ref = isSecret(value) ? (value.ref ?? null) : null;
  return { $secret: { ref, hmac: hmacSecret(hmacKey, plaintext) } };
}
