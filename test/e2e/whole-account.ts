/**
 * A whole account as if made in the web UI (no ownership tags): one source or destination per
 * catalogue connector with every key set (secrets to planted values, read-only keys to what a
 * server would generate, strings a careless YAML writer would mangle: `yes`, `0123`, `null`, `${X}`),
 * one transform of every type with code, pipelines between some of them, custom tags, and objects
 * whose names make hostile file names. Seeded through the emulator's seed hook (`POST /__emulator/seed`).
 */
import { listConnectors, type ConnectorSpec, type FieldSpec } from '../../src/catalogue/index.js';
import { TRANSFORM_TYPES } from '../../src/model/index.js';
import { plant, type Planted } from './leak-scan.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Strings that change type or meaning in careless YAML (or in a manifest: `${`). */
const TRICKY = ['yes', '0123', 'null', 'on', '${HOME}', '1:20', '~', 'No', '2001-12-14', 'a: b', '#x'];

export interface WholeAccount {
  readonly items: Json[];
  /** Planted secret values by `kind/name/field`. */
  readonly secrets: ReadonlyMap<string, Planted>;
  readonly counts: { sources: number; destinations: number; transforms: number; pipelines: number };
}

function intValue(f: FieldSpec): number {
  const d = typeof f.default === 'number' ? f.default : 0;
  const [lo, hi] = f.range ?? [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  const v = d + 1 <= hi ? Math.max(lo, d + 1) : lo;
  return v === d ? Math.min(hi, d - 1) : v;
}

function mapValue(f: FieldSpec): Json {
  if (f.type === 'map<string,string>') return { yes: '0123', '<<': 'merge?', plain: 'value' };
  const inner: Record<string, Json> = {};
  for (const [k, spec] of Object.entries(f.mapValueFields ?? {})) {
    inner[k] = spec.type.startsWith('int') ? 3 : 'DELETE FROM t WHERE id = 1';
  }
  const map = { 'topic-yes': inner };
  if (!f.jsonString) return map;
  return JSON.stringify({ 'topic-yes': JSON.stringify(inner) });
}

/** A wire value for `f` other than its default; i picks among the tricky strings. */
function wireValue(f: FieldSpec, i: number): Json {
  if (f.enum) return f.enum.find((e) => e !== f.default) ?? f.enum[0] ?? 'x';
  switch (f.type) {
    case 'int':
      return intValue(f);
    case 'bool':
      return f.default !== true;
    case 'list<string>':
      return ['a', 'yes'];
    case 'json-string':
      return JSON.stringify({ k: 'v' });
    case 'map<string,string>':
    case 'map<string,object>':
      return mapValue(f);
    case 'string':
      if (f.name === 'table_include_list') return 'public.orders,public.items';
      return TRICKY[i % TRICKY.length] ?? 'x';
  }
}

function config(spec: ConnectorSpec, name: string, secrets: Map<string, Planted>): Record<string, Json> {
  const out: Record<string, Json> = {};
  spec.fields.forEach((f, i) => {
    if (f.secret) {
      const p = plant(`${spec.kind}/${name}/${f.name}`, (core) => `pw-${core}`);
      secrets.set(`${spec.kind}/${name}/${f.name}`, p);
      out[f.apiKey] = p.value;
      return;
    }
    out[f.apiKey] = f.readOnly ? `server-made-${i}` : wireValue(f, i);
  });
  return out;
}

function connectors(kind: 'source' | 'destination', secrets: Map<string, Planted>): Json[] {
  return listConnectors(kind).map((spec, i) => {
    // NOTE: names that collide as file names (`Orders DB` / `orders-db`) and one that climbs (`../x`).
    const name = i === 0 ? `../${spec.code}` : i === 1 ? `${spec.code.toUpperCase()} DB` : `${spec.code}-db`;
    return {
      kind,
      name,
      connector: spec.code,
      config: config(spec, name, secrets),
      tags: i % 3 === 0 ? ['team-yes'] : [],
    };
  });
}

function transforms(secrets: Map<string, Planted>): Json[] {
  return TRANSFORM_TYPES.map((type) => {
    const spec = listConnectors('transform').find((s) => s.code === type);
    const name = `t-${type}`;
    const code = `// ${type}\nfunction transform(record) {\n  return record; // "yes"\n}\n`;
    return {
      kind: 'transform',
      transform: type,
      name,
      config: { ...(spec ? config(spec, name, secrets) : {}), 'transforms.name': name },
      implementation: type === 'topic_router' ? null : { language: 'JAVASCRIPT', value_transform: code },
    };
  });
}

export function wholeAccount(): WholeAccount {
  const secrets = new Map<string, Planted>();
  const sources = connectors('source', secrets);
  const pg = listConnectors('source').find((c) => c.code === 'postgresql');
  // NOTE: its slug is postgresql-db's, which that name holds: this one's files take a suffix.
  if (pg)
    sources.push({
      kind: 'source',
      name: 'PostgreSQL DB',
      connector: 'postgresql',
      config: config(pg, 'PostgreSQL DB', secrets),
    });
  const unwritable = { kind: 'source', name: 'bad\u001bname', connector: 'postgresql', config: {} };
  const destinations = connectors('destination', secrets);
  const items: Json[] = [
    { kind: 'tag', name: 'team-yes', description: '0123' },
    ...sources,
    unwritable,
    ...destinations,
    ...transforms(secrets),
    {
      kind: 'pipeline',
      name: 'pg-to-snowflake',
      source: { name: 'postgresql-db', topics: ['public.orders', 'public.items'] },
      destination: { name: 'snowflake-db' },
      transforms: [{ name: 't-map_filter', topic: 'public.orders' }],
      topic_auto_discovery_transforms: [],
      tags: ['team-yes'],
    },
    {
      kind: 'pipeline',
      name: 'mysql to clickhouse',
      source: { name: 'mysql-db', topics: ['public.orders'] },
      destination: { name: 'clickhouse-db' },
      snapshot_new_tables: false,
    },
  ];
  return {
    items,
    secrets,
    counts: {
      sources: sources.length,
      destinations: destinations.length,
      transforms: TRANSFORM_TYPES.length,
      pipelines: 2,
    },
  };
}
