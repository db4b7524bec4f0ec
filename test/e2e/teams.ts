/**
 * Small manifests of several namespaces ("teams") sharing one account, for the ownership tests:
 * sources (postgresql), destinations (clickhouse), pipelines, tags and external references.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Harness, RunResult } from './harness.js';

export interface TeamObject {
  readonly name: string;
  readonly protected?: boolean;
  /** Changes the config (a different host): an update; `connector` changes force a replace. */
  readonly host?: string;
  readonly connector?: string;
  readonly tags?: readonly string[];
}

export interface TeamPipeline {
  readonly name: string;
  readonly source: string;
  readonly destination: string;
  readonly protected?: boolean;
}

export interface TeamSpec {
  readonly namespace: string;
  readonly sources?: readonly TeamObject[];
  readonly destinations?: readonly TeamObject[];
  readonly pipelines?: readonly TeamPipeline[];
  readonly tags?: readonly { readonly name: string; readonly description?: string }[];
  readonly external?: { readonly sources?: readonly string[]; readonly destinations?: readonly string[] };
}

function common(o: TeamObject | TeamPipeline): string[] {
  const lines = o.protected === true ? ['    protected: true'] : [];
  if ('tags' in o && o.tags !== undefined) lines.push(`    tags: ${JSON.stringify(o.tags)}`);
  return lines;
}

function sourceLines(s: TeamObject): string[] {
  const connector = s.connector ?? 'postgresql';
  const config =
    connector === 'postgresql'
      ? [
          `      database_hostname: ${s.host ?? `${s.name}.db.internal`}`,
          '      database_user: streamkap',
          '      database_password: ${env:ORDERS_DB_PASSWORD}',
          '      database_dbname: shop',
          '      schema_include_list: public',
          '      table_include_list: [public.orders]',
        ]
      : [
          `      database_hostname: ${s.host ?? `${s.name}.db.internal`}`,
          '      database_user: streamkap',
          '      database_password: ${env:ORDERS_DB_PASSWORD}',
          '      database_include_list: shop',
          '      table_include_list: [shop.orders]',
        ];
  return [`  - name: ${s.name}`, `    connector: ${connector}`, ...common(s), '    config:', ...config];
}

function destinationLines(d: TeamObject): string[] {
  return [
    `  - name: ${d.name}`,
    '    connector: clickhouse',
    ...common(d),
    '    config:',
    `      hostname: ${d.host ?? `${d.name}.ch.internal`}`,
    '      connection_username: streamkap',
    '      connection_password: ${env:CLICKHOUSE_PASSWORD}',
    '      database: shop',
  ];
}

/** The manifest text of a team. */
export function teamManifest(spec: TeamSpec): string {
  const lines = [`namespace: ${spec.namespace}`];
  const list = (key: string, items: readonly unknown[]): string =>
    items.length === 0 ? `${key}: []` : `${key}:`;
  if (spec.tags !== undefined) {
    lines.push(list('tags', spec.tags));
    for (const t of spec.tags) {
      lines.push(`  - name: ${JSON.stringify(t.name)}`);
      if (t.description !== undefined) lines.push(`    description: ${JSON.stringify(t.description)}`);
    }
  }
  if (spec.sources !== undefined)
    lines.push(list('sources', spec.sources), ...spec.sources.flatMap(sourceLines));
  if (spec.destinations !== undefined)
    lines.push(list('destinations', spec.destinations), ...spec.destinations.flatMap(destinationLines));
  if (spec.pipelines !== undefined) {
    lines.push(list('pipelines', spec.pipelines));
    for (const p of spec.pipelines) {
      lines.push(`  - name: ${p.name}`, `    source: ${p.source}`, `    destination: ${p.destination}`);
      lines.push(...common(p), '    topics: [public.orders]');
    }
  }
  if (spec.external !== undefined) {
    lines.push('external:');
    if (spec.external.sources) lines.push(`  sources: ${JSON.stringify(spec.external.sources)}`);
    if (spec.external.destinations)
      lines.push(`  destinations: ${JSON.stringify(spec.external.destinations)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the team's manifest to `<harness dir>/<dir>/streamkap.yaml`; returns `dir` for the CLI. */
export async function writeTeam(h: Harness, dir: string, spec: TeamSpec): Promise<string> {
  await mkdir(path.join(h.dir, dir), { recursive: true });
  await writeFile(path.join(h.dir, dir, 'streamkap.yaml'), teamManifest(spec));
  return dir;
}

/** `apply <dir> --auto-approve` with extra flags. */
export function applyTeam(h: Harness, dir: string, ...extra: string[]): Promise<RunResult> {
  return h.cli(['apply', dir, '--auto-approve', '--poll-interval', '10', ...extra]);
}

/** Live tag names of an object of the emulator's store, by kind and name. */
export function liveTagNames(
  h: Harness,
  kind: 'sources' | 'destinations' | 'pipelines',
  name: string,
): string[] {
  const dump = h.server.emulator.dump();
  const obj = dump[kind].find((o) => o.name === name);
  if (!obj) throw new Error(`${kind} ${name} not found`);
  const names = new Map(dump.tags.map((t) => [t.id, t.name]));
  return ((obj as { tags?: string[] | null }).tags ?? []).map((id) => names.get(id) ?? id).sort();
}
