/**
 * The one resource model in the middle: src/schema (desired) and src/state (live) both produce it,
 * the planner compares two values of it, and never sees YAML nodes or HTTP responses.
 * Config keys are the catalogue's friendly names (`database_hostname`), values typed by the
 * catalogue (int → number, bool → boolean, list<string> → string[]), secrets as SecretValue.
 */
import type { JsonValue } from './json.js';
import type { SecretValue } from './secret.js';

export const TRANSFORM_TYPES = [
  'map_filter',
  'enrich',
  'enrich_async',
  'sql_join',
  'rollup',
  'fan_out',
  'topic_router',
] as const;
export type TransformType = (typeof TRANSFORM_TYPES)[number];

export type ConfigValue = JsonValue | SecretValue;
/** Friendly key → typed value. */
export type Config = Readonly<Record<string, ConfigValue>>;

/** Where a desired resource was declared, for messages. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

interface Common {
  readonly name: string;
  /**
   * Tag names. `undefined` = the manifest does not manage this resource's tags (rule 7);
   * the ownership and protection tags are added by the planner, never listed here.
   */
  readonly tags?: readonly string[] | undefined;
  readonly protected: boolean;
  readonly previousNames: readonly string[];
  readonly location?: SourceLocation | undefined;
}

export interface SourceResource extends Common {
  readonly kind: 'source';
  readonly connector: string;
  readonly config: Config;
  /** Wire keys the catalogue does not know, sent as-is (manifest `extra_config`). */
  readonly extraConfig: Readonly<Record<string, JsonValue>>;
}

export interface DestinationResource extends Common {
  readonly kind: 'destination';
  readonly connector: string;
  readonly config: Config;
  readonly extraConfig: Readonly<Record<string, JsonValue>>;
}

export interface TransformResource extends Common {
  readonly kind: 'transform';
  readonly type: TransformType;
  readonly config: Config;
  readonly extraConfig: Readonly<Record<string, JsonValue>>;
  /**
   * The transform's code object as the API holds it (e.g. `{ value_transform: "<code>" }`), built from
   * `implementation_file`. Undefined = not managed. Compared as a subset of live (rule 11).
   */
  readonly implementation?: Readonly<Record<string, JsonValue>> | undefined;
}

export interface PipelineTransformRef {
  readonly name: string;
  /** Pretty topic names (`public.orders`), compared as a set. */
  readonly topics: readonly string[];
}

export interface TopicAutoDiscovery {
  readonly transform: string;
  readonly regex: string;
}

export interface PipelineResource extends Common {
  readonly kind: 'pipeline';
  /** Source name. */
  readonly source: string;
  /** Destination name. */
  readonly destination: string;
  /**
   * Pretty topic names, compared as a set. Desired: undefined in the manifest means "every table the
   * source includes"; the schema loader expands it when the source's table list is literal.
   */
  readonly topics?: readonly string[] | undefined;
  readonly transforms: readonly PipelineTransformRef[];
  readonly topicAutoDiscovery: readonly TopicAutoDiscovery[];
  readonly snapshotNewTables: boolean;
}

export interface TagResource {
  readonly kind: 'tag';
  readonly name: string;
  readonly description: string | null;
  /** Tag types, compared as a set. */
  readonly types: readonly string[];
  readonly location?: SourceLocation | undefined;
}

export type ConnectorResource = SourceResource | DestinationResource;

/**
 * Kind name → its model type. The kind registry (src/kinds/registry.ts) lists the kinds at run time;
 * this map is their type. A new kind adds its model type here, or from its own file by module
 * augmentation (`declare module '../model/resource.js' { interface ResourceModels { … } }`).
 */
export interface ResourceModels {
  tag: TagResource;
  source: SourceResource;
  destination: DestinationResource;
  transform: TransformResource;
  pipeline: PipelineResource;
}

export type ResourceKind = keyof ResourceModels & string;
export type Resource = ResourceModels[ResourceKind];
export type ResourceOf<K extends ResourceKind> = ResourceModels[K];

/** `source/orders-db`: the identity of a resource (kind + name) and of its plan action. */
export type ResourceKey = `${ResourceKind}/${string}`;

export function resourceKey(kind: ResourceKind, name: string): ResourceKey {
  return `${kind}/${name}`;
}
