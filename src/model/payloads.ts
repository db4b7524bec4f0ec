/**
 * What a plan action carries for the applier (`PlanAction.desired`), one type per kind: the
 * planner writes it, the applier reads it, `apply --plan` checks it against its kind's shape
 * (src/kinds/registry.ts: `payload`). JSON as docs/plan-format.md describes it; secrets are
 * SecretRef in the plan and SecretValue once the applier resolved them (`S`).
 */
import type { JsonValue } from './json.js';
import type { ResourceKind } from './resource.js';
import type { SecretValue } from './secret.js';

/** Stands for a secret value inside a plan: never the value itself. */
export interface SecretRef {
  readonly $secret: {
    /** `env:NAME` for desired values. */
    readonly ref: string | null;
    /** HMAC-SHA256 (hex) of the plaintext under the plan key. */
    readonly hmac: string;
  };
}

/** A config map in plan form: catalogue (friendly) keys, typed values, secrets as `S`. */
export type PayloadConfig<S = SecretRef> = { readonly [key: string]: JsonValue | S };
export type JsonRecord = { readonly [key: string]: JsonValue };

export interface ConnectorPayload<S = SecretRef> {
  readonly name: string;
  readonly connector: string;
  readonly config: PayloadConfig<S>;
  readonly extraConfig: JsonRecord;
  /** The effective tag names to write, the ownership tag included. */
  readonly tags: readonly string[];
}

export interface TransformPayload<S = SecretRef> {
  readonly name: string;
  readonly type: string;
  readonly config: PayloadConfig<S>;
  readonly extraConfig: JsonRecord;
  readonly tags: readonly string[];
  /** The code object; absent = not managed (the live code stays). */
  readonly implementation?: JsonRecord;
}

export interface PipelinePayload {
  readonly name: string;
  readonly source: string;
  readonly destination: string;
  /** Absent: the live topics stay. */
  readonly topics?: readonly string[];
  readonly transforms: readonly { readonly name: string; readonly topics: readonly string[] }[];
  readonly topicAutoDiscovery: readonly { readonly transform: string; readonly regex: string }[];
  readonly snapshotNewTables: boolean;
  readonly tags: readonly string[];
}

export interface TagPayload {
  readonly name: string;
  readonly description: string | null;
  readonly types: readonly string[];
}

/**
 * Kind name → its payload type, as ResourceModels maps kind → model. A new kind adds its payload
 * here, or from its own file by module augmentation (with the same type parameter).
 */
export interface PlanPayloads<S = SecretRef> {
  tag: TagPayload;
  source: ConnectorPayload<S>;
  destination: ConnectorPayload<S>;
  transform: TransformPayload<S>;
  pipeline: PipelinePayload;
}

/** The payload of kind K; `S` = SecretValue is what the applier writes from. */
export type PayloadOf<K extends ResourceKind, S = SecretRef> = PlanPayloads<S>[K & keyof PlanPayloads<S>];

/** Any kind's payload. */
export type PlanPayload = PayloadOf<ResourceKind>;

/** Any kind's payload with its secrets resolved (the applier's view). */
export type ResolvedPayload<K extends ResourceKind = ResourceKind> = PayloadOf<K, SecretValue>;
