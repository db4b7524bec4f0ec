/**
 * The check of a saved plan's payload config (`apply --plan`): the keys the planner writes for the
 * connector (the catalogue's managed keys), every secret key a SecretRef and no other key one. A
 * connector the catalogue does not know is not checked key by key (the planner copies its keys).
 */
import type { ConnectorKind } from '../../catalogue/index.js';
import { shape, type PayloadConfig, type Shape } from '../../model/index.js';
import { managedFields } from '../rules/managed-keys.js';

const configMap: Shape<PayloadConfig> = shape.record(shape.configValue);

/** Problems of `config` (at `path`) for the connector `code` of `kind`; never values. */
export function checkPlanConfig(
  kind: ConnectorKind,
  code: string,
  config: PayloadConfig,
  path: string,
  problems: string[],
): void {
  const fields = managedFields(kind, code);
  if (fields === null) return;
  const secret = new Map(fields.map((f) => [f.name, f.spec.secret]));
  for (const [key, value] of Object.entries(config)) {
    const isSecretKey = secret.get(key);
    if (isSecretKey === undefined) problems.push(`${path}.${key}: not a key of ${kind} "${code}"`);
    else if (isSecretKey && !shape.isSecretRefShape(value))
      problems.push(`${path}.${key}: a secret must be a secret reference {"$secret": …}, not a value`);
    else if (!isSecretKey && shape.isSecretRefShape(value))
      problems.push(`${path}.${key}: holds a secret reference but is not a secret`);
  }
}

export { configMap };
