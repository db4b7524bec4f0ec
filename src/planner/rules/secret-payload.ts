import { shape, type FieldChange, type PlanPayload } from '../../model/index.js';

/**
 * Rule 9, secrets on update: an update's payload holds a secret only where the plan shows it changed
 * (`(sensitive value changed)`: known to differ, or --resend-secrets). Every other secret is left out,
 * so the write echoes the live value when the API returned it and otherwise does not send the key:
 * a write that adds ownership (or changes other keys) never overwrites a secret whose live value is
 * unknown with whatever the variable holds. Creates and replaces keep every secret.
 */
export function changedSecretsOnly(payload: PlanPayload, changes: readonly FieldChange[]): PlanPayload {
  const changed = new Set(changes.filter((c) => c.sensitive === true).map((c) => c.path));
  const walk = (value: unknown, path: string): unknown => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (shape.isSecretRefShape(v) && !changed.has(at)) continue;
      out[key] = shape.isSecretRefShape(v) ? v : walk(v, at);
    }
    return out;
  };
  // NOTE: only secret references are dropped, so the payload keeps its kind's shape (a secret key is optional).
  return walk(payload, '') as PlanPayload;
}
