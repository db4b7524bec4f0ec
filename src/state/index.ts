/**
 * Live state: list every requested kind (plus all tags) through the API client and normalise each
 * object into the same model the manifests produce (src/model/resource.ts), so the planner compares
 * like with like. Per-kind knowledge (list endpoint, reader) lives in ./kinds/, registered in the
 * kind registry (src/kinds/registry.ts), which this loader loops over.
 *
 * Decisions:
 * - Every list starts at once; each kind is normalised as soon as its list (and the tags) arrived,
 *   so reading sources overlaps with fetching pipelines. A kind that refers to others (pipelines) is
 *   read after them: it resolves their ids to names through their lists.
 * - A malformed API object (not an object, no id or name, a field of the wrong shape) fails the
 *   whole load with an ApiError naming kind, id and every problem: silently skipping it could turn an
 *   existing resource into a planned create, or hide one the plan should refuse to touch.
 *   Exception: a transform of a type this version does not know is skipped with a warning.
 * - Duplicate live names stay in `resources` (all of them) and are listed in `duplicates`, so the
 *   planner refuses to act on those names and can still show them.
 * - Static defaults are not filled in (the planner applies rule 3 to both sides).
 */
import type { Logger } from '../logging/logger.js';
import type { ApiClient } from '../api/types.js';
import { registry } from '../kinds/registry.js';
import { silentLogger } from '../logging/logger.js';
import type { LiveResource, LiveState, ResourceKey, ResourceKind } from '../model/index.js';
import { resourceKey } from '../model/index.js';
import { assemble, namesById, NO_NAMES, readTags, type TagRead } from './assemble.js';
import { fetchList, fetchTags } from './fetch-lists.js';
import { TagNames } from './kinds/tag.js';
import { Problems, readAll } from './problems.js';
import type { ReadContext } from './reader.js';

export { fingerprintOf, canonicalJson } from './fingerprint.js';
export { findDuplicates } from './assemble.js';
export { liveStateAfterWrites } from './after-writes.js';
export { recordWrites, type WriteLog } from './write-log.js';

export interface LoadLiveStateOptions {
  readonly logger?: Logger;
  /**
   * false: no live fingerprints (LiveMeta.fingerprint is ''): a plan only shown as text, markdown
   * or drift never reads them. Default true.
   */
  readonly fingerprints?: boolean;
}

/** Live resources by `kind/name` (several when the name is a duplicate), for callers that look up by identity. */
export function indexLiveState(state: LiveState): ReadonlyMap<ResourceKey, readonly LiveResource[]> {
  const index = new Map<ResourceKey, LiveResource[]>();
  for (const r of state.resources) {
    const key = resourceKey(r.kind, r.name);
    const list = index.get(key);
    if (list) list.push(r);
    else index.set(key, [r]);
  }
  return index;
}

/**
 * Starts every requested kind's list at once; each kind is read as soon as its list, the tags and
 * the kinds it refers to are in (references resolve ids to names), so reading sources overlaps
 * with fetching pipelines.
 */
function readKinds(
  client: ApiClient,
  requested: readonly ResourceKind[],
  tagsRead: Promise<TagRead>,
  problems: Problems,
  { logger, fingerprints }: { readonly logger: Logger; readonly fingerprints: boolean },
  onListed: () => void,
): Map<ResourceKind, Promise<LiveResource[]>> {
  const warn = (message: string): void => logger.warn(message);
  const baseCtx = tagsRead.then((t) => new TagNames(t.tags, warn));
  const reads = new Map<ResourceKind, Promise<LiveResource[]>>();
  // NOTE: apply order puts every kind after the kinds it refers to, so their reads exist already.
  for (const kind of requested) {
    const live = registry.get(kind).live;
    if ('fromAccountTags' in live) {
      reads.set(
        kind,
        tagsRead.then((t) => live.fromAccountTags(t.tags, (id) => t.raws.get(id))),
      );
      continue;
    }
    const rows = fetchList(client, kind, live.list, logger).then((r) => (onListed(), r));
    const refs = [...new Set(registry.get(kind).references.map((r) => r.kind))];
    const ctx = Promise.all([baseCtx, ...refs.map((k) => reads.get(k) ?? Promise.resolve([]))]).then(
      ([tags, ...lists]): ReadContext => {
        const names = new Map(refs.map((k, i) => [k, namesById(lists[i] ?? [])]));
        return { tags, namesById: (k) => names.get(k) ?? NO_NAMES, warn, fingerprints };
      },
    );
    const read = Promise.all([rows, ctx]).then(([r, c]) =>
      readAll(kind, live.list.path, live.group ? live.group(r) : r, (x) => live.read(x, c), problems, warn),
    );
    reads.set(kind, read);
  }
  return reads;
}

/**
 * Reads the live state of `kinds` (tags are always listed, for id ↔ name resolution). Throws the
 * client's ApiError when a call fails, and an ApiError naming each object it cannot read.
 */
export async function loadLiveState(
  client: ApiClient,
  kinds: readonly ResourceKind[],
  opts: LoadLiveStateOptions = {},
): Promise<LiveState> {
  const logger = opts.logger ?? silentLogger();
  const started = performance.now();
  let lastListAt = started;
  const problems = new Problems();
  const loadedKinds = registry.applyOrder.filter((k) => kinds.includes(k));
  const tagsRead = fetchTags(client, logger).then((rows) => readTags(rows, problems));
  const reading = { logger, fingerprints: opts.fingerprints !== false };
  const reads = readKinds(client, loadedKinds, tagsRead, problems, reading, () => {
    lastListAt = Math.max(lastListAt, performance.now());
  });
  const [tags, ...lists] = await Promise.all([tagsRead, ...reads.values()]);
  problems.throwIfAny();
  const byKind = new Map([...reads.keys()].map((k, i) => [k, lists[i] ?? []]));
  const state = assemble(loadedKinds, byKind, tags);
  const done = performance.now();
  logger.debug(
    {
      kinds: state.loadedKinds,
      resources: state.resources.length,
      tags: state.tags.length,
      duplicates: state.duplicates.length,
      ms: Math.round(done - started),
      // Time spent after the last list arrived: what normalising adds on top of the fetches.
      tailMs: Math.round(done - lastListAt),
    },
    'live state loaded',
  );
  return state;
}
