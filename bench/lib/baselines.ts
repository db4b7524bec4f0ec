/**
 * The two peers' access patterns, replayed against the same emulator as the CLI:
 * - Terraform provider: knows every id from its state file; a refresh is one GET by id per managed
 *   object, 10 at a time (terraform's default -parallelism); a create or update is the write plus
 *   the provider's read-back GET, scheduled along the dependency graph, 10 at a time.
 * - decK: reads kind after kind, each fully listed page after page; then writes type by type
 *   (tags, sources, destinations, pipelines), each type at concurrency 10 before the next starts.
 * The objects and bodies come from the account our own apply produced (the emulator's state
 * document), so both sides write the same things.
 */
import { eachLimited, type BaselineApi } from './baseline-http.js';
import type { Change } from './manifest.js';

const PARALLELISM = 10;
const LIST_KINDS = ['sources', 'destinations', 'transforms', 'pipelines'] as const;
const PAGE_SIZE = 100;

interface Tag {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly type: string[];
  readonly system: boolean;
}
interface Connector {
  readonly id: string;
  readonly name: string;
  readonly connector: string;
  readonly config: Record<string, unknown>;
  readonly tags: string[] | null;
}
interface Pipeline {
  readonly id: string;
  readonly name: string;
  readonly source: { id: string; topics: string[] };
  readonly destination: { id: string };
  readonly snapshot_new_tables: boolean;
}

/** The managed account, from `GET /__emulator/state` after our apply. */
export interface Account {
  readonly tags: Tag[];
  readonly sources: Connector[];
  readonly destinations: Connector[];
  readonly pipelines: Pipeline[];
}

export type Pattern = (api: BaselineApi, account: Account, changes: readonly Change[]) => Promise<void>;

const customTags = (a: Account): Tag[] => a.tags.filter((t) => !t.system);

// ---- reads ------------------------------------------------------------------------------------

async function refreshById(api: BaselineApi, account: Account): Promise<void> {
  const paths = [
    ...account.sources.map((s) => `/sources/${s.id}`),
    ...account.destinations.map((d) => `/destinations/${d.id}`),
    ...account.pipelines.map((p) => `/pipelines/${p.id}`),
  ];
  await eachLimited(paths, PARALLELISM, async (p) => void (await api.get(`${p}?secret_returned=true`)));
}

async function listSequentially(api: BaselineApi): Promise<void> {
  await api.get('/tags');
  for (const kind of LIST_KINDS) {
    for (let page = 1; ; page++) {
      const body = (await api.get(`/${kind}?page=${page}&page_size=${PAGE_SIZE}&secret_returned=true`)) as {
        result: unknown[];
      };
      if (body.result.length < PAGE_SIZE) break;
    }
  }
}

// ---- writes -----------------------------------------------------------------------------------

const tagBody = (t: Tag): unknown => ({ name: t.name, description: t.description, type: t.type });
const connectorBody = (c: Connector, tags: string[]): unknown => ({
  name: c.name,
  connector: c.connector,
  config: c.config,
  tags,
});
const pipelineBody = (p: Pipeline, source: string, destination: string, tags: string[]): unknown => ({
  name: p.name,
  source: { id: source, topics: p.source.topics },
  destination: { id: destination },
  transforms: [],
  snapshot_new_tables: p.snapshot_new_tables,
  tags,
});

async function createId(api: BaselineApi, path: string, body: unknown): Promise<string> {
  return ((await api.send('POST', path, body)) as { id: string }).id;
}

async function createTags(api: BaselineApi, account: Account): Promise<string[]> {
  const ids: string[] = [];
  for (const t of customTags(account)) ids.push(await createId(api, '/tags', tagBody(t)));
  return ids;
}

/** A tiny counting semaphore: terraform's -parallelism over a dependency graph. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  return async (task) => {
    if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

async function terraformCreate(api: BaselineApi, account: Account): Promise<void> {
  const tags = await createTags(api, account);
  const slot = limiter(PARALLELISM);
  const createAndRead = (kind: string, body: unknown): Promise<string> =>
    slot(async () => {
      const id = await createId(api, `/${kind}`, body);
      await api.get(`/${kind}/${id}?secret_returned=true`);
      return id;
    });
  const ids = new Map<string, Promise<string>>();
  for (const s of account.sources) ids.set(s.id, createAndRead('sources', connectorBody(s, tags)));
  for (const d of account.destinations) ids.set(d.id, createAndRead('destinations', connectorBody(d, tags)));
  await Promise.all([
    ...ids.values(),
    ...account.pipelines.map(async (p) => {
      const [source, destination] = await Promise.all([ids.get(p.source.id), ids.get(p.destination.id)]);
      await createAndRead('pipelines', pipelineBody(p, source ?? '', destination ?? '', tags));
    }),
  ]);
}

async function deckCreate(api: BaselineApi, account: Account): Promise<void> {
  await listSequentially(api);
  const tags = await createTags(api, account);
  const ids = new Map<string, string>();
  for (const kind of ['sources', 'destinations'] as const) {
    await eachLimited(account[kind], PARALLELISM, async (c) => {
      ids.set(c.id, await createId(api, `/${kind}`, connectorBody(c, tags)));
    });
  }
  await eachLimited(account.pipelines, PARALLELISM, async (p) => {
    const body = pipelineBody(p, ids.get(p.source.id) ?? '', ids.get(p.destination.id) ?? '', tags);
    await createId(api, '/pipelines', body);
  });
}

/** The PUTs of a change: the stored record with the changed host name. */
function updates(account: Account, changes: readonly Change[]): { path: string; body: unknown }[] {
  return changes.map((c) => {
    const list = c.kind === 'source' ? account.sources : account.destinations;
    const record = list.find((r) => r.name === c.name);
    if (!record) throw new Error(`baseline: ${c.kind} ${c.name} is not in the account`);
    const config = Object.fromEntries(
      Object.entries(record.config).map(([k, v]) => [k, v === c.from ? c.to : v]),
    );
    return {
      path: `/${c.kind}s/${record.id}`,
      body: { name: record.name, connector: record.connector, config, tags: record.tags },
    };
  });
}

// ---- the patterns -----------------------------------------------------------------------------

export const terraform: Record<'read' | 'applyEmpty' | 'applyChange', Pattern> = {
  read: (api, account) => refreshById(api, account),
  applyEmpty: (api, account) => terraformCreate(api, account),
  applyChange: async (api, account, changes) => {
    await refreshById(api, account);
    await eachLimited(updates(account, changes), PARALLELISM, async (u) => {
      await api.send('PUT', u.path, u.body);
      await api.get(`${u.path}?secret_returned=true`);
    });
  },
};

export const deck: Record<'read' | 'applyEmpty' | 'applyChange', Pattern> = {
  read: (api) => listSequentially(api),
  applyEmpty: (api, account) => deckCreate(api, account),
  applyChange: async (api, account, changes) => {
    await listSequentially(api);
    await eachLimited(
      updates(account, changes),
      PARALLELISM,
      async (u) => void (await api.send('PUT', u.path, u.body)),
    );
  },
};
