import type { FieldSpec } from '../../catalogue/index.js';

/**
 * Rule 4, read-only keys (`read_only`, `*.user.displayed`): server-generated values such as the
 * SSH public key. Never diffed, never sent.
 */
export function isReadOnlyField(field: FieldSpec): boolean {
  return field.readOnly === true || field.apiKey.endsWith('.user.displayed');
}
