/**
 * The in-memory account. Each kind is a Collection indexed by id and by name, with a stable
 * insertion-ordered array so a page is a slice (no per-request O(N) work without a name filter).
 */
import type { AddedRecord, StoredConnector, StoredPipeline, StoredTag, StoredTransform } from './types.js';

interface Named {
  id: string;
  name: string;
}

export class Collection<T extends Named> {
  private readonly byId = new Map<string, T>();
  private readonly byName = new Map<string, Set<string>>();
  private ordered: T[] = [];
  /** Deletes leave holes that the next ordered read compacts once (amortised O(1) per delete). */
  private dirty = false;

  get size(): number {
    return this.byId.size;
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  /** Every record with exactly this name (normally 0 or 1; seeds may create duplicates). */
  named(name: string): T[] {
    const ids = this.byName.get(name);
    if (!ids) return [];
    const out: T[] = [];
    for (const id of ids) {
      const item = this.byId.get(id);
      if (item) out.push(item);
    }
    return out;
  }

  hasName(name: string): boolean {
    return (this.byName.get(name)?.size ?? 0) > 0;
  }

  add(item: T): void {
    this.byId.set(item.id, item);
    this.indexName(item);
    this.ordered.push(item);
  }

  /** Call after changing `item.name` in place. */
  rename(item: T, previousName: string): void {
    if (previousName === item.name) return;
    const ids = this.byName.get(previousName);
    ids?.delete(item.id);
    if (ids && ids.size === 0) this.byName.delete(previousName);
    this.indexName(item);
  }

  delete(id: string): T | undefined {
    const item = this.byId.get(id);
    if (!item) return undefined;
    this.byId.delete(id);
    const ids = this.byName.get(item.name);
    ids?.delete(id);
    if (ids && ids.size === 0) this.byName.delete(item.name);
    this.dirty = true;
    return item;
  }

  /** All records in insertion order (the array is shared: do not mutate it). */
  all(): readonly T[] {
    if (this.dirty) {
      this.ordered = this.ordered.filter((i) => this.byId.get(i.id) === i);
      this.dirty = false;
    }
    return this.ordered;
  }

  clear(): void {
    this.byId.clear();
    this.byName.clear();
    this.ordered = [];
    this.dirty = false;
  }

  private indexName(item: T): void {
    let ids = this.byName.get(item.name);
    if (!ids) this.byName.set(item.name, (ids = new Set()));
    ids.add(item.id);
  }
}

/** The latest snapshot of a source: running, completed (its duration passed) or stopped. */
export interface SnapshotRecord {
  source_id: string;
  snapshot_type: string;
  /** Topic names as sent; empty = every table of the source. */
  topic_names: string[];
  started_at: number;
  /** When a stop or cancel ended it; null while it runs or once it completed on its own. */
  stopped_at: number | null;
}

/** One snapshot action as received (start, stop, cancel): tests assert the exact bodies. */
export interface SnapshotCall {
  path: string;
  body: unknown;
  status: number;
}

export class Store {
  readonly sources = new Collection<StoredConnector>();
  readonly destinations = new Collection<StoredConnector>();
  readonly transforms = new Collection<StoredTransform>();
  readonly pipelines = new Collection<StoredPipeline>();
  readonly tags = new Collection<StoredTag>();
  /** source id → its latest snapshot (see routes/snapshots.ts for when one counts as running). */
  readonly snapshots = new Map<string, SnapshotRecord>();
  /** Every snapshot action received, in order (not persisted). */
  readonly snapshotCalls: SnapshotCall[] = [];
  /** Records of kinds added to the emulator (src/emulator/kinds.ts), by kind name. */
  readonly #added = new Map<string, Collection<AddedRecord>>();

  /** The records of an added kind (created empty on first use). */
  collection(kind: string): Collection<AddedRecord> {
    let c = this.#added.get(kind);
    if (!c) this.#added.set(kind, (c = new Collection<AddedRecord>()));
    return c;
  }

  /** Added kinds that hold records, by name. */
  addedCollections(): ReadonlyMap<string, Collection<AddedRecord>> {
    return this.#added;
  }

  connectors(kind: 'source' | 'destination'): Collection<StoredConnector> {
    return kind === 'source' ? this.sources : this.destinations;
  }

  clear(): void {
    this.sources.clear();
    this.destinations.clear();
    this.transforms.clear();
    this.pipelines.clear();
    this.tags.clear();
    this.snapshots.clear();
    this.snapshotCalls.length = 0;
    this.refs.clear();
    this.#added.clear();
  }

  /** `kind:id` of a source/destination/transform → ids of the pipelines that reference it. */
  private readonly refs = new Map<string, Set<string>>();

  /** Indexes a pipeline's references; call after adding or changing it (unlink the old refs first). */
  linkPipeline(p: StoredPipeline): void {
    for (const key of pipelineRefKeys(p)) {
      let set = this.refs.get(key);
      if (!set) this.refs.set(key, (set = new Set()));
      set.add(p.id);
    }
  }

  unlinkPipeline(p: StoredPipeline): void {
    for (const key of pipelineRefKeys(p)) {
      const set = this.refs.get(key);
      set?.delete(p.id);
      if (set && set.size === 0) this.refs.delete(key);
    }
  }

  /** Pipelines that reference an entity (indexed: O(result)). */
  pipelinesUsing(kind: 'source' | 'destination' | 'transform', id: string): StoredPipeline[] {
    const ids = this.refs.get(`${kind}:${id}`);
    if (!ids) return [];
    const out: StoredPipeline[] = [];
    for (const pid of ids) {
      const p = this.pipelines.get(pid);
      if (p) out.push(p);
    }
    return out;
  }

  /** How many entities carry a tag id. */
  tagUsage(tagId: string): number {
    let n = 0;
    const count = (items: readonly { tags: string[] | null }[]): void => {
      for (const i of items) if (i.tags?.includes(tagId)) n++;
    };
    count(this.sources.all());
    count(this.destinations.all());
    count(this.transforms.all());
    count(this.pipelines.all());
    for (const c of this.#added.values()) count(c.all());
    return n;
  }
}

function pipelineRefKeys(p: StoredPipeline): string[] {
  const keys = [`source:${p.source.id}`, `destination:${p.destination.id}`];
  for (const t of p.transforms) keys.push(`transform:${t.id}`);
  return keys;
}
