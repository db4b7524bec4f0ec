/**
 * The live state after an apply, from the state read before it and what the writes answered
 * (write-log.ts): objects nothing wrote are kept as read, written ones are read from the object the
 * API returned, deleted ones dropped. It costs the tag list (one call) and a list of the kinds a
 * write answer does not show whole (transforms), instead of listing every kind again: at 10,000
 * resources a 1% change sends ~100 writes, and a full re-read would add ~100 more requests.
 */
import type { Logger } from '../logging/logger.js';
import type { ApiClient } from '../api/types.js';
import { registry } from '../kinds/registry.js';
import { silentLogger } from '../logging/logger.js';
import type { LiveResource, LiveState, ResourceKind } from '../model/index.js';
import { assemble, namesById, NO_NAMES, readTags } from './assemble.js';
import { fetchList, fetchTags } from './fetch-lists.js';
import { TagNames } from './kinds/tag.js';
import { Problems, readAll } from './problems.js';
import type { ReadContext } from './reader.js';
import type { WriteLog } from './write-log.js';

function relistAll(
  client: ApiClient,
  before: LiveState,
  log: WriteLog,
  logger: Logger,
): Map<ResourceKind, Promise<readonly unknown[]>> {
  const lists = new Map<ResourceKind, Promise<readonly unknown[]>>();
  for (const kind of before.loadedKinds) {
    const live = registry.get(kind).live;
    if (log.relist.has(kind) && 'list' in live) lists.set(kind, fetchList(client, kind, live.list, logger));
  }
  return lists;
}

/**
 * `before` with the writes of `log` applied. Throws like loadLiveState when a list fails or an
 * object cannot be read.
 * NOTE: an object nothing wrote keeps the names it referred to when it was read; one whose
 * reference was renamed is reported by the next plan, not here (the check covers what was written).
 */
export async function liveStateAfterWrites(
  client: ApiClient,
  before: LiveState,
  log: WriteLog,
  opts: { readonly logger?: Logger } = {},
): Promise<LiveState> {
  const logger = opts.logger ?? silentLogger();
  const warn = (message: string): void => logger.warn(message);
  const problems = new Problems();
  const lists = relistAll(client, before, log, logger);
  // Every list at once; a failed one fails the check without leaving the others unawaited.
  const [tagRows] = await Promise.all([fetchTags(client, logger), ...lists.values()]);
  const tags = readTags(tagRows, problems);
  const tagNames = new TagNames(tags.tags, warn);
  const byKind = new Map<ResourceKind, LiveResource[]>();
  // NOTE: loadedKinds is in apply order: every kind comes after the kinds it refers to.
  for (const kind of before.loadedKinds) {
    const def = registry.get(kind);
    const live = def.live;
    if ('fromAccountTags' in live) {
      byKind.set(
        kind,
        live.fromAccountTags(tags.tags, (id) => tags.raws.get(id)),
      );
      continue;
    }
    const names = new Map(def.references.map((r) => [r.kind, namesById(byKind.get(r.kind) ?? [])]));
    // NOTE: the check plans only to compare; it never needs fingerprints.
    const ctx: ReadContext = {
      tags: tagNames,
      namesById: (k) => names.get(k) ?? NO_NAMES,
      warn,
      fingerprints: false,
    };
    const read = (rows: readonly unknown[]): LiveResource[] =>
      readAll(kind, live.list.path, rows, (x) => live.read(x, ctx), problems, warn);
    const listed = lists.get(kind);
    if (listed !== undefined) {
      const rows = await listed;
      byKind.set(kind, read(live.group ? live.group(rows) : rows));
      continue;
    }
    const echoes = log.echoes.get(kind) ?? new Map<string, unknown>();
    const kept = before.resources.filter(
      (r) => r.kind === kind && !log.deleted.has(r.live.id) && !echoes.has(r.live.id),
    );
    byKind.set(kind, [...kept, ...read([...echoes.values()])]);
  }
  problems.throwIfAny();
  return assemble(before.loadedKinds, byKind, tags);
}
