/** Shapes shared inside the emulator. It plays the server: nothing here comes from src/api or src/state. */

/** A JSON value as the emulator stores and renders it (mutable: the store owns its records). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonRecord = { [key: string]: Json };

/** The transport-neutral request the core handles (node:http and Fetch both convert to it). */
export interface EmulatorRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/sources/abc`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Raw body text ('' when none). */
  readonly body: string;
}

/** What the core answers; `drop` asks the transport to destroy the connection without a reply. */
export type EmulatorResponse =
  | {
      readonly kind: 'reply';
      readonly status: number;
      readonly headers: Record<string, string>;
      readonly body: string;
    }
  | { readonly kind: 'drop' };

export type StoredKind = 'source' | 'destination' | 'transform' | 'pipeline' | 'tag';

/** Lifecycle of a `wait=false` write: Pending/Pending Update until it settles to Active. */
export interface SettleState {
  status: string;
  /** Reads left before it shows Active (counts down on every read). */
  readsLeft: number;
  /** Epoch ms after which it shows Active regardless of reads; null = reads only. */
  settleAt: number | null;
}

interface StoredCommon {
  id: string;
  name: string;
  /** Tag ids, or null when untagged ("no tags" reads back as null). */
  tags: string[] | null;
  created_from: string;
  created_timestamp: string;
  updated_timestamp: string;
  settle: SettleState;
}

export interface StoredConnector extends StoredCommon {
  kind: 'source' | 'destination';
  connector: string;
  /** Config exactly as written (wire keys), before read-side normalisation. */
  config: JsonRecord;
  kc_cluster_id: string | null;
}

export interface TransformVersion {
  version_id: string;
  description: string | null;
  implementation: Json;
  config: JsonRecord | null;
  created_at: string;
}

export interface TransformJob {
  mode: 'preview' | 'live';
  version: string;
  /** Remaining job_status polls that still answer DEPLOYING. */
  pollsLeft: number;
  status: string;
  start_time: string;
  replay_window: string | null;
}

export interface StoredTransform extends StoredCommon {
  kind: 'transform';
  transform_type: string;
  config: JsonRecord;
  implementation: Json;
  versions: TransformVersion[];
  job: TransformJob | null;
  topics: string[];
  topic_ids: string[];
}

export interface PipelineTransformEntry {
  id: string;
  name: string | null;
  start_time: Json;
  topic: string;
  topic_id: string;
}

export interface StoredPipeline extends StoredCommon {
  kind: 'pipeline';
  source: { id: string; topics: string[] };
  destination: { id: string };
  transforms: PipelineTransformEntry[];
  topic_auto_discovery_transforms: Json[];
  snapshot_new_tables: boolean;
}

export interface StoredTag {
  kind: 'tag';
  id: string;
  name: string;
  description: string | null;
  type: string[];
  system: boolean;
  custom: boolean;
  created_timestamp: string;
}

/** A record of a kind added to the emulator (src/emulator/kinds.ts): the fields are its own. */
export interface AddedRecord extends JsonRecord {
  id: string;
  name: string;
  tags: string[] | null;
}

export type StoredEntity = StoredConnector | StoredTransform | StoredPipeline;
export type StoredAny = StoredEntity | StoredTag;
