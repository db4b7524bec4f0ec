/**
 * Live state: list every requested kind (plus all tags) through the API client and normalise each
 * object into the same model the manifests produce (src/model/resource.ts), so the planner compares
 * like with like. Per-kind knowledge lives in ./kinds/.
 *
 * Decisions:
 * - A malformed API object (not an object, no id or name, a field of the wrong shape) fails the
 *   whole load with an ApiError naming kind, id and every problem: silently skipping it could turn an
 *   existing resource into a planned create, or hide one the plan should refuse to touch.
 *   Exception: a transform of a type this version does not know is skipped with a warning.
 * - Duplicate live names stay in `resources` (all of them) and are listed in `duplicates`, so the
 *   planner refuses to act on those names and can still show them.
 */
import type { Logger } from 'pino';
import type { ApiClient } from '../api/types.js';
import { ApiError } from '../errors/index.js';
import { silentLogger } from '../logging/logger.js';
import type { LiveDuplicate, LiveResource, LiveState, LiveTag, ResourceKind } from '../model/index.js';
import { KIND_ORDER } from '../model/index.js';
import { LIST_ENDPOINTS, TAGS_PATH, fetchLists } from './fetch-lists.js';
import type { ListedKind, RawLists } from './fetch-lists.js';
import { readConnector } from './kinds/connector.js';
import { readPipeline } from './kinds/pipeline.js';
import { TagNames, readTag, tagResource } from './kinds/tag.js';
import { groupTransformRows, readTransform } from './kinds/transform.js';
import { idForMessage } from './parse.js';
import type { ReadContext, ReadResult, ResourceReader } from './reader.js';

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

/** Shape problems found while reading, turned into one error at the end. */
class Problems {
  readonly lines: string[] = [];
  readonly paths = new Set<string>();

  add(kind: ResourceKind, raw: unknown, path: string, problems: readonly string[]): void {
    this.paths.add(path);
    this.lines.push(`${kind} ${idForMessage(raw)}: ${problems.join('; ')}`);
  }

  throwIfAny(): void {
    if (this.lines.length === 0) return;
    const paths = [...this.paths].join(', ');
    const shown = this.lines.slice(0, 10);
    const more = this.lines.length > shown.length ? ` (and ${this.lines.length - shown.length} more)` : '';
    throw new ApiError({
      message: `GET ${paths} returned ${this.lines.length} object(s) this version cannot read${more}:\n  ${shown.join('\n  ')}`,
      method: 'GET',
      path: [...this.paths][0] ?? '',
      status: 200,
      details: this.lines,
      hint: 'The API answered in a shape the contract does not describe. Upgrade streamkap-gitops or report it with the log (--debug).',
    });
  }
}

function readAll<T>(
  kind: ResourceKind,
  path: string,
  raws: readonly unknown[],
  read: (raw: unknown) => ReadResult<T>,
  problems: Problems,
  logger: Logger,
): T[] {
  const out: T[] = [];
  for (const raw of raws) {
    const r = read(raw);
    if (r.value !== undefined) out.push(r.value);
    else if (r.problems !== undefined) problems.add(kind, raw, path, r.problems);
    else logger.warn({ kind }, r.skipped);
  }
  return out;
}

function namesById(resources: readonly LiveResource[]): Map<string, string> {
  return new Map(resources.map((r) => [r.live.id, r.name]));
}

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

function normalise(raw: RawLists, kinds: readonly ResourceKind[], logger: Logger): LiveState {
  const problems = new Problems();
  const tags: LiveTag[] = [];
  const tagRaws = new Map<string, unknown>();
  for (const rawTag of raw.tags) {
    const r = readTag(rawTag);
    if (r.value) {
      tags.push(r.value);
      tagRaws.set(r.value.id, rawTag);
    } else if (r.problems) problems.add('tag', rawTag, TAGS_PATH, r.problems);
  }
  const warn = (message: string): void => logger.warn(message);
  const empty = new Map<string, string>();
  const ctx: ReadContext = {
    tags: new TagNames(tags, warn),
    namesById: { source: empty, destination: empty, transform: empty },
    warn,
  };
  const byKind = new Map<ResourceKind, LiveResource[]>();
  const readKind = (kind: ListedKind, context: ReadContext, rows?: readonly unknown[]): LiveResource[] => {
    const items = readAll(
      kind,
      LIST_ENDPOINTS[kind].path,
      rows ?? raw.items[kind] ?? [],
      (x) => READERS[kind](x, context),
      problems,
      logger,
    );
    byKind.set(kind, items);
    return items;
  };
  const sources = readKind('source', ctx);
  const destinations = readKind('destination', ctx);
  const transforms = readKind('transform', ctx, groupTransformRows(raw.items.transform ?? []));
  const pipelineCtx: ReadContext = {
    ...ctx,
    namesById: {
      source: namesById(sources),
      destination: namesById(destinations),
      transform: namesById(transforms),
    },
  };
  readKind('pipeline', pipelineCtx);
  if (kinds.includes('tag'))
    byKind.set(
      'tag',
      tags.filter((t) => !t.system).map((t) => tagResource(t, tagRaws.get(t.id))),
    );
  problems.throwIfAny();

  const loadedKinds = KIND_ORDER.filter((k) => kinds.includes(k));
  const resources = loadedKinds.flatMap((k) => byKind.get(k) ?? []);
  const duplicates = [
    ...findDuplicates(
      resources.filter((r) => r.kind !== 'tag').map((r) => ({ kind: r.kind, name: r.name, id: r.live.id })),
    ),
    // NOTE: tag names are checked over every tag (system ones too): a name held twice cannot be
    // resolved to one id, so the planner must not write it.
    ...(kinds.includes('tag')
      ? findDuplicates(tags.map((t) => ({ kind: 'tag' as const, name: t.name, id: t.id })))
      : []),
  ];
  return { resources, tags, duplicates, loadedKinds };
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
  const listed = KIND_ORDER.filter((k): k is ListedKind => k !== 'tag' && kinds.includes(k));
  const raw = await fetchLists(client, listed, logger);
  const fetched = performance.now();
  const state = normalise(raw, kinds, logger);
  const done = performance.now();
  logger.debug(
    {
      kinds: state.loadedKinds,
      resources: state.resources.length,
      tags: state.tags.length,
      duplicates: state.duplicates.length,
      fetchMs: Math.round(fetched - started),
      normaliseMs: Math.round(done - fetched),
      ms: Math.round(done - started),
    },
    'live state loaded',
  );
  return state;
}
