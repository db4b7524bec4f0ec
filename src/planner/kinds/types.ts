/** A kind's planner registration (src/kinds/registry.ts): what the generic plan flow calls per kind. */
import type {
  DesiredState,
  FieldChange,
  LiveOf,
  PayloadOf,
  ResourceKind,
  ResourceOf,
} from '../../model/index.js';
import type { DiffContext } from '../context.js';
import type { PlanLiveIndex } from '../live-index.js';
import type { DraftSet } from '../types.js';
import type { KindDiff } from './common.js';

/**
 * A kind planned by the generic resource flow (match by name or previous name, diff, create,
 * update, replace, delete what the namespace owns). Pure, like the rest of the planner.
 */
export interface ResourcePlan<K extends ResourceKind = ResourceKind> {
  /** The field changes of a desired object against its live one; a replace reason when needed. */
  diff(desired: ResourceOf<K>, live: LiveOf<K>, ctx: DiffContext): KindDiff;
  /** What a create shows. */
  createChanges(desired: ResourceOf<K>, ctx: DiffContext): FieldChange[];
  /**
   * The action's `desired` payload: what the applier writes. `liveTags` are the live object's tag
   * names (undefined for a create): kept when the manifest does not manage tags.
   */
  payload(desired: ResourceOf<K>, liveTags: readonly string[] | undefined, ctx: DiffContext): PayloadOf<K>;
}

/** What `--adopt` and `--adopt-from` allow a self-planned kind to take over. */
export interface AdoptOptions {
  readonly adopt: boolean;
  readonly adoptFrom: readonly string[];
}

/** A kind that plans its own actions: tags (shared, matched by name, never deleted). */
export interface SelfPlan {
  planAll(desired: DesiredState, index: PlanLiveIndex, set: DraftSet, options: AdoptOptions): void;
}
