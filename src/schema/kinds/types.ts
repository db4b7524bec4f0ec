/** A kind's manifest registration (src/kinds/registry.ts): its section, item schema, builder, checks. */
import type { ConnectorKind } from '../../catalogue/index.js';
import type { JsonObject, Resource, ResourceKind, ResourceOf } from '../../model/index.js';
import type { Entry } from '../entry.js';
import type { SchemaMode } from '../json-schema-parts.js';
import type { Segment } from '../problems.js';
import type { BuildOptions } from '../reporter.js';

/** What builders and checks see of the other items, besides their own. */
export interface ManifestContext {
  readonly opts: BuildOptions;
  /** An item already built (kinds are built in apply order: what an item refers to comes first). */
  built(kind: ResourceKind, name: string): Resource | undefined;
  /**
   * Checks that `name` is a `kind` some manifest declares (also items with shape errors, so one
   * mistake is reported once) or lists under `external:`; reports it at `segs` of `e` when not.
   */
  checkReference(e: Entry, kind: ResourceKind, name: string, segs: readonly Segment[]): boolean;
}

export interface KindManifest<K extends ResourceKind = ResourceKind> {
  /** The top-level list key (`sources`); also the key under `external:` when other kinds refer to it. */
  readonly key: string;
  /** The list's description in the JSON Schema. */
  readonly description: string;
  /** The JSON Schema of one item (`$defs/<kind>`). */
  schema(mode: SchemaMode): JsonObject;
  /** Item keys whose shape errors stop the item from being built. */
  readonly essentialKeys: readonly string[];
  /** The catalogue behind the item's code discriminator, for "unknown source connector" messages. */
  readonly codes?: { readonly catalogue: ConnectorKind; readonly what: string };
  /** The model value of a structurally valid item (problems go to `e.r`). */
  build(e: Entry, ctx: ManifestContext): ResourceOf<K>;
  /** Rules across items, once this one is built (a pipeline's references and topics). */
  check?(e: Entry, resource: ResourceOf<K>, ctx: ManifestContext): void;
}
