/**
 * The kind registry: the one place that lists the resource kinds. Each kind registers one value
 * (./types.ts) holding what every stage needs of it; the stages loop over the registry, and the
 * orders below derive from the kinds' references (decK's diff/order.go, as data). Adding a kind is
 * its own files plus one line in BUILTIN_KINDS (docs/architecture.md has a worked example).
 */
import { InternalError } from '../errors/index.js';
import type { Resource, ResourceKind } from '../model/index.js';
import { destinationKind } from './destination.js';
import { pipelineKind } from './pipeline.js';
import { sourceKind } from './source.js';
import { tagKind } from './tag.js';
import { transformKind } from './transform.js';
import type { KindDefinition } from './types.js';

export type { KindDefinition, Reference, TaggedKind, UntaggedKind } from './types.js';

/** The kind every tagged kind's objects carry: created before them. */
export const TAG_KIND: ResourceKind = 'tag';

/**
 * The built-in kinds, in display order: manifest sections, validate summaries, the JSON Schema.
 * (Apply order is not this order: it derives from references.)
 */
const BUILTIN_KINDS: readonly KindDefinition[] = [
  sourceKind,
  destinationKind,
  transformKind,
  pipelineKind,
  tagKind,
];

/** One reference of one object: the object it names and the field that holds it. */
export interface ResolvedReference {
  readonly kind: ResourceKind;
  readonly name: string;
  readonly field: string;
  readonly many: boolean;
}

interface Derived {
  readonly applyOrder: readonly ResourceKind[];
  readonly referrers: ReadonlyMap<ResourceKind, readonly ResourceKind[]>;
}

export class KindRegistry {
  readonly #kinds = new Map<ResourceKind, KindDefinition>();
  #derived: Derived | undefined;
  #generation = 0;

  constructor(kinds: readonly KindDefinition[]) {
    for (const k of kinds) this.#kinds.set(k.kind, k);
  }

  /** Every kind, in display order. */
  get kinds(): readonly KindDefinition[] {
    return [...this.#kinds.values()];
  }

  /** Every kind name, in display order. */
  get names(): readonly ResourceKind[] {
    return [...this.#kinds.keys()];
  }

  /**
   * 0 while the registry holds the kinds it was built with; bumped by every register and unregister,
   * so what is computed from it once (the manifest validator) can tell it changed.
   */
  get generation(): number {
    return this.#generation;
  }

  has(name: string): name is ResourceKind {
    return this.#kinds.has(name as ResourceKind);
  }

  get<K extends ResourceKind>(kind: K): KindDefinition<K> {
    const def = this.#kinds.get(kind);
    if (!def) throw new InternalError(`kind "${kind}" is not registered`);
    // NOTE: registration keys each definition by its own `kind`, so this is the definition of K.
    return def as unknown as KindDefinition<K>;
  }

  /** Create and update order, top-down: every kind after the kinds it refers to (tags first). */
  get applyOrder(): readonly ResourceKind[] {
    return this.#derive().applyOrder;
  }

  /** Delete order, bottom-up: the apply order reversed. */
  get deleteOrder(): readonly ResourceKind[] {
    return [...this.applyOrder].reverse();
  }

  /** Kinds whose objects may refer to objects of `kind` (pipelines, for a source). */
  referrers(kind: ResourceKind): readonly ResourceKind[] {
    return this.#derive().referrers.get(kind) ?? [];
  }

  /** The objects one object refers to, by kind and name (tags aside). */
  referencesOf(resource: Resource): ResolvedReference[] {
    const out: ResolvedReference[] = [];
    for (const ref of this.get(resource.kind).references) {
      for (const name of ref.names(resource))
        out.push({ kind: ref.kind, name, field: ref.field, many: ref.many });
    }
    return out;
  }

  /**
   * Adds a kind (tests, extensions); returns what removes it again. Refuses a name taken, a reference
   * to a kind not registered, and a cycle of references.
   */
  register(def: KindDefinition): () => void {
    if (this.#kinds.has(def.kind)) throw new InternalError(`kind "${def.kind}" is already registered`);
    this.#kinds.set(def.kind, def);
    this.#derived = undefined;
    try {
      this.#derive();
    } catch (error) {
      this.#kinds.delete(def.kind);
      this.#derived = undefined;
      throw error;
    }
    this.#generation++;
    return () => {
      this.#kinds.delete(def.kind);
      this.#derived = undefined;
      this.#generation++;
    };
  }

  #dependencies(def: KindDefinition): ResourceKind[] {
    const deps = new Set(def.references.map((r) => r.kind));
    if (def.tagged) deps.add(TAG_KIND);
    for (const d of deps) {
      if (!this.#kinds.has(d))
        throw new InternalError(`kind "${def.kind}" refers to "${d}", which is not registered`);
    }
    return [...deps];
  }

  #derive(): Derived {
    if (this.#derived) return this.#derived;
    const deps = new Map(this.kinds.map((k) => [k.kind, this.#dependencies(k)]));
    const placed: ResourceKind[] = [];
    // NOTE: the first kind (in display order) whose dependencies are placed goes next, so the order is
    // stable and reads naturally: tag, source, destination, transform, pipeline.
    while (placed.length < deps.size) {
      const next = this.names.find(
        (k) => !placed.includes(k) && (deps.get(k) ?? []).every((d) => placed.includes(d)),
      );
      if (next === undefined) {
        const left = this.names.filter((k) => !placed.includes(k));
        throw new InternalError(`the kinds ${left.join(', ')} refer to each other in a cycle`);
      }
      placed.push(next);
    }
    const referrers = new Map<ResourceKind, ResourceKind[]>();
    for (const def of this.kinds) {
      for (const target of new Set(def.references.map((r) => r.kind))) {
        referrers.set(target, [...(referrers.get(target) ?? []), def.kind]);
      }
    }
    this.#derived = { applyOrder: placed, referrers };
    return this.#derived;
  }
}

/** The registry every stage reads. */
export const registry = new KindRegistry(BUILTIN_KINDS);
