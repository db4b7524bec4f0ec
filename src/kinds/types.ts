/**
 * What a kind registers (docs/architecture.md, "The kind registry"). Each stage keeps its own slot
 * type beside its code; this file only puts them together. Every slot is a value, so a kind is data
 * the generic stages loop over: nothing else switches on a kind name.
 */
import type { KindHealth, KindWriter } from '../applier/kinds/common.js';
import type { PayloadOf, ResourceKind, ResourceOf, Shape } from '../model/index.js';
import type { ResourcePlan, SelfPlan } from '../planner/kinds/types.js';
import type { KindExport } from '../export/kinds/types.js';
import type { KindManifest } from '../schema/kinds/types.js';
import type { KindLive } from '../state/reader.js';

/**
 * One way objects of kind K refer to objects of another kind, by name: data, from which the apply
 * order, the delete order, which kinds a plan must read, the checks of `external:` names and the
 * repointing of a replaced object's users all derive.
 */
export interface Reference<K extends ResourceKind = ResourceKind> {
  /** The kind referred to. */
  readonly kind: ResourceKind;
  /** The model field holding the reference (names the plan's repoint change: `source.id`). */
  readonly field: string;
  /** A list of references (`transforms[enrich].id`) rather than one (`source.id`). */
  readonly many: boolean;
  /** The names this object refers to through the field. */
  names(resource: ResourceOf<K>): readonly string[];
}

interface KindCommon<K extends ResourceKind> {
  readonly kind: K;
  /**
   * Deleting or replacing one is destructive: apply wants --allow-destructive, and each counts against
   * --max-deletes (README: nothing destructive without the flag). Every kind but tags.
   */
  readonly destructive: boolean;
  readonly references: readonly Reference<K>[];
  /** The manifest section, item schema, builder and checks (src/schema/kinds/). */
  readonly manifest: KindManifest<K>;
  /** The shape of its plan payload, checked when a saved plan is loaded (src/planner/kinds/). */
  readonly payload: Shape<PayloadOf<K>>;
  /** How the live objects are listed and read (src/state/kinds/). */
  readonly live: KindLive<K>;
  /** How the applier creates, updates, deletes (and renames, repoints) them (src/applier/kinds/). */
  readonly write: KindWriter<K>;
  /** How `apply --wait` reads an object's health; absent = not watched. */
  readonly health?: KindHealth;
  /** How `export` writes a live object as a manifest item (src/export/kinds/); absent = not exported. */
  readonly export?: KindExport<K>;
}

/**
 * A kind whose objects carry tags, the namespace's ownership tag among them: created after the tags
 * they carry, planned by the generic resource flow (only owned objects are updated or deleted).
 */
export interface TaggedKind<K extends ResourceKind = ResourceKind> extends KindCommon<K> {
  readonly tagged: true;
  readonly plan: ResourcePlan<K>;
}

/** The tag kind itself: shared objects that plan themselves and are never deleted. */
export interface UntaggedKind<K extends ResourceKind = ResourceKind> extends KindCommon<K> {
  readonly tagged: false;
  readonly plan: SelfPlan;
}

export type KindDefinition<K extends ResourceKind = ResourceKind> = TaggedKind<K> | UntaggedKind<K>;
