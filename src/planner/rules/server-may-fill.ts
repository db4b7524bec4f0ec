import type { ConfigValue, JsonValue } from '../../model/index.js';

/** Marks a key the manifest leaves to the server: no change is ever planned for it. */
export const UNMANAGED: unique symbol = Symbol('unmanaged');
export type Unmanaged = typeof UNMANAGED;

/**
 * Rule 5 (`server_may_fill`) together with rule 3 on the desired side: a key the manifest sets is
 * managed with that value; an unset key with a static default is managed with the default (so
 * stating the default equals omitting it, and a key removed from the manifest resets to it); an
 * unset key without one is unmanaged, and the server's value stands.
 */
export function desiredValueOrDefault(
  manifestValue: ConfigValue | undefined,
  fallback: JsonValue | undefined,
): ConfigValue | Unmanaged {
  const v = manifestValue ?? fallback;
  return v === undefined ? UNMANAGED : v;
}
