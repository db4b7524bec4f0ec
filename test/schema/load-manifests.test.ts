import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import {
  DEFAULT_TAG_TYPES,
  isSecret,
  type PipelineResource,
  type Resource,
  type SourceResource,
  type TransformResource,
} from '../../src/model/index.js';
import { loadDesiredState, validateManifests } from '../../src/schema/index.js';
import { manifestDir, PG_SOURCE } from './helpers.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE_ENV = {
  ORDERS_DB_PASSWORD: 'orders-pw-1f2e',
  CATALOG_DB_USER: 'catalog_reader',
  CATALOG_DB_PASSWORD: 'catalog-pw-3a4b',
  SNOWFLAKE_PRIVATE_KEY: 'sf-key-5c6d',
  CLICKHOUSE_PASSWORD: 'ch-pw-7e8f',
};

function find<K extends Resource['kind']>(rs: readonly Resource[], kind: K, name: string) {
  const r = rs.find((x) => x.kind === kind && x.name === name);
  expect(r, `${kind}/${name}`).toBeDefined();
  return r as Extract<Resource, { kind: K }>;
}

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});
function dir(files: Record<string, string>): string {
  const d = manifestDir(files);
  cleanups.push(d.cleanup);
  return d.dir;
}

describe('loadDesiredState on the example tour', () => {
  it('builds the shared model with typed, friendly-keyed config', async () => {
    const { state, warnings } = await loadDesiredState(['examples/streamkap.yaml'], {
      cwd: REPO,
      env: EXAMPLE_ENV,
    });
    expect(warnings).toEqual([]);
    expect(state.namespace).toBe('shop');
    expect(state.managedKinds).toEqual(['tag', 'source', 'destination', 'transform', 'pipeline']);

    const orders = find(state.resources, 'source', 'orders-db') as SourceResource;
    expect(orders.connector).toBe('postgresql');
    expect(orders.protected).toBe(true);
    expect(orders.tags).toEqual(['team-checkout', 'pii', 'Production']);
    expect(orders.config['database_port']).toBe(5432);
    expect(orders.config['heartbeat_enabled']).toBe(true);
    expect(orders.config['snapshot_read_only']).toBe('No');
    expect(orders.config['table_include_list']).toBe('public.orders,public.customers,public.refunds');
    const pw = orders.config['database_password'];
    expect(isSecret(pw) && pw.reveal()).toBe('orders-pw-1f2e');
    expect(isSecret(pw) && pw.ref).toBe('env:ORDERS_DB_PASSWORD');
    expect(orders.location).toEqual({ file: 'examples/streamkap.yaml', line: 17, col: 5 });

    const catalog = find(state.resources, 'source', 'catalog-db') as SourceResource;
    expect(catalog.previousNames).toEqual(['inventory-db']);
    expect(catalog.config['database_hostname']).toBe('catalog.db.internal');
    expect(catalog.config['database_port']).toBe(3306);
    expect(catalog.config['database_user']).toBe('catalog_reader');
    expect(catalog.protected).toBe(false);

    expect(find(state.resources, 'destination', 'analytics').tags).toBeUndefined();
  });

  it('reads implementation files and expands default pipeline topics', async () => {
    const { state } = await loadDesiredState(['examples/streamkap.yaml'], { cwd: REPO, env: EXAMPLE_ENV });
    const mask = find(state.resources, 'transform', 'mask-emails') as TransformResource;
    const code = readFileSync(`${REPO}/examples/transforms/mask-emails.js`, 'utf8');
    expect(mask.implementation).toEqual({ value_transform: code });

    const p1 = find(state.resources, 'pipeline', 'orders-to-warehouse') as PipelineResource;
    expect(p1.topics).toEqual(['public.orders', 'public.customers', 'public.refunds']);
    expect(p1.transforms).toEqual([{ name: 'mask-emails', topics: ['public.customers'] }]);
    expect(p1.snapshotNewTables).toBe(true);
    const p2 = find(state.resources, 'pipeline', 'catalog-to-analytics') as PipelineResource;
    expect(p2.topics).toEqual(['catalog.products']);
    expect(p2.snapshotNewTables).toBe(false);
    expect(p2.tags).toBeUndefined();

    const tag = find(state.resources, 'tag', 'pii');
    expect(tag).toMatchObject({ description: null, types: DEFAULT_TAG_TYPES });
  });

  it('records each file with the sha256 of its bytes and never serialises secrets', async () => {
    const { state } = await loadDesiredState(['examples/streamkap.yaml'], { cwd: REPO, env: EXAMPLE_ENV });
    const bytes = readFileSync(`${REPO}/examples/streamkap.yaml`);
    expect(state.files).toContainEqual({
      path: 'examples/streamkap.yaml',
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    const json = JSON.stringify(state);
    for (const secret of ['orders-pw-1f2e', 'catalog-pw-3a4b', 'sf-key-5c6d', 'ch-pw-7e8f']) {
      expect(json).not.toContain(secret);
    }
  });
});

describe('manifest rules', () => {
  it('merges files and documents; a kind nobody mentions is not managed', async () => {
    const d = dir({
      'a.yaml': `namespace: shop\nsources:\n${PG_SOURCE}---\nnamespace: shop\npipelines: []\n`,
      'nested/b.yml': 'namespace: shop\ntags:\n  - name: team-a\n',
      'nested/ignored.txt': 'not yaml',
    });
    const { state } = await loadDesiredState([d], { cwd: d, env: { PG_PASSWORD: 'x' } });
    expect(state.managedKinds).toEqual(['tag', 'source', 'pipeline']);
    expect(state.files.map((f) => f.path)).toEqual(['a.yaml', 'nested/b.yml']);
    expect(state.resources.map((r) => `${r.kind}/${r.name}`)).toEqual(['tag/team-a', 'source/orders-db']);
  });

  it('with --allow-missing-env keeps secrets as empty references; without, a missing variable is an error', async () => {
    const d = dir({ 'm.yaml': `namespace: shop\nsources:\n${PG_SOURCE}` });
    const relaxed = await validateManifests([d], { cwd: d, env: {}, allowMissingEnv: true });
    const src = relaxed.state?.resources[0] as SourceResource;
    const pw = src.config['database_password'];
    expect(isSecret(pw) && pw.ref).toBe('env:PG_PASSWORD');
    expect(isSecret(pw) && pw.reveal()).toBe('');

    const strict = validateManifests([d], { cwd: d, env: {} });
    const { problems, state } = await strict;
    expect(state).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({
        line: 8,
        col: 26,
        path: 'sources[0].config.database_password',
        severity: 'error',
      }),
    ]);
    await expect(loadDesiredState([d], { cwd: d, env: {} })).rejects.toBeInstanceOf(ValidationError);
  });

  it('warns for deprecated aliases and extra_config, and keeps their values', async () => {
    const text = `namespace: shop\nsources:\n${PG_SOURCE}      predicates_istopictoenrich_pattern: orders\n    extra_config:\n      new.backend.flag: \${env:FLAG}\n`;
    const d = dir({ 'm.yaml': text });
    const { state, warnings } = await loadDesiredState([d], {
      cwd: d,
      env: { PG_PASSWORD: 'x', FLAG: 'on' },
    });
    const src = state.resources[0] as SourceResource;
    expect(src.config['predicates_is_topic_to_enrich_pattern']).toBe('orders');
    expect(src.extraConfig).toEqual({ 'new.backend.flag': 'on' });
    expect(warnings.map((w) => w.message)).toEqual([
      '"predicates_istopictoenrich_pattern" is deprecated',
      'extra_config keys are sent as-is, unchecked: new.backend.flag',
    ]);
    expect(warnings[0]?.hint).toBe('use "predicates_is_topic_to_enrich_pattern"');
  });

  it('types lists, maps and interpolated values', async () => {
    const text = `namespace: shop
destinations:
  - name: lake
    connector: s3
    config:
      aws_access_key_id: \${env:AWS_KEY}
      aws_secret_access_key: \${env:AWS_SECRET}
      aws_s3_bucket_name: \${env:STAGE}-lake
      format_output_fields: "a, b ,c"
  - name: wh
    connector: snowflake
    config:
      snowflake_url_name: x.snowflakecomputing.com
      snowflake_user_name: U
      snowflake_private_key: \${env:AWS_SECRET}
      snowflake_database_name: RAW
      snowflake_schema_name: "$\${not-a-ref}"
      auto_qa_dedupe_table_mapping: '{"raw": "dedupe"}'
`;
    const d = dir({ 'm.yaml': text });
    const { problems, state } = await validateManifests([d], {
      cwd: d,
      env: { AWS_KEY: 'k', AWS_SECRET: 's', STAGE: 'prod' },
    });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const [lake, wh] = state?.resources ?? [];
    expect(lake && 'config' in lake && lake.config['format_output_fields']).toEqual(['a', 'b', 'c']);
    expect(lake && 'config' in lake && lake.config['aws_s3_bucket_name']).toBe('prod-lake');
    expect(wh && 'config' in wh && wh.config['auto_qa_dedupe_table_mapping']).toEqual({ raw: 'dedupe' });
    expect(wh && 'config' in wh && wh.config['snowflake_schema_name']).toBe('${not-a-ref}');
  });

  it('types values by the catalogue codec, as live values are read: text booleans yes; decimals for int, on/off no', async () => {
    const typed =
      PG_SOURCE + '      heartbeat_enabled: yes\n      ssh_enabled: "0"\n      database_port: "5433"\n';
    const ok = dir({ 'm.yaml': `namespace: shop\nsources:\n${typed}` });
    const { state } = await loadDesiredState([ok], { cwd: ok, env: { PG_PASSWORD: 'x' } });
    const src = state.resources[0] as SourceResource;
    expect([src.config['heartbeat_enabled'], src.config['ssh_enabled'], src.config['database_port']]).toEqual(
      [true, false, 5433],
    );
    const wrong = PG_SOURCE + '      heartbeat_enabled: on\n      database_port: "5432.5"\n';
    const bad = dir({ 'm.yaml': `namespace: shop\nsources:\n${wrong}` });
    const { problems } = await validateManifests([bad], { cwd: bad, env: { PG_PASSWORD: 'x' } });
    expect(problems.map((p) => [p.path, p.message, p.hint])).toEqual([
      [
        'sources[0].config.heartbeat_enabled',
        'expected a boolean, got "on"',
        expect.stringContaining('YAML 1.2'),
      ],
      ['sources[0].config.database_port', 'expected an integer, got "5432.5"', undefined],
    ]);
  });

  it('reads key: null and an empty key: as not set, in config, extra_config and optional fields', async () => {
    const withNulls = PG_SOURCE.replace(
      '    config:\n',
      '    tags: null\n    previous_names:\n    extra_config:\n      some.key: null\n    config:\n      ssh_enabled:\n      heartbeat_enabled: null\n',
    );
    const pipeline =
      '  - name: p\n    source: orders-db\n    destination: wh\n    topics: ~\n    snapshot_new_tables:\n';
    const text = `namespace: shop\nsources:\n${withNulls}pipelines:\n${pipeline}external:\n  destinations: [wh]\n  sources:\n`;
    const d = dir({ 'm.yaml': text });
    const { problems, state } = await validateManifests([d], { cwd: d, env: { PG_PASSWORD: 'x' } });
    expect(problems).toEqual([]);
    const plain = dir({
      'm.yaml': `namespace: shop\nsources:\n${PG_SOURCE}pipelines:\n  - {name: p, source: orders-db, destination: wh}\nexternal:\n  destinations: [wh]\n`,
    });
    const expected = (await validateManifests([plain], { cwd: plain, env: { PG_PASSWORD: 'x' } })).state;
    const strip = (rs: readonly Resource[] | undefined) =>
      JSON.stringify(rs?.map(({ location: _l, ...r }) => r));
    expect(strip(state?.resources)).toBe(strip(expected?.resources));
    const src = state?.resources[0] as SourceResource;
    expect([src.tags, src.extraConfig, 'ssh_enabled' in src.config]).toEqual([undefined, {}, false]);
  });

  it('a required key written empty is "missing required", and says null means not set', async () => {
    const required = PG_SOURCE.replace('database_hostname: db.internal', 'database.hostname.user.defined:');
    const d = dir({ 'm.yaml': `namespace:\nsources:\n${required}` });
    const { problems } = await validateManifests([d], { cwd: d, env: { PG_PASSWORD: 'x' } });
    expect(problems.map((p) => [p.line, p.path, p.message])).toEqual([
      [1, 'namespace', 'missing required key "namespace": it is empty, and null means not set'],
      [
        6,
        'sources[0].config["database.hostname.user.defined"]',
        'missing required config key "database_hostname": it is empty, and null means not set',
      ],
    ]);
  });

  it('warns that an empty kind list manages nothing (pipelines: []) is the way to say none', async () => {
    const d = dir({ 'm.yaml': `namespace: shop\npipelines:\n` });
    const { problems, state } = await validateManifests([d], { cwd: d, env: {} });
    expect(state?.managedKinds).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'pipelines',
        hint: expect.stringContaining('pipelines: []'),
      }),
    ]);
  });

  it('leaves topics undefined when the table list is a regex', async () => {
    const text = `namespace: shop\nsources:\n${PG_SOURCE.replace('public.orders, public.customers', 'public\\\\..*')}pipelines:\n  - name: p\n    source: orders-db\n    destination: wh\nexternal:\n  destinations: [wh]\n`;
    const d = dir({ 'm.yaml': text });
    const { state } = await loadDesiredState([d], { cwd: d, env: { PG_PASSWORD: 'x' } });
    const p = state.resources.find((r) => r.kind === 'pipeline') as PipelineResource;
    expect(p.topics).toBeUndefined();
    expect(state.external).toEqual({ source: [], destination: ['wh'], transform: [] });
  });

  it('reports the config problems of a duplicate too, not only its name', async () => {
    const dupe = PG_SOURCE.replace('public.orders, public.customers', 'public.orders\n      databse_user: x');
    const d = dir({ 'a.yaml': `namespace: shop\nsources:\n${PG_SOURCE}`, 'b.yaml': `sources:\n${dupe}` });
    const { problems } = await validateManifests([d], { cwd: d, env: { PG_PASSWORD: 'x' } });
    expect(problems.map((p) => [p.file, p.line, p.path])).toEqual([
      ['b.yaml', 2, 'sources[0].name'],
      ['b.yaml', 11, 'sources[0].config.databse_user'],
    ]);
  });

  it('reports an empty name once, not as both empty and blank', async () => {
    const d = dir({
      'm.yaml': `namespace: shop\nsources:\n${PG_SOURCE.replace('name: orders-db', 'name: ""')}`,
    });
    const { problems } = await validateManifests([d], { cwd: d, env: { PG_PASSWORD: 'x' } });
    expect(problems.map((p) => [p.line, p.path, p.message])).toEqual([
      [3, 'sources[0].name', 'must not be empty'],
    ]);
  });

  it('warns when a comma-list field separates entries by line breaks only', async () => {
    const lines = PG_SOURCE.replace(
      'table_include_list: public.orders, public.customers',
      'table_include_list: |\n        public.orders\n        public.customers',
    );
    const d = dir({ 'm.yaml': `namespace: shop\nsources:\n${lines}` });
    const { problems } = await validateManifests([d], { cwd: d, env: { PG_PASSWORD: 'x' } });
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'sources[0].config.table_include_list',
        hint: expect.stringContaining('comma'),
      }),
    ]);
    const commas = PG_SOURCE.replace(
      'public.orders, public.customers',
      '"public.orders,\\n  public.customers"',
    );
    const ok = dir({ 'm.yaml': `namespace: shop\nsources:\n${commas}` });
    expect((await validateManifests([ok], { cwd: ok, env: { PG_PASSWORD: 'x' } })).problems).toEqual([]);
  });

  it('collects every problem, sorted, with paths that keep dotted keys whole', async () => {
    const text = `namespace: shop\nsources:\n${PG_SOURCE}      database.port.user.defined: nope\n      databse_user: x\n`;
    const d = dir({ 'm.yaml': text });
    const { problems } = await validateManifests([d], { cwd: d, env: { PG_PASSWORD: 'x' } });
    expect(problems.map((p) => [p.line, p.col, p.path])).toEqual([
      [12, 35, 'sources[0].config["database.port.user.defined"]'],
      [13, 7, 'sources[0].config.databse_user'],
    ]);
    expect(problems[1]?.hint).toBe('did you mean "database_user"?');
  });
});
