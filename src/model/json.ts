import { createRequire } from 'node:module';

// NOTE: fast-deep-equal is CommonJS with an `export =` typing, which this tsconfig (NodeNext, no
// esModuleInterop or synthetic defaults) cannot default-import; require() is what it was written for.
const equal = createRequire(import.meta.url)('fast-deep-equal') as (a: unknown, b: unknown) => boolean;

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/**
 * The `format_version` of every JSON document the CLI writes (validate, plan, saved plan, apply,
 * drift, status, connectors, error): one number for all of them, raised when any document loses a
 * key or a key changes meaning (docs/json.md). 2: every key snake_case, the error document added.
 */
export const FORMAT_VERSION = 2;

/**
 * Deep equality of JSON values. NOTE: plain objects only, as JSON.parse and YAML give them:
 * fast-deep-equal also compares constructors, so a prototype-less object never equals `{}`.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return equal(a, b);
}
