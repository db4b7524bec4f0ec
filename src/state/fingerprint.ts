/**
 * The live fingerprint a saved plan is checked against (LiveMeta.fingerprint): sha256 over the
 * canonical JSON (keys sorted) of the object as read, minus volatile fields (api-notes §2.7, §7.8), with
 * set-valued arrays sorted and every secret replaced by its sha256. Stable across reads that differ
 * only in status; changes when any managed field changes. Secrets never enter it in plaintext.
 */
import { createHash } from 'node:crypto';
import { looksSecret } from '../catalogue/index.js';
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

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const sensitiveCache = new Map<string, boolean>();

/** looksSecret, memoised: the same few hundred keys recur in every object. */
function looksSensitive(key: string): boolean {
  let hit = sensitiveCache.get(key);
  if (hit === undefined) {
    hit = looksSecret(key);
    if (sensitiveCache.size < 10_000) sensitiveCache.set(key, hit);
  }
  return hit;
}

/**
 * `isSecretKey(key)` says which `config` keys hold secrets (catalogue `secret: true`); keys that
 * look secret (the provider's pattern, api-notes §5.6) are hashed too. One pass builds the canonical form of the object without its
 * volatile fields, with tag ids as a sorted set and secrets replaced by their hash.
 */
export function fingerprintOf(object: unknown, isSecretKey: (key: string) => boolean = () => false): string {
  if (!isRecord(object)) return digestOf(object);
  const keys = Object.keys(object)
    .filter((k) => !VOLATILE_FIELDS.has(k) && object[k] !== undefined)
    .sort();
  const values = new Array<unknown>(keys.length);
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    const value = object[key];
    if (key === 'tags') values[i] = sortedTagIds(value);
    else if (key === 'config' && isRecord(value)) values[i] = configForm(value, isSecretKey);
    else values[i] = canonicalForm(value);
  }
  return sha256(JSON.stringify({ k: keys, v: values }));
}

function configForm(
  config: Readonly<Record<string, unknown>>,
  isSecretKey: (key: string) => boolean,
): unknown {
  const keys = Object.keys(config)
    .filter((k) => config[k] !== undefined)
    .sort();
  const values = new Array<unknown>(keys.length);
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    const value = config[key];
    const secret = value !== null && (isSecretKey(key) || looksSensitive(key));
    values[i] = secret ? { sha256: digestOf(value) } : canonicalForm(value);
  }
  return { k: keys, v: values };
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

/**
 * JSON with object keys sorted at every level; `undefined` members are dropped as JSON.stringify
 * does. For messages and tests; fingerprints use the cheaper canonicalForm.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}

/**
 * An unambiguous, key-order-independent encoding: an object becomes `{k: [sorted keys], v: [values]}`.
 * NOTE: two arrays of primitives per object stringify several times faster than a key-sorted copy
 * of a wide config object, and 10,000 objects are fingerprinted per load.
 */
function canonicalForm(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalForm);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  const values = new Array<unknown>(keys.length);
  for (let i = 0; i < keys.length; i += 1) {
    const v = value[keys[i] as string];
    values[i] = typeof v === 'object' && v !== null ? canonicalForm(v) : v;
  }
  return { k: keys, v: values };
}

function digestOf(value: unknown): string {
  return sha256(JSON.stringify(canonicalForm(value)) ?? 'null');
}
