export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/**
 * The `format_version` of every JSON document the CLI writes (validate, plan, saved plan, apply,
 * drift, status, connectors, error): one number for all of them, raised when any document loses a
 * key or a key changes meaning (docs/json.md). 2: every key snake_case, the error document added.
 */
export const FORMAT_VERSION = 2;
