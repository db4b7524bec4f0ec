import type { Resource } from './resource.js';
import { isSecret } from './secret.js';

/** The plaintext of every secret the resources hold (for masking; never for output). */
export function secretValues(resources: readonly Resource[]): string[] {
  const out: string[] = [];
  for (const r of resources) {
    if (!('config' in r)) continue;
    for (const v of Object.values(r.config)) if (isSecret(v) && v.reveal() !== '') out.push(v.reveal());
  }
  return out;
}
