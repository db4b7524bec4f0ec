/**
 * The reads behind `status`, all started at once and bounded by the API client's own limits
 * (concurrency, rate). Per pipeline at most three: its metrics (with the trend window), its
 * source's metrics (shared by pipelines of one source) and the describe call of its destination's
 * consumer group (shared likewise, skipped when the list carries the lag). Plus one consumer-group
 * list for the whole run. Nothing is read per table.
 * A refused or failed read is kept as a value (Settled), so one pipeline's 403 is a row in the
 * report, not a crash; only errors that are not API errors (bugs) propagate.
 */
import type { ApiClient } from '../api/types.js';
import { ApiError } from '../errors/index.js';
import type { OwnedPipeline } from './owned-pipelines.js';
import { groupLag, groupsFor, listRows, parseGroupRows, type GroupRow } from './parse-consumer-groups.js';
import { parsePipelineMetrics, type PipelineMetricsReading } from './parse-pipeline-metrics.js';
import { parseSourceMetrics, type SourceMetricsReading } from './parse-source-metrics.js';
import { READS, type MetricsRead } from './permissions.js';
import type { ForbiddenRead } from './types.js';
import type { MetricsWindow } from './time-window.js';

export type Settled<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string; readonly forbidden?: ForbiddenRead };

export interface ConsumerReading {
  readonly groups: readonly string[];
  readonly lag: number | undefined;
}

export interface PipelineReadings {
  readonly pipeline: Settled<PipelineMetricsReading>;
  readonly source: Settled<SourceMetricsReading>;
  readonly consumer: Settled<ConsumerReading>;
}

const GROUP_PAGE_SIZE = 100;
const MAX_GROUP_PAGES = 50;

async function settle<T>(work: () => Promise<T>, read: MetricsRead): Promise<Settled<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 403) {
      return { ok: false, error: `${read.endpoint} answered 403 (forbidden)`, forbidden: { ...read } };
    }
    return { ok: false, error: error.message };
  }
}

/** Every consumer group; pages only when the answer is the usual envelope and a page is full. */
async function listGroups(client: ApiClient): Promise<GroupRow[]> {
  const rows: GroupRow[] = [];
  for (let page = 1; page <= MAX_GROUP_PAGES; page++) {
    const body = await client.request('GET', '/consumer-groups', {
      query: { page, page_size: GROUP_PAGE_SIZE },
    });
    rows.push(...parseGroupRows(body));
    const enveloped = typeof body === 'object' && body !== null && 'result' in body;
    if (!enveloped || listRows(body).length < GROUP_PAGE_SIZE) break;
  }
  return rows;
}

/** Memoises one read per key (a source or a consumer group shared by several pipelines). */
function once<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    let p = cache.get(key);
    if (!p) cache.set(key, (p = load(key)));
    return p;
  };
}

function consumerLag(
  groups: Promise<Settled<GroupRow[]>>,
  describe: (id: string) => Promise<Settled<number | undefined>>,
) {
  return async (p: OwnedPipeline): Promise<Settled<ConsumerReading>> => {
    const list = await groups;
    if (!list.ok) return list;
    const matched = groupsFor(list.value, p.destination.id, p.id);
    const lags = await Promise.all(
      matched.map((g): Promise<Settled<number | undefined>> =>
        g.lag !== undefined ? Promise.resolve({ ok: true, value: g.lag }) : describe(g.id),
      ),
    );
    const failed = lags.find((l) => !l.ok);
    if (failed && !failed.ok) return failed;
    const known = lags.flatMap((l) => (l.ok && l.value !== undefined ? [l.value] : []));
    const lag = known.length > 0 ? known.reduce((a, b) => a + b, 0) : undefined;
    return { ok: true, value: { groups: matched.map((g) => g.id), lag } };
  };
}

/** Readings per pipeline id. */
export async function fetchHealth(
  client: ApiClient,
  pipelines: readonly OwnedPipeline[],
  window: MetricsWindow,
): Promise<Map<string, PipelineReadings>> {
  const groups = pipelines.length === 0 ? undefined : settle(() => listGroups(client), READS.consumerGroups);
  const describe = once((id) =>
    settle(
      async () => groupLag(await client.request('GET', `/consumer-groups/${encodeURIComponent(id)}`)),
      READS.consumerGroups,
    ),
  );
  const sourceMetrics = once((id) =>
    settle(
      async () =>
        parseSourceMetrics(await client.request('GET', `/sources/${encodeURIComponent(id)}/metrics`)),
      READS.sourceMetrics,
    ),
  );
  const consumer = groups ? consumerLag(groups, describe) : undefined;
  const read = async (p: OwnedPipeline): Promise<[string, PipelineReadings]> => {
    const [pipeline, source, cg] = await Promise.all([
      settle(
        async () =>
          parsePipelineMetrics(
            await client.request('GET', `/pipelines/${encodeURIComponent(p.id)}/metrics`, {
              query: { ...window },
            }),
          ),
        READS.pipelineMetrics,
      ),
      p.source.id === ''
        ? Promise.resolve<Settled<SourceMetricsReading>>({
            ok: false,
            error: 'the pipeline names no source id',
          })
        : sourceMetrics(p.source.id),
      consumer
        ? consumer(p)
        : Promise.resolve<Settled<ConsumerReading>>({ ok: true, value: { groups: [], lag: undefined } }),
    ]);
    return [p.id, { pipeline, source, consumer: cg }];
  };
  return new Map(await Promise.all(pipelines.map(read)));
}
