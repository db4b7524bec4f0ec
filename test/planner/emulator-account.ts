/**
 * Puts a desired state into the emulator the way the real API would receive it (API form: wire
 * config keys, tag ids, pipeline references by id), without going through the planner or the
 * applier, so tests can check that planning against the result is empty.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createApiClient, resolveApiConfig } from '../../src/api/index.js';
import type { ApiClient } from '../../src/api/types.js';
import { fieldByName } from '../../src/catalogue/index.js';
import { startEmulatorServer, type EmulatorServer } from '../../src/emulator/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import {
  isSecret,
  ownershipTag,
  PROTECTED_TAG,
  type Config,
  type DesiredState,
  type Resource,
} from '../../src/model/index.js';

/** A small account: a tag, a Postgres source, a Snowflake destination and a pipeline. */
export const MANIFEST = `
namespace: shop
tags:
  - name: team-data
    description: Data team
sources:
  - name: orders-db
    connector: postgresql
    tags: [team-data]
    config:
      database_hostname: db.internal
      database_port: 5432
      database_user: streamkap
      database_password: \${env:PG_PASSWORD}
      database_dbname: shop
      schema_include_list: public
      table_include_list: public.orders,public.customers
      heartbeat_enabled: true
      snapshot_read_only: 'Yes'
destinations:
  - name: warehouse
    connector: snowflake
    config:
      snowflake_url_name: acme.snowflakecomputing.com
      snowflake_user_name: STREAMKAP
      snowflake_private_key: \${env:SF_KEY}
      snowflake_database_name: RAW
      snowflake_schema_name: CDC
pipelines:
  - name: orders-to-warehouse
    source: orders-db
    destination: warehouse
    topics: [public.orders, public.customers]
`;

export const SW = { secret_returned: 'true', wait: 'false' } as const;

export interface Account {
  readonly server: EmulatorServer;
  readonly env: Record<string, string>;
  readonly client: ApiClient;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startAccount(extraEnv: Record<string, string> = {}): Promise<Account> {
  const server = await startEmulatorServer({ port: 0 });
  const env = {
    STREAMKAP_API_URL: server.url,
    STREAMKAP_CLIENT_ID: server.clientId,
    STREAMKAP_CLIENT_SECRET: server.clientSecret,
    ...extraEnv,
  };
  const client = createApiClient(resolveApiConfig(env, {}), silentLogger());
  return {
    server,
    env,
    client,
    reset: async () => {
      const res = await fetch(`${server.url}/__emulator/reset`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      if (!res.ok) throw new Error(`emulator reset failed: ${res.status}`);
    },
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

export function writeManifest(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sg-manifest-'));
  writeFileSync(path.join(dir, 'streamkap.yaml'), text);
  return dir;
}

function wireConfig(kind: 'source' | 'destination', code: string, config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(config)) {
    const key = fieldByName(kind, code, name)?.apiKey ?? name;
    out[key] = isSecret(value) ? value.reveal() : value;
  }
  return out;
}

async function tagIds(client: ApiClient, desired: DesiredState): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const listed = (await client.request('GET', '/tags')) as { tags: { id: string; name: string }[] };
  for (const t of listed.tags) ids.set(t.name, t.id);
  const wanted = [
    ownershipTag(desired.namespace),
    PROTECTED_TAG,
    ...desired.resources.filter((r) => r.kind === 'tag').map((r) => r.name),
  ];
  for (const name of wanted) {
    if (ids.has(name)) continue;
    const r = desired.resources.find((x) => x.kind === 'tag' && x.name === name);
    const body = {
      name,
      description: r?.kind === 'tag' ? r.description : null,
      type: ['sources', 'destinations', 'pipelines', 'transforms'],
      created_from: 'api',
    };
    const created = (await client.request('POST', '/tags', { body })) as { id: string };
    ids.set(name, created.id);
  }
  return ids;
}

function tagsOf(
  r: Exclude<Resource, { kind: 'tag' }>,
  ns: string,
  ids: Map<string, string>,
  owned: boolean,
): string[] {
  const names = [
    ...(r.tags ?? []),
    ...(owned ? [ownershipTag(ns)] : []),
    ...(r.protected ? [PROTECTED_TAG] : []),
  ];
  return names.map((n) => ids.get(n) as string);
}

/** Creates sources, destinations and pipelines of `desired` (transforms are not supported here). */
export async function createAccount(
  client: ApiClient,
  desired: DesiredState,
  opts: { owned?: boolean } = {},
): Promise<void> {
  const ids = await tagIds(client, desired);
  const owned = opts.owned !== false;
  const objects = new Map<string, { id: string; connector: string }>();
  for (const r of desired.resources) {
    if (r.kind !== 'source' && r.kind !== 'destination') continue;
    const body = {
      name: r.name,
      connector: r.connector,
      config: wireConfig(r.kind, r.connector, r.config),
      tags: tagsOf(r, desired.namespace, ids, owned),
      created_from: 'api',
    };
    const created = (await client.request('POST', `/${r.kind}s`, { query: SW, body })) as { id: string };
    objects.set(`${r.kind}/${r.name}`, { id: created.id, connector: r.connector });
  }
  for (const r of desired.resources) {
    if (r.kind !== 'pipeline') continue;
    const src = objects.get(`source/${r.source}`);
    const dst = objects.get(`destination/${r.destination}`);
    if (!src || !dst) throw new Error(`pipeline ${r.name}: unknown source or destination`);
    const body = {
      name: r.name,
      snapshot_new_tables: r.snapshotNewTables,
      tags: tagsOf(r, desired.namespace, ids, owned),
      created_from: 'api',
      source: { id: src.id, name: r.source, connector: src.connector, topics: r.topics ?? [] },
      destination: { id: dst.id, name: r.destination, connector: dst.connector },
      transforms: [],
      topic_auto_discovery_transforms: [],
    };
    await client.request('POST', '/pipelines', { query: SW, body });
  }
}
