/**
 * Topic naming (api-notes §6.3): a source's topics come from its include lists; ids are
 * `source_<id>.<pretty>`, and a pretty name is an id minus its first dot-segment.
 */
import type { Json, JsonRecord } from './types.js';

/** Include-list keys in the order they are consulted; the first one set wins. */
const INCLUDE_KEYS = [
  'table.include.list.user.defined',
  'collection.include.list.user.defined',
  'topic.include.list.user.defined',
  'endpoint.include.list.user.defined',
];
const NAMESPACE_KEYS = [
  'schema.include.list',
  'schema.include.list.user.defined',
  'database.include.list',
  'database.include.list.user.defined',
];

function csv(v: Json | undefined): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  if (typeof v !== 'string') return [];
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * A list's entries under its `.user.defined` key and its short key (`table.include.list`) together:
 * the quickstart sends the short key, and presents the `.user.defined` one as tables added to it.
 */
function includeEntries(config: JsonRecord, key: string): string[] {
  const short = key.slice(0, -'.user.defined'.length);
  return [...new Set([...csv(config[key]), ...csv(config[short])])];
}

/** Pretty topic names of a source, e.g. `public.orders` (DynamoDB: `default.<table>`). */
export function sourceTopics(connector: string, config: JsonRecord): string[] {
  const key = INCLUDE_KEYS.find((k) => includeEntries(config, k).length > 0);
  if (!key) return [];
  const entries = includeEntries(config, key);
  if (connector === 'dynamodb') return entries.map((t) => (t.includes('.') ? t : `default.${t}`));
  const nsKey = NAMESPACE_KEYS.find((k) => csv(config[k]).length > 0);
  const namespace = nsKey ? csv(config[nsKey])[0] : undefined;
  // NOTE: an entry without a namespace takes the first schema/database of the source.
  return entries.map((t) => (t.includes('.') || !namespace ? t : `${namespace}.${t}`));
}

export function sourceTopicId(sourceId: string, pretty: string): string {
  return `source_${sourceId}.${pretty}`;
}

/** The server's reading of a topic id: everything after the first dot. */
export function prettyTopic(topicId: string): string {
  const dot = topicId.indexOf('.');
  return dot < 0 ? '' : topicId.slice(dot + 1);
}
