import type { JsonValue } from './json.js';
import type { Resource, ResourceKind, ResourceOf } from './resource.js';

/** The ownership tag every resource created by a namespace carries. */
export function ownershipTag(namespace: string): string {
  return `gitops:${namespace}`;
}

/**
 * The namespace lock of `apply` (src/applier/namespace-lock.ts) is a tag with this prefix: never a
 * user's tag (not read as a tag resource, so never planned, compared or reported by drift).
 */
export const LOCK_TAG_PREFIX = 'gitops-lock:';

export function isLockTag(name: string): boolean {
  return name.startsWith(LOCK_TAG_PREFIX);
}

/** Recorded on the live object so protection survives removal from the manifests. */
export const PROTECTED_TAG = 'gitops:protected';

/**
 * A replace of an object that live pipelines use creates the new object under `<name>` plus this
 * suffix (`-2`, `-3`… when taken), moves the pipelines, deletes the old one and renames the new one.
 * The planner recognises such a leftover of an interrupted replace as the desired object.
 */
export const REPLACE_TEMP_SUFFIX = '-gitops-replacing';

/**
 * The temporary name of a replace of `name`: `<name>-gitops-replacing`, or `-2`, `-3`… when `taken`
 * (an interrupted earlier replace left an object with that name). Planner and applier agree on it.
 */
export function replaceTempName(name: string, taken: (candidate: string) => boolean): string {
  let candidate = `${name}${REPLACE_TEMP_SUFFIX}`;
  for (let n = 2; taken(candidate); n++) candidate = `${name}${REPLACE_TEMP_SUFFIX}-${n}`;
  return candidate;
}

/** Default tag types for the tags the tool creates itself (ownership, protection, manifest tags). */
export const DEFAULT_TAG_TYPES: readonly string[] = ['sources', 'destinations', 'pipelines', 'transforms'];

/** Names the manifests list under `external:`, by kind (only kinds other kinds refer to). */
export type ExternalRefs = Readonly<Partial<Record<ResourceKind, readonly string[]>>>;

/** Everything the manifests declare, merged across files, validated and interpolated. */
export interface DesiredState {
  readonly namespace: string;
  /** Kinds some manifest mentions; other kinds are not managed in this run. */
  readonly managedKinds: readonly ResourceKind[];
  readonly resources: readonly Resource[];
  /** Referenced by name, never written. */
  readonly external: ExternalRefs;
  /** The manifest files read, for the saved plan's input digest. */
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
}

/** What the API reported besides the model fields. */
export interface LiveMeta {
  /** Opaque server id (24-hex ObjectId). */
  readonly id: string;
  /**
   * sha256 over the canonical JSON of the object as read (volatile fields dropped, secrets hashed):
   * a saved plan is refused when it changed.
   */
  readonly fingerprint: string;
  /** Tag ids as read, for write bodies that must echo them. */
  readonly tagIds: readonly string[];
  /** connector_status / job status, shown, never diffed. */
  readonly status?: string | undefined;
  /** Read-only config (friendly keys: `ssh_public_key`), kept apart, never diffed. */
  readonly readOnlyConfig: Readonly<Record<string, JsonValue>>;
  /**
   * Short keys of `.user.defined` fields as read (wire keys: `table.include.list`): the server's
   * derived twin, or the value itself in objects made the quickstart's way (then also in `config`).
   * Never diffed; kept for whole-config PUT bodies and for what a source captures today.
   */
  readonly shortKeys?: Readonly<Record<string, JsonValue>>;
  /** Config keys the catalogue does not know (wire keys), kept for whole-config PUT bodies. */
  readonly extraConfig: Readonly<Record<string, JsonValue>>;
  /** Kind-specific wire details the applier needs (pipeline topic ids, transform version, ...). */
  readonly wire: Readonly<Record<string, JsonValue>>;
}

export type LiveResource = Resource & { readonly live: LiveMeta };
export type LiveOf<K extends ResourceKind> = ResourceOf<K> & { readonly live: LiveMeta };

export interface LiveTag {
  readonly id: string;
  readonly name: string;
  /** The user's description, without the owner marker (tag-owner.ts). */
  readonly description: string | null;
  /** The namespace the description's marker names: the tag's owner. Absent: no marker. */
  readonly owner?: string;
  readonly types: readonly string[];
  readonly system: boolean;
  readonly custom: boolean;
}

export interface LiveDuplicate {
  readonly kind: ResourceKind;
  readonly name: string;
  readonly ids: readonly string[];
}

/** The account as read from the API, in the same model as the desired state. */
export interface LiveState {
  /** Live resources of the kinds loaded; tags are also here as kind 'tag'. */
  readonly resources: readonly LiveResource[];
  /** Every tag of the account (system ones included), for id ↔ name resolution. */
  readonly tags: readonly LiveTag[];
  /** Names held by more than one live object of a kind: the plan refuses to touch them. */
  readonly duplicates: readonly LiveDuplicate[];
  readonly loadedKinds: readonly ResourceKind[];
}
