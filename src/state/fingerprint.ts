/**
 * The live fingerprint a saved plan is checked against (LiveMeta.fingerprint): sha256 over the
 * canonical JSON (keys sorted) of the object as read, minus volatile fields (§2.7, §7 rule 8), with
 * set-valued arrays sorted and every secret replaced by its sha256. Stable across reads that differ
 * only in status; changes when any managed field changes. Secrets never enter it in plaintext.
 */
import { createHash } from 'node:crypto';
import { isRecord } from './parse.js';

/** Top-level fields that change without anyone editing the object. */
export const VOLATILE_FIELDS: ReadonlySet<string> = new Set([
  'connector_status',
  'desired_state',
  'status',
  'start_time',
  'version',
  'topic_ids',
  'topics',
  'topic_map',
  'tasks',
  'task_statuses',
  'metrics',
  'created_timestamp',
  'updated_timestamp',
  'created_at',
  'updated_at',
  'last_updated',
]);

/** The provider's pattern for sensitive key names (contract §5.6): hashed even when not in the catalogue. */
export const SENSITIVE_KEY =
  /password|passwd|secret|token|credential|passphrase|api[_-]?key|private[_-]?key|access[_-]?key|auth|bearer|cookie|sasl|pem/i;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * `isSecretKey(key)` says which `config` keys hold secrets (catalogue `secret: true`); keys matching
 * SENSITIVE_KEY are hashed too.
 */
export function fingerprintOf(object: unknown, isSecretKey: (key: string) => boolean = () => false): string {
  if (!isRecord(object)) return sha256(canonicalJson(object));
  const projected: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (VOLATILE_FIELDS.has(key)) continue;
    if (key === 'tags') projected.tags = sortedTagIds(value);
    else if (key === 'config' && isRecord(value)) projected.config = hashSecrets(value, isSecretKey);
    else projected[key] = value;
  }
  return sha256(canonicalJson(projected));
}

function hashSecrets(
  config: Readonly<Record<string, unknown>>,
  isSecretKey: (key: string) => boolean,
): unknown {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const secret = isSecretKey(key) || SENSITIVE_KEY.test(key);
    out[key] =
      secret && value !== null && value !== undefined ? { sha256: sha256(canonicalJson(value)) } : value;
  }
  return out;
}

function sortedTagIds(value: unknown): unknown {
  // NOTE: `null` and `[]` both mean "no tags" (rule 7).
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return value;
  const ids = value
    .map((t) => (isRecord(t) ? t.id : t))
    .map((t) => (typeof t === 'string' ? t : canonicalJson(t)));
  return [...new Set(ids)].sort();
}

/** JSON with object keys sorted at every level; `undefined` members are dropped as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
