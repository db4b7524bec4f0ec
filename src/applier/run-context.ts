/**
 * What the kind writers share during one apply: the client, the live state as read before the plan,
 * and the ids the run has learned so far. References are resolved by name through this registry:
 * it starts from the live state and each create, rename or delete updates it, so a pipeline created
 * after its source gets the source's new id.
 */
import type { ApiClient } from '../api/types.js';
import { UserError } from '../errors/index.js';
import type { LiveResource, LiveState, PlanAction, ResourceKind } from '../model/index.js';
import type { Logger } from '../logging/logger.js';
import type { Clock } from './clock.js';

export interface KnownObject {
  readonly id: string;
  /** Connector code (sources, destinations) or transform type. */
  readonly code?: string;
}

export interface TransformTopics {
  readonly topics: readonly string[];
  readonly topicIds: readonly string[];
}

/** What a pipeline refers to, by name. */
export interface PipelineRefs {
  readonly source: string;
  readonly destination: string;
  /** Pipeline transforms and auto-discovery transforms. */
  readonly transforms: readonly string[];
}

function liveRefs(p: LiveResource & { kind: 'pipeline' }): PipelineRefs {
  return {
    source: p.source,
    destination: p.destination,
    transforms: [...p.transforms.map((t) => t.name), ...p.topicAutoDiscovery.map((t) => t.transform)],
  };
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
  readonly #transformTopics = new Map<string, Promise<TransformTopics>>();
  readonly #deleted = new Set<string>();
  /** Tail of the queue of replaces that repoint live pipelines (see `exclusively`). */
  #repointQueue: Promise<unknown> = Promise.resolve();
  /** Pipelines this run has updated: what they refer to now (the live state is from before). */
  readonly #pipelineRefs = new Map<string, PipelineRefs>();

  constructor(
    readonly client: ApiClient,
    readonly live: LiveState,
    readonly namespace: string,
    readonly logger: Logger,
    readonly settings: RunSettings,
  ) {
    for (const tag of live.tags) this.#tagIds.set(tag.name, tag.id);
    for (const r of live.resources) {
      this.#liveById.set(r.live.id, r);
      this.#liveByKey.set(`${r.kind}/${r.name}`, r);
      if (r.kind === 'tag') continue;
      const code = r.kind === 'transform' ? r.type : r.kind === 'pipeline' ? undefined : r.connector;
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
    if (kind === 'transform') this.#transformTopics.delete(object.id);
  }

  /** Drops what the registry knows of a deleted object (only if the name still means that id). */
  forget(kind: ResourceKind, name: string, id: string): void {
    this.#deleted.add(id);
    if (this.#objects.get(`${kind}/${name}`)?.id === id) this.#objects.delete(`${kind}/${name}`);
  }

  /**
   * Records what a pipeline refers to after this run updated it, so a later replace of an object it
   * no longer uses does not repoint it back (an update may move a pipeline to another destination).
   */
  pipelineWritten(id: string, refs: PipelineRefs): void {
    this.#pipelineRefs.set(id, refs);
  }

  /**
   * Runs replaces that repoint live pipelines one at a time. Each repoint PUTs a whole pipeline body
   * naming its other references; two such replaces of one pipeline's source and destination running
   * at once could each send a body naming the other's old object, and the later one to land would
   * point the pipeline at an object being deleted.
   */
  exclusively<T>(run: () => Promise<T>): Promise<T> {
    const result = this.#repointQueue.then(run);
    this.#repointQueue = result.catch(() => undefined);
    return result;
  }

  /** Live pipelines (not deleted in this run) that use the live object of this kind and name now. */
  pipelinesUsing(kind: 'source' | 'destination' | 'transform', liveName: string): LiveResource[] {
    return this.live.resources.filter((r) => {
      if (r.kind !== 'pipeline' || this.#deleted.has(r.live.id)) return false;
      const refs = this.#pipelineRefs.get(r.live.id) ?? liveRefs(r);
      if (kind === 'source') return refs.source === liveName;
      if (kind === 'destination') return refs.destination === liveName;
      return refs.transforms.includes(liveName);
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

  /** A transform's topics and topic ids, read once per run (and again after the run wrote it). */
  transformTopics(id: string, load: () => Promise<TransformTopics>): Promise<TransformTopics> {
    let cached = this.#transformTopics.get(id);
    if (!cached) {
      cached = load();
      this.#transformTopics.set(id, cached);
      cached.catch(() => this.#transformTopics.delete(id));
    }
    return cached;
  }
}
