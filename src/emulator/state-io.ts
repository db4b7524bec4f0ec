/** The store as one JSON document: used by the dump endpoint, state loading and the data file. */
import { isRecord } from './http.js';
import { activeSettle } from './routes/common.js';
import type { Store } from './store.js';
import type { AddedRecord, StoredConnector, StoredPipeline, StoredTag, StoredTransform } from './types.js';

export const STATE_FORMAT_VERSION = 1;

export interface StateDocument {
  version: number;
  sources: StoredConnector[];
  destinations: StoredConnector[];
  transforms: StoredTransform[];
  pipelines: StoredPipeline[];
  tags: StoredTag[];
  /** Records of kinds added to the emulator (src/emulator/kinds.ts), by kind; absent when none. */
  added?: Record<string, AddedRecord[]>;
}

export function exportState(store: Store): StateDocument {
  const added = [...store.addedCollections()].filter(([, c]) => c.size > 0);
  return structuredClone({
    version: STATE_FORMAT_VERSION,
    sources: [...store.sources.all()],
    destinations: [...store.destinations.all()],
    transforms: [...store.transforms.all()],
    pipelines: [...store.pipelines.all()],
    tags: [...store.tags.all()],
    ...(added.length === 0 ? {} : { added: Object.fromEntries(added.map(([k, c]) => [k, [...c.all()]])) }),
  });
}

/** `added` of a state document: kind → records with string `id` and `name`. */
function addedOf(doc: Record<string, unknown>, where: string): [string, AddedRecord[]][] {
  const added = doc['added'] ?? {};
  if (!isRecord(added)) throw new Error(`${where}: "added" must be an object of lists`);
  return Object.keys(added).map((kind) => [
    kind,
    listOf<AddedRecord>(added, kind, `${where} (added)`).map((x) => ({ tags: null, ...x }) as AddedRecord),
  ]);
}

/** A record as a hand-written document may give it: id and name required, the rest defaulted. */
type Loose<T> = Partial<T> & { id: string; name: string };

function entityDefaults(x: { created_timestamp?: string | undefined }) {
  const at = x.created_timestamp ?? new Date(0).toISOString();
  return {
    tags: null,
    created_from: 'web',
    created_timestamp: at,
    updated_timestamp: at,
    settle: activeSettle(),
  };
}

function listOf<T>(doc: Record<string, unknown>, key: string, where: string): Loose<T>[] {
  const v = doc[key] ?? [];
  if (
    !Array.isArray(v) ||
    !v.every((x) => isRecord(x) && typeof x['id'] === 'string' && typeof x['name'] === 'string')
  ) {
    throw new Error(`${where}: "${key}" must be a list of objects with string "id" and "name"`);
  }
  return structuredClone(v) as Loose<T>[];
}

function connector(kind: 'source' | 'destination', x: Loose<StoredConnector>): StoredConnector {
  return {
    ...entityDefaults(x),
    config: {},
    connector: '',
    kc_cluster_id: null,
    ...x,
    kind,
  } as StoredConnector;
}

function transform(x: Loose<StoredTransform>): StoredTransform {
  const defaults = {
    config: {},
    transform_type: '',
    implementation: null,
    versions: [],
    job: null,
    topics: [],
    topic_ids: [],
  };
  return { ...entityDefaults(x), ...defaults, ...x, kind: 'transform' } as StoredTransform;
}

function pipeline(x: Loose<StoredPipeline>): StoredPipeline {
  const defaults = { transforms: [], topic_auto_discovery_transforms: [], snapshot_new_tables: true };
  return { ...entityDefaults(x), ...defaults, ...x, kind: 'pipeline' } as StoredPipeline;
}

function tag(x: Loose<StoredTag>): StoredTag {
  const defaults = {
    description: null,
    type: [],
    system: false,
    custom: true,
    created_timestamp: new Date(0).toISOString(),
  };
  return { ...defaults, ...x, kind: 'tag' } as StoredTag;
}

/**
 * Replaces the store's content with a document written by `exportState` (or by hand: missing
 * optional fields get defaults). Throws with the offending key when it is not such a document.
 */
export function importState(store: Store, doc: unknown, where = 'state document'): void {
  if (!isRecord(doc) || doc['version'] !== STATE_FORMAT_VERSION) {
    throw new Error(`${where}: not an emulator state document (expected "version": ${STATE_FORMAT_VERSION})`);
  }
  const sources = listOf<StoredConnector>(doc, 'sources', where).map((x) => connector('source', x));
  const destinations = listOf<StoredConnector>(doc, 'destinations', where).map((x) =>
    connector('destination', x),
  );
  const transforms = listOf<StoredTransform>(doc, 'transforms', where).map(transform);
  const pipelines = listOf<StoredPipeline>(doc, 'pipelines', where).map(pipeline);
  const tags = listOf<StoredTag>(doc, 'tags', where).map(tag);
  const added = addedOf(doc, where);
  store.clear();
  for (const [kind, records] of added) for (const x of records) store.collection(kind).add(x);
  for (const t of tags) store.tags.add(t);
  for (const s of sources) store.sources.add(s);
  for (const d of destinations) store.destinations.add(d);
  for (const t of transforms) store.transforms.add(t);
  for (const p of pipelines) {
    store.pipelines.add(p);
    store.linkPipeline(p);
  }
}
