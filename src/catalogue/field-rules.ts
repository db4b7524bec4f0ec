/**
 * What the catalogue says about a field beyond its type (api-notes §5.2, §5.4, §5.6): which fields are
 * the server's own, which are secret, which default applies, and the patterns that recognise
 * placeholder defaults, withheld secrets and secret-looking key names. The one home of each rule;
 * schema, state, planner, applier and the emulator all ask here.
 */
import type { FieldSpec } from './types.js';

/** A placeholder default the server resolves (`<SSH.PUBLIC.KEY>`, `<API_KEY>`): never sent, never compared. */
export const PLACEHOLDER_PATTERN = /^<([^<>]+)>$/;

/**
 * The Terraform provider's pattern for sensitive key names (api-notes §5.6): used for keys the catalogue does
 * not mark secret (extra_config, log lines, fingerprints).
 */
export const SECRET_KEY_PATTERN =
  /password|passwd|secret|token|credential|passphrase|api[_-]?key|private[_-]?key|access[_-]?key|auth|bearer|cookie|sasl|pem/i;

/** How the server withholds a secret when `secret_returned` is not true (one of its ASSUMED forms, api-notes §8.4). */
export const SECRET_MASK = '********';

const USER_SUFFIX = /\.user\.(defined|displayed)$/;

/** `database.hostname.user.defined` → `database.hostname` (the quickstart's short dotted form, api-notes §5.2). */
export function shortApiKey(apiKey: string): string {
  return apiKey.replace(USER_SUFFIX, '');
}

export function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && PLACEHOLDER_PATTERN.test(value);
}

/** A key name that looks like it holds a secret. */
export function looksSecret(key: string): boolean {
  return SECRET_KEY_PATTERN.test(key);
}

/** A secret read back masked (`"********"`): the plaintext is unknown, not this text. */
export function isMaskedSecret(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && /^\*+$/.test(value);
}

/** Server-generated (`read_only`, `*.user.displayed`): never set by a manifest, never sent, never diffed (api-notes §7.4). */
export function isReadOnly(field: FieldSpec): boolean {
  return field.readOnly === true || field.apiKey.endsWith('.user.displayed');
}

/**
 * String fields that hold a comma-separated list on the wire (`table.include.list.user.defined`): a
 * list given for one is joined with ",".
 */
export function isCommaListField(field: FieldSpec): boolean {
  return field.type === 'string' && !field.enum && isCommaListName(field.name);
}

/** The name rule alone, for code that has no catalogue field at hand (the plan renderers). */
export function isCommaListName(name: string): boolean {
  return /(^|[._])(include|exclude)[._]list$|_list$/.test(name);
}
