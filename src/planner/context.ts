import type { JsonValue, ResourceKind, SecretRef } from '../model/index.js';

/** What every per-kind differ needs besides the two resources. Built once per plan. */
export interface DiffContext {
  readonly namespace: string;
  readonly hmacKey: string;
  readonly resendSecrets: boolean;
  /** Namespaces whose objects this plan takes over (`--adopt-from`): their ownership tags are dropped. */
  readonly adoptFrom: readonly string[];
  /** Live name → desired name for objects renamed through previous_names, per kind. */
  readonly renames: ReadonlyMap<ResourceKind, ReadonlyMap<string, string>>;
  /** Server id of the live object of a kind and name, for topic-id prefixes. */
  liveIdOf(kind: ResourceKind, name: string): string | undefined;
}

/** SecretRef is plain JSON; this lets it sit inside nested JSON objects of the plan. */
export function refAsJson(ref: SecretRef): JsonValue {
  return ref as unknown as JsonValue;
}

/** The name a live reference now goes by (through a rename planned in this run). */
export function currentName(ctx: DiffContext, kind: ResourceKind, liveName: string): string {
  return ctx.renames.get(kind)?.get(liveName) ?? liveName;
}
