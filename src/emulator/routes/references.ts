/**
 * Deleting something a pipeline still uses (api-notes §9.7, unknown upstream): refuse with 409,
 * cascade to the pipelines, or orphan them, per the `referencedDelete` switch.
 */
import { detail, type Reply } from '../http.js';
import type { ServerEnv } from '../router.js';

export function refuseOrCascade(
  env: ServerEnv,
  kind: 'source' | 'destination' | 'transform',
  id: string,
  label: string,
): Reply | undefined {
  const users = env.store.pipelinesUsing(kind, id);
  if (users.length === 0) return undefined;
  const mode = env.settings().referencedDelete;
  if (mode === 'refuse') {
    const names = users.map((p) => `'${p.name}'`).join(', ');
    return detail(409, `${label} is used by pipeline(s) ${names}; delete or change them first.`);
  }
  if (mode === 'cascade') {
    for (const p of users) {
      env.store.unlinkPipeline(p);
      env.store.pipelines.delete(p.id);
    }
  }
  return undefined;
}
