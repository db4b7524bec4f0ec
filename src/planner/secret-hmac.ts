import { createHash, createHmac } from 'node:crypto';
import { sortKeysDeep } from './canonical.js';

/**
 * Keyed hash of a secret's plaintext: what a plan holds instead of the value. With the same key,
 * apply can check that the secret resolved from the environment is the one that was planned.
 */
export function hmacSecret(key: string, plaintext: string): string {
  return createHmac('sha256', key).update(plaintext, 'utf8').digest('hex');
}

/**
 * The plan key derived from other key material (the API client secret) when
 * STREAMKAP_GITOPS_PLAN_KEY is not set. The label keeps it distinct from the material itself.
 */
export function derivePlanKey(material: string): string {
  return createHash('sha256')
    .update('streamkap-gitops plan key v1\0', 'utf8')
    .update(material, 'utf8')
    .digest('hex');
}

/**
 * The seal of a saved plan: HMAC-SHA256 under the plan key over the whole document (every field but
 * the seal itself), as JSON with sorted keys, so it does not depend on how the file is laid out. The
 * label keeps it distinct from the secrets' hashes under the same key.
 */
export function planSeal(key: string, document: unknown): string {
  return createHmac('sha256', key)
    .update('streamkap-gitops plan seal v1\0', 'utf8')
    .update(JSON.stringify(sortKeysDeep(document)), 'utf8')
    .digest('hex');
}
