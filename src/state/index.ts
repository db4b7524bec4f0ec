/**
 * Live state: list every requested kind (plus all tags) through the API client and normalise each
 * object into the same model the manifests produce (src/model/resource.ts), so the planner compares
 * like with like. Per-kind knowledge lives in ./kinds/.
 *
 * Decisions:
 * - Every list starts at once; each kind is normalised as soon as its list (and the tags) arrived,
 *   so reading sources overlaps with fetching pipelines. Pipelines are read last: they resolve
 *   source/destination/transform ids to names through the other lists.
 * - A malformed API object (not an object, no id or name, a field of the wrong shape) fails the
 *   whole load with an ApiError naming kind, id and every problem: silently skipping it could turn an
 *   existing resource into a planned create, or hide one the plan should refuse to touch.
 *   Exception: a transform of a type this version does not know is skipped with a warning.
 * - Duplicate live names stay in `resources` (all of them) and are listed in `duplicates`, so the
 *   planner refuses to act on those names and can still show them.
 * - Static defaults are not filled in (the planner applies rule 3 to both sides).
 */
import type { Logger } from 'pino';
import type { ApiClient } from '../api/types.js';
import { silentLogger } from '../logging/logger.js';
import type {
  LiveDuplicate,
  LiveResource,
  LiveState,
  LiveTag,
  ResourceKey,
  ResourceKind,
} from '../model/index.js';
import { KIND_ORDER, resourceKey } from '../model/index.js';
import { LIST_ENDPOINTS, TAGS_PATH, fetchKind, fetchTags } from './fetch-lists.js';
import type { ListedKind } from './fetch-lists.js';
import { readConnector } from './kinds/connector.js';
import { readPipeline } from './kinds/pipeline.js';
import { TagNames, readTag, tagResource } from './kinds/tag.js';
import { groupTransformRows, readTransform } from './kinds/transform.js';
import { Problems, readAll } from './problems.js';
import type { ReadContext, ResourceReader } from './reader.js';

export { fingerprintOf, canonicalJson } from './fingerprint.js';

export interface LoadLiveStateOptions {
  readonly logger?: Logger;
}

const READERS: Readonly<Record<ListedKind, ResourceReader>> = {
  source: (raw, ctx) => readConnector('source', raw, ctx),
  destination: (raw, ctx) => readConnector('destination', raw, ctx),
  transform: readTransform,
  pipeline: readPipeline,
};

export function findDuplicates(
  resources: readonly { kind: ResourceKind; name: string; id: string }[],
): LiveDuplicate[] {
  const groups = new Map<string, { kind: ResourceKind; name: string; ids: string[] }>();
  for (const r of resources) {
    const key = `${r.kind}/${r.name}`;
    const g = groups.get(key) ?? { kind: r.kind, name: r.name, ids: [] };
    g.ids.push(r.id);
    groups.set(key, g);
  }
  return [...groups.values()].filter((g) => g.ids.length > 1);
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

function namesById(resources: readonly LiveResource[]): Map<string, string> {
  return new Map(resources.map((r) => [r.live.id, r.name]));
}

interface TagRead {
  readonly tags: LiveTag[];
  readonly raws: Map<string, unknown>;
}

function readTags(rows: readonly unknown[], problems: Problems): TagRead {
  const out: TagRead = { tags: [], raws: new Map() };
  for (const raw of rows) {
    const r = readTag(raw);
    if (r.value) {
      out.tags.push(r.value);
      out.raws.set(r.value.id, raw);
    } else if (r.problems) problems.add('tag', raw, TAGS_PATH, r.problems);
  }
  return out;
}

function assemble(
  kinds: readonly ResourceKind[],
  byKind: Map<ResourceKind, LiveResource[]>,
  tags: TagRead,
): LiveState {
  const loadedKinds = KIND_ORDER.filter((k) => kinds.includes(k));
  if (kinds.includes('tag')) {
    byKind.set(
      'tag',
      tags.tags.filter((t) => !t.system).map((t) => tagResource(t, tags.raws.get(t.id))),
    );
  }
  const resources = loadedKinds.flatMap((k) => byKind.get(k) ?? []);
  const duplicates = [
    ...findDuplicates(
      resources.filter((r) => r.kind !== 'tag').map((r) => ({ kind: r.kind, name: r.name, id: r.live.id })),
    ),
    // NOTE: tag names are checked over every tag (system ones too): a name held twice cannot be
    // resolved to one id, so the planner must not write it.
    ...(kinds.includes('tag')
      ? findDuplicates(tags.tags.map((t) => ({ kind: 'tag' as const, name: t.name, id: t.id })))
      : []),
  ];
  return { resources, tags: tags.tags, duplicates, loadedKinds };
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
  const warn = (message: string): void => logger.warn(message);
  const list = async (kind: ListedKind): Promise<readonly unknown[]> => {
    if (!kinds.includes(kind)) return [];
    const rows = await fetchKind(client, kind, logger);
    lastListAt = Math.max(lastListAt, performance.now());
    return rows;
  };
  const lists = {
    source: list('source'),
    destination: list('destination'),
    transform: list('transform'),
    pipeline: list('pipeline'),
  };
  const tagsRead = fetchTags(client, logger).then((rows) => readTags(rows, problems));
  const empty = new Map<string, string>();
  const baseCtx = tagsRead.then((t): ReadContext => ({
    tags: new TagNames(t.tags, warn),
    namesById: { source: empty, destination: empty, transform: empty },
    warn,
  }));
  const read = async (
    kind: ListedKind,
    ctx: Promise<ReadContext>,
    group?: (rows: readonly unknown[]) => unknown[],
  ): Promise<LiveResource[]> => {
    const [rows, context] = await Promise.all([lists[kind], ctx]);
    return readAll(
      kind,
      LIST_ENDPOINTS[kind].path,
      group ? group(rows) : rows,
      (x) => READERS[kind](x, context),
      problems,
      warn,
    );
  };
  const sources = read('source', baseCtx);
  const destinations = read('destination', baseCtx);
  const transforms = read('transform', baseCtx, groupTransformRows);
  const pipelineCtx = Promise.all([baseCtx, sources, destinations, transforms]).then(
    ([ctx, s, d, t]): ReadContext => ({
      ...ctx,
      namesById: { source: namesById(s), destination: namesById(d), transform: namesById(t) },
    }),
  );
  const pipelines = read('pipeline', pipelineCtx);
  const [tags, ...read4] = await Promise.all([tagsRead, sources, destinations, transforms, pipelines]);
  problems.throwIfAny();
  const byKind = new Map<ResourceKind, LiveResource[]>([
    ['source', read4[0]],
    ['destination', read4[1]],
    ['transform', read4[2]],
    ['pipeline', read4[3]],
  ]);
  const state = assemble(kinds, byKind, tags);
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
