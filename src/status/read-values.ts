/**
 * Tolerant readers for response shapes the contract marks ASSUMED: a value may be a number or a
 * numeric string, sit under `data` or at the top level, be spelled in snake_case or camelCase.
 * Anything unreadable is `undefined` ("unknown"), never an exception.
 */
import { isRecord, type UnknownRecord } from '../state/parse.js';

export { isRecord, type UnknownRecord };

/** A finite number from a number or a numeric string. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** A non-empty string from a string (or a number/boolean, stringified). */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** The first of `keys` present (not undefined/null) in `rec`. */
export function first(rec: UnknownRecord, keys: readonly string[]): unknown {
  for (const k of keys) {
    const v = rec[k];
    if (v !== undefined && v !== null) return v;
  }
  return undefined;
}

/** The object holding the fields: `body.data` when it is an object, else the body itself. */
export function payload(body: unknown): UnknownRecord {
  if (!isRecord(body)) return {};
  return isRecord(body['data']) ? body['data'] : body;
}
