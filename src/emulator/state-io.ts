/** The store as one JSON document: used by the dump endpoint, state loading and the data file. */
import { isRecord } from './http.js';
import type { Store } from './store.js';
import type { StoredConnector, StoredPipeline, StoredTag, StoredTransform } from './types.js';

export const STATE_FORMAT_VERSION = 1;

export interface StateDocument {
  version: number;
  sources: StoredConnector[];
  destinations: StoredConnector[];
  transforms: StoredTransform[];
  pipelines: StoredPipeline[];
  tags: StoredTag[];
}

export function exportState(store: Store): StateDocument {
  return structuredClone({
    version: STATE_FORMAT_VERSION,
    sources: [...store.sources.all()],
    destinations: [...store.destinations.all()],
    transforms: [...store.transforms.all()],
    pipelines: [...store.pipelines.all()],
    tags: [...store.tags.all()],
  });
}

function listOf<T>(doc: Record<string, unknown>, key: string, where: string): T[] {
  const v = doc[key] ?? [];
  if (
    !Array.isArray(v) ||
    !v.every((x) => isRecord(x) && typeof x['id'] === 'string' && typeof x['name'] === 'string')
  ) {
    throw new Error(`${where}: "${key}" must be a list of objects with string "id" and "name"`);
  }
  return structuredClone(v) as T[];
}

/**
 * Replaces the store's content with a document written by `exportState`. Throws with the
 * offending key when the document is not one (a hand-edited or foreign data file).
 */
export function importState(store: Store, doc: unknown, where = 'state document'): void {
  if (!isRecord(doc) || doc['version'] !== STATE_FORMAT_VERSION) {
    throw new Error(`${where}: not an emulator state document (expected "version": ${STATE_FORMAT_VERSION})`);
  }
  const sources = listOf<StoredConnector>(doc, 'sources', where);
  const destinations = listOf<StoredConnector>(doc, 'destinations', where);
  const transforms = listOf<StoredTransform>(doc, 'transforms', where);
  const pipelines = listOf<StoredPipeline>(doc, 'pipelines', where);
  const tags = listOf<StoredTag>(doc, 'tags', where);
  store.clear();
  for (const t of tags) store.tags.add({ ...t, kind: 'tag' });
  for (const s of sources) store.sources.add({ ...s, kind: 'source' });
  for (const d of destinations) store.destinations.add({ ...d, kind: 'destination' });
  for (const t of transforms) store.transforms.add({ ...t, kind: 'transform' });
  for (const p of pipelines) {
    const record = { ...p, kind: 'pipeline' as const };
    store.pipelines.add(record);
    store.linkPipeline(record);
  }
}
