import type { PipelineResource, Resource, SourceResource } from '../model/index.js';
import { asRecord, commonFields } from './build-common.js';
import type { Entry } from './entry.js';

/**
 * The source's tables when its `table_include_list` is literal (`public.orders, public.customers`):
 * qualified names without regex metacharacters. Otherwise undefined (a regex selects tables the
 * manifest cannot know offline).
 */
const tablesCache = new WeakMap<SourceResource, string[] | undefined>();

export function literalTables(source: SourceResource | undefined): string[] | undefined {
  if (!source) return undefined;
  if (tablesCache.has(source)) return tablesCache.get(source);
  const list = source.config['table_include_list'];
  let tables: string[] | undefined;
  if (typeof list === 'string') {
    const entries = list
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    // NOTE: "." separates schema and table; Debezium reads it as a regex dot, we read it as literal.
    const literal = entries.length > 0 && entries.every((t) => /^[\w-]+(\.[\w-]+)+$/.test(t));
    tables = literal ? entries : undefined;
  }
  tablesCache.set(source, tables);
  return tables;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** `sourceOf`: the source of that name when the manifests declare it (built before pipelines). */
export function buildPipeline(e: Entry, sourceOf: (name: string) => Resource | undefined): PipelineResource {
  const raw = e.raw;
  const sourceName = String(raw['source']);
  const source = sourceOf(sourceName);
  const topics = Array.isArray(raw['topics'])
    ? strings(raw['topics'])
    : literalTables(source?.kind === 'source' ? source : undefined);
  const transforms = (Array.isArray(raw['transforms']) ? raw['transforms'] : []).map((t) => {
    const ref = asRecord(t) ?? {};
    return { name: String(ref['name']), topics: strings(ref['topics']) };
  });
  const topicAutoDiscovery = (
    Array.isArray(raw['topic_auto_discovery']) ? raw['topic_auto_discovery'] : []
  ).map((t) => {
    const ref = asRecord(t) ?? {};
    return { transform: String(ref['transform']), regex: String(ref['regex']) };
  });
  return {
    kind: 'pipeline',
    source: sourceName,
    destination: String(raw['destination']),
    topics,
    transforms,
    topicAutoDiscovery,
    snapshotNewTables: raw['snapshot_new_tables'] !== false,
    ...commonFields(e),
  };
}
