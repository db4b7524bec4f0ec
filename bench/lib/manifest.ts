/**
 * The benchmark's manifest set: N resources as teams write them, in files of at most 1,000
 * resources. Ratios: 30 % sources, 25 % destinations, 45 % pipelines (a source feeds several
 * pipelines, one per destination it lands in). `changed` rewrites 1 % of the sources and
 * destinations (a host name each), as a typical pull request does.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

export const NAMESPACE = 'bench';
export const SECRETS = { BENCH_PG_PASSWORD: 'bench-pg-pw-5c1d', BENCH_CH_PASSWORD: 'bench-ch-pw-9e07' };
const PER_FILE = 1_000;

export interface Shape {
  readonly sources: number;
  readonly destinations: number;
  readonly pipelines: number;
}

export function shapeOf(total: number): Shape {
  const sources = Math.max(1, Math.round(total * 0.3));
  const destinations = Math.max(1, Math.round(total * 0.25));
  return { sources, destinations, pipelines: Math.max(0, total - sources - destinations) };
}

/** The host names the 1 % change gives (resource name → new host), and the old ones. */
export interface Change {
  readonly name: string;
  readonly kind: 'source' | 'destination';
  readonly from: string;
  readonly to: string;
}

/** 1 % of all resources (at least one), alternating sources and destinations. */
export function onePercentChange(shape: Shape): Change[] {
  const total = shape.sources + shape.destinations + shape.pipelines;
  const count = Math.max(1, Math.round(total / 100));
  const changes: Change[] = [];
  for (let i = 0; i < count; i++) {
    const n = Math.floor(i / 2);
    changes.push(
      i % 2 === 0
        ? { name: `src-${n}`, kind: 'source', from: `db-${n}.internal`, to: `db-${n}.moved.internal` }
        : { name: `dst-${n}`, kind: 'destination', from: `ch-${n}.internal`, to: `ch-${n}.moved.internal` },
    );
  }
  return changes;
}

function source(i: number, host: string): string {
  return `  - name: src-${i}
    connector: postgresql
    config:
      database_hostname: ${host}
      database_user: streamkap
      database_password: \${env:BENCH_PG_PASSWORD}
      database_dbname: shop
      schema_include_list: public
      table_include_list: public.orders, public.customers
`;
}

function destination(i: number, host: string): string {
  return `  - name: dst-${i}
    connector: clickhouse
    config:
      hostname: ${host}
      connection_username: writer
      connection_password: \${env:BENCH_CH_PASSWORD}
      database: analytics
`;
}

function pipeline(i: number, shape: Shape): string {
  return `  - name: pipe-${i}
    source: src-${i % shape.sources}
    destination: dst-${i % shape.destinations}
    topics: [public.orders]
`;
}

/** Every item as [list key, YAML text], kinds in manifest order. */
function items(shape: Shape, changes: readonly Change[]): [string, string][] {
  const moved = new Map(changes.map((c) => [c.name, c.to]));
  const out: [string, string][] = [];
  for (let i = 0; i < shape.sources; i++)
    out.push(['sources', source(i, moved.get(`src-${i}`) ?? `db-${i}.internal`)]);
  for (let i = 0; i < shape.destinations; i++)
    out.push(['destinations', destination(i, moved.get(`dst-${i}`) ?? `ch-${i}.internal`)]);
  for (let i = 0; i < shape.pipelines; i++) out.push(['pipelines', pipeline(i, shape)]);
  return out;
}

/** Writes the manifest set into `dir` (emptied first); returns its size in bytes. */
export async function writeManifests(
  dir: string,
  shape: Shape,
  changes: readonly Change[] = [],
): Promise<number> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const all = items(shape, changes);
  let bytes = 0;
  for (let f = 0; f * PER_FILE < all.length; f++) {
    let text = f === 0 ? `namespace: ${NAMESPACE}\n` : '';
    let key = '';
    for (const [k, item] of all.slice(f * PER_FILE, (f + 1) * PER_FILE)) {
      if (k !== key) text += `${k}:\n`;
      key = k;
      text += item;
    }
    bytes += text.length;
    await writeFile(path.join(dir, `part-${String(f).padStart(2, '0')}.yaml`), text);
  }
  if (all.length === 0) await writeFile(path.join(dir, 'part-00.yaml'), `namespace: ${NAMESPACE}\n`);
  return bytes;
}
