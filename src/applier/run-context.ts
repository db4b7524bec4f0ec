/**
 * What the kind writers share during one apply: the client, the live state as read before the plan,
 * and the ids the run has learned so far. References are resolved by name through this context:
 * it starts from the live state and each create, rename or delete updates it, so a pipeline created
 * after its source gets the source's new id.
 */
import type { ApiClient } from '../api/types.js';
import { UserError } from '../errors/index.js';
import type { LiveResource, LiveState, PlanAction, Resource, ResourceKind } from '../model/index.js';
import type { Logger } from '../logging/logger.js';
import type { Clock } from './clock.js';

export interface KnownObject {
  readonly id: string;
  /** Connector code (sources, destinations) or transform type. */
  readonly code?: string;
}

/** One reference of an object, by kind and name. */
export interface RefName {
  readonly kind: ResourceKind;
  readonly name: string;
}

/**
 * What the run needs of the kind registry, passed in by applyPlan (the kind writers use this
 * context, so it cannot import the registry that lists them).
 */
export interface RunKinds {
  /** What an object refers to (a pipeline: its source, destination and transforms). */
  referencesOf(resource: Resource): readonly RefName[];
  /** The code other objects' bodies echo with this object's id (a connector code, a transform type). */
  codeOf(resource: Resource): string | undefined;
}

export interface RunSettings {
  /** Transform job_status polling. */
  readonly jobPollIntervalMs: number;
  readonly jobTimeoutMs: number;
  readonly clock: Clock;
}

export class RunContext {
  readonly #objects = new Map<string, KnownObject>();
  readonly #tagIds = new Map<string, string>();
  readonly #liveById = new Map<string, LiveResource>();
  readonly #liveByKey = new Map<string, LiveResource>();
  readonly #reads = new Map<string, Promise<unknown>>();
  readonly #deleted = new Set<string>();
  /** Tail of the queue of replaces that repoint live objects (see `exclusively`). */
  #repointQueue: Promise<unknown> = Promise.resolve();
  /** Objects this run has updated: what they refer to now (the live state is from before). */
  readonly #writtenRefs = new Map<string, readonly RefName[]>();

  constructor(
    readonly client: ApiClient,
    readonly live: LiveState,
    readonly namespace: string,
    readonly logger: Logger,
    readonly settings: RunSettings,
    private readonly kinds: RunKinds,
  ) {
    for (const tag of live.tags) this.#tagIds.set(tag.name, tag.id);
    for (const r of live.resources) {
      this.#liveById.set(r.live.id, r);
      this.#liveByKey.set(`${r.kind}/${r.name}`, r);
      const code = kinds.codeOf(r);
      this.#objects.set(
        `${r.kind}/${r.name}`,
        code === undefined ? { id: r.live.id } : { id: r.live.id, code },
      );
    }
  }

  /** The live object an update, replace or delete acts on. */
  liveFor(action: PlanAction): LiveResource | undefined {
    if (action.liveId) {
      const byId = this.#liveById.get(action.liveId);
      if (byId) return byId;
    }
    return this.#liveByKey.get(`${action.kind}/${action.renamedFrom ?? action.name}`);
  }

  requireLive(action: PlanAction): LiveResource {
    const live = this.liveFor(action);
    if (!live) {
      throw new UserError(
        `${action.id}: the live object this ${action.type} was planned against is not in the live state`,
        {
          hint: 're-run plan: the account changed since',
        },
      );
    }
    return live;
  }

  /**
   * Records the id an object now has under its (new) name.
   * NOTE: after a rename the old name keeps pointing at the same id, so a live pipeline that still
   * names it (repointed during a replace) resolves; names are unique, so nothing else can claim it.
   */
  remember(kind: ResourceKind, name: string, object: KnownObject): void {
    this.#objects.set(`${kind}/${name}`, object);
    this.#reads.delete(object.id);
  }

  /** Drops what the registry knows of a deleted object (only if the name still means that id). */
  forget(kind: ResourceKind, name: string, id: string): void {
    this.#deleted.add(id);
    if (this.#objects.get(`${kind}/${name}`)?.id === id) this.#objects.delete(`${kind}/${name}`);
  }

  /**
   * Records what an object refers to after this run updated it, so a later replace of an object it
   * no longer uses does not repoint it back (an update may move a pipeline to another destination).
   */
  referencesWritten(id: string, refs: readonly RefName[]): void {
    this.#writtenRefs.set(id, refs);
  }

  /**
   * Runs replaces that repoint live objects one at a time. Each repoint PUTs a whole pipeline body
   * naming its other references; two such replaces of one pipeline's source and destination running
   * at once could each send a body naming the other's old object, and the later one to land would
   * point the pipeline at an object being deleted.
   */
  exclusively<T>(run: () => Promise<T>): Promise<T> {
    const result = this.#repointQueue.then(run);
    this.#repointQueue = result.catch(() => undefined);
    return result;
  }

  /** Live objects (not deleted in this run) that use the live object of this kind and name now. */
  referrersOf(kind: ResourceKind, liveName: string): LiveResource[] {
    return this.live.resources.filter((r) => {
      if (this.#deleted.has(r.live.id)) return false;
      const refs = this.#writtenRefs.get(r.live.id) ?? this.kinds.referencesOf(r);
      return refs.some((ref) => ref.kind === kind && ref.name === liveName);
    });
  }

  /** The id of a referenced object by name; a clear error when it is unknown. */
  lookup(kind: ResourceKind, name: string, referencedBy: string): KnownObject {
    const found = this.#objects.get(`${kind}/${name}`);
    if (!found) {
      throw new UserError(
        `${referencedBy} references ${kind} "${name}", which does not exist in the account`,
        {
          hint: `create the ${kind} first, or list it under external: if another team manages it`,
        },
      );
    }
    return found;
  }

  rememberTag(name: string, id: string): void {
    this.#tagIds.set(name, id);
  }

  tagId(name: string): string | undefined {
    return this.#tagIds.get(name);
  }

  /** Tag names → ids, in order, for a write body. */
  tagIdsFor(names: readonly string[], owner: string): string[] {
    return names.map((name) => {
      const id = this.#tagIds.get(name);
      if (id === undefined) {
        throw new UserError(`${owner} uses tag "${name}", which does not exist in the account`, {
          hint: 'declare it under tags: in a manifest, or create it in Streamkap',
        });
      }
      return id;
    });
  }

  /**
   * Something read of the object with this id (a transform's topic ids), read once per run and again
   * after the run wrote the object (`remember`).
   */
  readOnce<T>(id: string, load: () => Promise<T>): Promise<T> {
    let cached = this.#reads.get(id) as Promise<T> | undefined;
    if (!cached) {
      cached = load();
      this.#reads.set(id, cached);
      cached.catch(() => this.#reads.delete(id));
    }
    return cached;
  }
}
