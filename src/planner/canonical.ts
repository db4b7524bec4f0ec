import type { JsonValue } from '../model/index.js';

/** A copy with object keys sorted at every level: stable JSON for plans, renderings and goldens. */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => sortKeysDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeysDeep(v);
    }
    return out as T;
  }
  return value;
}

/** Sorted, de-duplicated copy of a list compared as a set. */
export function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

export function isJsonObject(value: unknown): value is { readonly [key: string]: JsonValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
