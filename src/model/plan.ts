/**
 * The plan is a value: the planner returns it, renderers read it, `--out` saves it, the applier
 * carries it out. It never holds a secret: secret fields appear as SecretRef (a reference to where
 * the value comes from plus a keyed hash).
 */
import { FORMAT_VERSION, type JsonValue } from './json.js';
import type { PayloadOf } from './payloads.js';
import type { ResourceKey, ResourceKind } from './resource.js';

export const PLAN_FORMAT_VERSION = FORMAT_VERSION;

export type ActionType = 'create' | 'update' | 'replace' | 'delete' | 'noop';

export interface FieldChange {
  /** Dotted path in the model: `config.database_port`, `tags`, `transforms[enrich].topics`. */
  readonly path: string;
  /** Absent = the field was unset on that side. Omitted for sensitive fields. */
  readonly before?: JsonValue;
  readonly after?: JsonValue;
  /** Secret field: render as `(sensitive value changed)`. */
  readonly sensitive?: true;
  /** Why this change forces a replace (connector type, set-once key). */
  readonly forcesReplace?: true;
}

/**
 * One write a replace through a temporary name makes (applier/replace.ts), in order: the replacement
 * created under the temporary name, every live user repointed, the old object deleted, the
 * replacement renamed. Listed so a reviewer sees every object the replace writes.
 */
export interface PlanWrite {
  readonly type: 'create' | 'update' | 'delete';
  /** The object written (`pipeline/orders-to-warehouse`, `source/orders-db-gitops-replacing`). */
  readonly id: ResourceKey;
  /** What the write does: `repointed to the replacement`. */
  readonly what: string;
}

interface PlanActionFields {
  /** `kind/name` (the desired name for create/update/replace, the live name for delete). */
  readonly id: ResourceKey;
  readonly name: string;
  readonly type: ActionType;
  /** An update that adds the ownership tag to an unmanaged namesake (`--adopt`). */
  readonly adopt?: true;
  /** The live name this action renames from (matched through previous_names). */
  readonly renamedFrom?: string;
  /** Server id of the live object this action was computed from. */
  readonly liveId?: string;
  /** LiveMeta.fingerprint of that object: apply of a saved plan refuses if it changed. */
  readonly liveFingerprint?: string;
  readonly changes: readonly FieldChange[];
  /** Ids of actions that must succeed first (for deletes: those that must be deleted first). */
  readonly dependsOn: readonly ResourceKey[];
  /** Deletes or replaces an object of a destructive kind (all but tags), or touches a protected one. */
  readonly destructive: boolean;
  /** The live or desired object is protected: apply never deletes or replaces it. */
  readonly protected: boolean;
  /** One line for reviewers, e.g. "connector changed: re-snapshots every table". */
  readonly reason?: string;
  /** A replace through a temporary name: every write it makes, in order (PlanWrite). */
  readonly writes?: readonly PlanWrite[];
  /** Where a manifest declares the resource (absent for deletes and the tool's own tags). */
  readonly location?: PlanLocation;
}

/** A manifest file (relative, `/`-separated; see docs/plan-format.md) and a 1-based line. */
export interface PlanLocation {
  readonly file: string;
  readonly line: number;
}

/** An action on an object of kind K: its payload is K's (src/model/payloads.ts). */
export interface PlanActionOf<K extends ResourceKind> extends PlanActionFields {
  readonly kind: K;
  /**
   * The desired resource in plan form (create, update, replace): model fields with secrets as
   * SecretRef. Enough for the applier to build the write body together with the live object.
   */
  readonly desired?: PayloadOf<K>;
}

/** A plan action: one union member per kind, discriminated on `kind`. */
export type PlanAction = { [K in ResourceKind]: PlanActionOf<K> }[ResourceKind];

export interface PlanProblem {
  readonly code: string;
  readonly id?: ResourceKey;
  readonly message: string;
  readonly hint?: string;
}

export interface PlanSummary {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly delete: number;
  readonly noop: number;
}

export interface Plan {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  readonly namespace: string;
  readonly managedKinds: readonly ResourceKind[];
  /** Topologically ordered: every action after those it depends on. */
  readonly actions: readonly PlanAction[];
  /** Problems that make the plan unappliable (an unowned namesake without --adopt, duplicates). */
  readonly errors: readonly PlanProblem[];
  readonly warnings: readonly PlanProblem[];
  readonly summary: PlanSummary;
  /** Ids of destructive actions. */
  readonly destructive: readonly ResourceKey[];
  readonly maxDeletes: number;
}

/** What `plan --out` writes: the plan plus what apply needs to refuse a stale one. */
export interface SavedPlan {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  readonly toolVersion: string;
  /** sha256 over the manifest files' digests (sorted by path). */
  readonly inputsDigest: string;
  readonly createdAt: string;
  readonly options: { readonly [key: string]: JsonValue };
  readonly plan: Plan;
  /**
   * The seal: HMAC-SHA256 under the plan key over every other field of the file (planSeal); apply
   * refuses a file whose seal does not match (edited, or made with another key).
   */
  readonly mac: string;
}
