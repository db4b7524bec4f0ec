/** Pipelines: source, destination, topics, transforms by topic, auto-discovery, snapshot_new_tables. */
import type { ManifestItem, KindExport } from './types.js';

export const pipelineExport: KindExport<'pipeline'> = {
  item(live) {
    const item: ManifestItem = {
      source: live.source,
      destination: live.destination,
      // NOTE: always listed: without it a pipeline takes every table of its source's include list,
      // which is the live topics only while that list stays as it is.
      topics: [...(live.topics ?? [])],
    };
    if (live.transforms.length > 0) {
      item['transforms'] = live.transforms.map((t) => ({ name: t.name, topics: [...t.topics] }));
    }
    if (live.topicAutoDiscovery.length > 0) {
      item['topic_auto_discovery'] = live.topicAutoDiscovery.map((a) => ({
        transform: a.transform,
        regex: a.regex,
      }));
    }
    if (!live.snapshotNewTables) item['snapshot_new_tables'] = false;
    return item;
  },
};
