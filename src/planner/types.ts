import type {
  ActionType,
  FieldChange,
  PlanPayload,
  PlanLocation,
  PlanProblem,
  PlanWrite,
  ResourceKey,
  ResourceKind,
} from '../model/index.js';

export interface PlanOptions {
  /** Key for the HMAC of every secret in the plan (never stored in the plan). */
  readonly hmacKey: string;
  /** Take over namesakes that carry no `gitops:` ownership tag by adding ours (`--adopt`). */
  readonly adopt?: boolean;
  /**
   * Take over namesakes owned by these namespaces (`--adopt-from`): their ownership tag is replaced
   * by ours; `gitops:protected` stays.
   */
  readonly adoptFrom?: readonly string[];
  /** Recorded in the plan; apply refuses more deletes than this. Default 5. */
  readonly maxDeletes?: number;
  /** Plan only these actions and what they depend on. */
  readonly targets?: readonly ResourceKey[];
  /** Drop these actions. */
  readonly excludes?: readonly ResourceKey[];
  /** Treat a live secret that reads back null as changed (resend every managed secret). */
  readonly resendSecrets?: boolean;
}

export const DEFAULT_MAX_DELETES = 5;

/** An action while the plan is being built: mutable, turned into a PlanAction at the end. */
export interface DraftAction {
  readonly id: ResourceKey;
  readonly kind: ResourceKind;
  readonly name: string;
  type: ActionType;
  adopt?: true;
  renamedFrom?: string;
  liveId?: string;
  liveFingerprint?: string;
  changes: FieldChange[];
  readonly dependsOn: Set<ResourceKey>;
  destructive: boolean;
  protected: boolean;
  reason?: string;
  location?: PlanLocation;
  writes?: PlanWrite[];
  desired?: PlanPayload;
  /**
   * Built only if the action ends up changing something: a plan of 10,000 mostly unchanged
   * resources must not pay for 10,000 plan-form configs and secret HMACs.
   */
  lazyDesired?: () => PlanPayload;
  /** What this action needs first (tags it carries, a pipeline's references), before filtering. */
  refs?: readonly ResourceKey[];
}

export interface DraftSet {
  readonly actions: Map<ResourceKey, DraftAction>;
  readonly errors: PlanProblem[];
  readonly warnings: PlanProblem[];
}
