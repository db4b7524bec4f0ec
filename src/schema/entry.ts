/** What collecting the documents produces: the items per kind, before they become model values. */
import type { ResourceKind, SourceLocation } from '../model/index.js';
import type { Segment } from './problems.js';
import type { Reporter } from './reporter.js';

/** One resource item of a document, before it becomes a model value. */
export interface Entry {
  readonly kind: ResourceKind;
  readonly raw: Record<string, unknown>;
  /** The name when it is a string (also for items with shape errors, to avoid cascades). */
  readonly name: string | undefined;
  readonly r: Reporter;
  /** `['sources', 3]`. */
  readonly base: readonly Segment[];
  /** False when the item failed the structural schema: it is not built into the model. */
  readonly valid: boolean;
  /** Where the item starts (taken while the file's AST is in memory). */
  readonly location: SourceLocation;
}

export interface Collected {
  readonly namespaces: { readonly value: string; readonly r: Reporter; readonly location: SourceLocation }[];
  /** Kinds some document has a section for (`sources: []` included). */
  readonly managed: Set<ResourceKind>;
  readonly entries: Entry[];
  /** Names listed under `external:`, by kind. */
  readonly external: Map<ResourceKind, Set<string>>;
  /** Reporter of the first document, for problems that belong to no node. */
  first?: Reporter;
  /** Reporter of a document that wrote `namespace:` empty, for a precise message if none is declared. */
  emptyNamespace?: Reporter;
}
