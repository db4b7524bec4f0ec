import { sortedUnique } from '../canonical.js';

const ANY_SOURCE_PREFIX = /^source_[0-9a-f]{24}\./;

/**
 * Rule 12, pipeline topics compare by pretty name (`public.orders`). An observed entry that still
 * carries its topic-id prefix `source_<sourceId>.` has it dropped first (api-notes §6.3); without the
 * source id, any 24-hex source prefix is dropped.
 */
export function prettyTopic(topic: string, sourceId?: string): string {
  if (sourceId !== undefined) {
    const prefix = `source_${sourceId}.`;
    return topic.startsWith(prefix) ? topic.slice(prefix.length) : topic;
  }
  return topic.replace(ANY_SOURCE_PREFIX, '');
}

export function prettyTopics(topics: readonly string[] | null | undefined, sourceId?: string): string[] {
  return sortedUnique((topics ?? []).map((t) => prettyTopic(t, sourceId)));
}
