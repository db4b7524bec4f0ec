/**
 * Every JSON document the CLI writes has one shape of keys: snake_case, `format_version` first
 * (docs/json.md). The values behind the program's camelCase fields convert here; user data (config
 * maps, field values, ids used as keys) passes through as written.
 */
import { FORMAT_VERSION } from '../model/json.js';
import { printableJson } from './printable.js';

/** `notConvergedDetails` → `not_converged_details`. */
export function snakeKey(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** `not_converged_details` → `notConvergedDetails` (the inverse of snakeKey for camelCase names). */
export function camelKey(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * `value` with every object key renamed by `rename`, except below the keys in `opaque` (compared
 * after renaming): their values are user data (`config`, `before`, a map keyed by resource id) and
 * are kept exactly as they are.
 */
export function renameKeys(
  value: unknown,
  rename: (key: string) => string,
  opaque: ReadonlySet<string> = new Set(),
): unknown {
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, rename, opaque));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = rename(k);
    out[key] = opaque.has(key) || opaque.has(k) ? v : renameKeys(v, rename, opaque);
  }
  return out;
}

/** `body` as a document: `format_version` first, keys snake_case (but below `opaque`). */
export function jsonDocument(body: object, opaque?: ReadonlySet<string>): string {
  const rest = renameKeys(body, snakeKey, opaque) as Record<string, unknown>;
  const { format_version: _drop, ...fields } = rest;
  return printableJson({ format_version: FORMAT_VERSION, ...fields });
}
