import { createHash, createHmac } from 'node:crypto';

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
