/**
 * What every kind writer shares: the writer interface, the ids in responses, and the lookup that
 * makes a create idempotent when its response was lost.
 */
import { InternalError } from '../../errors/index.js';
import { ownershipTag } from '../../model/index.js';
import type { LiveResource, PlanAction, ResolvedPayload, ResourceKind } from '../../model/index.js';
import type { ApiClient, Query } from '../../api/types.js';
import type { RunContext } from '../run-context.js';

export interface WriteInput<K extends ResourceKind = ResourceKind> {
  readonly action: PlanAction;
  /** action.desired (K's payload) with secrets resolved (SecretValue). */
  readonly desired: ResolvedPayload<K>;
  readonly ctx: RunContext;
  /**
   * For the create half of a replace: the live object being replaced. Server-side settings the
   * manifest does not manage (the Kafka Connect cluster) carry over to its replacement.
   */
  readonly replacing?: LiveResource;
}

/** Overrides one reference by id: a replaced object's new id, before its final name is set. */
export interface Repoint {
  readonly kind: ResourceKind;
  readonly liveName: string;
  readonly id: string;
  readonly code?: string;
}

/** A kind's writer registration (src/kinds/registry.ts): the HTTP of its creates, updates and deletes. */
export interface KindWriter<K extends ResourceKind = ResourceKind> {
  /**
   * The model (and plan payload) field whose value other objects' bodies echo with this object's id
   * (a connector's `connector` code, a transform's `type`).
   */
  readonly codeField?: string;
  /** Creates the object; resolves to its server id. */
  create(input: WriteInput<K>): Promise<string>;
  /** Updates the live object in place (a rename included); resolves to its id. */
  update(input: WriteInput<K>, live: LiveResource): Promise<string>;
  delete(action: PlanAction, live: LiveResource, ctx: RunContext): Promise<void>;
  /**
   * Gives an object created under a temporary name its final name (a replace of an object that
   * live pipelines use, see replace.ts). Kinds nothing references have none.
   */
  rename?(input: WriteInput<K>, id: string): Promise<void>;
  /**
   * Points a live object of this kind that refers to a replaced one at the replacement (`target`),
   * leaving the rest of it as it is. Kinds that refer to nothing have none.
   */
  repoint?(user: LiveResource, target: Repoint, ctx: RunContext): Promise<void>;
}

/**
 * How `apply --wait` reads a kind's health (api-notes §3.5). Kinds without one (tags; transforms, whose job
 * the apply already awaited) are not watched.
 */
export interface KindHealth {
  /** The status the kind's metrics report for the object (Active, Broken, ...), if they say one. */
  metricsStatus(client: ApiClient, id: string): Promise<string | undefined>;
  /** Where the object is read by id (`GET path/id`): its own status field is the fallback. */
  readonly path: string;
}

/** The code (`writer.codeField`) a model object or plan payload holds, if its kind has one. */
export function codeIn(writer: KindWriter, object: object): string | undefined {
  const code =
    writer.codeField === undefined ? undefined : (object as Record<string, unknown>)[writer.codeField];
  return typeof code === 'string' ? code : undefined;
}

/** `secret_returned=true`: responses (and the echo of writes) carry secrets in plaintext (api-notes §2.4). */
export const S: Query = { secret_returned: true };
/** `secret_returned=true&wait=false`: do not wait for the Kafka Connect deploy (api-notes §2.4). */
export const SW: Query = { secret_returned: true, wait: false };

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The effective tag names of the plan (already with the ownership tag), as ids. */
export function tagIdsOf(input: {
  readonly action: PlanAction;
  readonly desired: { readonly tags: readonly string[] };
  readonly ctx: RunContext;
}): string[] {
  return input.ctx.tagIdsFor(input.desired.tags, input.action.id);
}

export function stringList(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter((x): x is string => typeof x === 'string');
}

/** The `id` of a write response (a bare object, or an envelope with one item). */
export function idOf(response: unknown, what: string): string {
  let obj = response;
  if (isRecord(obj) && Array.isArray(obj['result'])) obj = obj['result'][0];
  if (isRecord(obj) && typeof obj['id'] === 'string' && obj['id'] !== '') return obj['id'];
  throw new InternalError(`${what}: the API answered without an id`);
}

function tagIdsIn(obj: Record<string, unknown>): string[] {
  const tags = obj['tags'];
  if (!Array.isArray(tags)) return [];
  return tags.flatMap((t) =>
    typeof t === 'string' ? [t] : isRecord(t) && typeof t['id'] === 'string' ? [t['id']] : [],
  );
}

/**
 * For `lookupAfterFailure`: the object named `name` under `path` that carries our ownership tag,
 * i.e. one our own lost create made. A namesake without the tag is not ours: the retry then fails
 * with the duplicate error, which is what the user must see.
 */
export function ownedLookup(
  ctx: RunContext,
  path: string,
  name: string,
  nameOf: (o: Record<string, unknown>) => unknown = (o) => o['name'],
): () => Promise<unknown> {
  return async () => {
    const ownTag = ctx.tagId(ownershipTag(ctx.namespace));
    const items = await ctx.client.listAll(path, { partial_name: name, secret_returned: true });
    return items.find(
      (o) => isRecord(o) && nameOf(o) === name && ownTag !== undefined && tagIdsIn(o).includes(ownTag),
    );
  };
}
