/**
 * Structure: an unknown key in every mapping of the examples, near-miss keys, dangling references
 * and duplicate names (in one file, across files, through previous_names, duplicate YAML keys).
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { EXAMPLE_FILES, lineOf, MINI, type CorpusCase } from './corpus-case.js';

type Segment = string | number;

function mapsOf(node: unknown, at: Segment[] = []): Segment[][] {
  const out: Segment[][] = isMap(node) ? [at] : [];
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key === 'string') out.push(...mapsOf(pair.value, [...at, key]));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => out.push(...mapsOf(item, [...at, i])));
  }
  return out;
}

/** `text` with `x_unknown_key: 1` added to the mapping at `at`, and the line the new key is on. */
function withUnknownKey(text: string, docIndex: number, at: Segment[]): { text: string; line: number } {
  const docs = parseAllDocuments(text) as Document.Parsed[];
  const doc = docs[docIndex] as Document.Parsed;
  doc.setIn([...at, 'x_unknown_key'], 1);
  const out = docs.map((d) => d.toString()).join('');
  const lines = new LineCounter();
  const again = parseAllDocuments(out, { lineCounter: lines }) as Document.Parsed[];
  const map = again[docIndex]?.getIn(at, true) ?? again[docIndex]?.contents;
  const pair = isMap(map)
    ? map.items.find((p) => isScalar(p.key) && p.key.value === 'x_unknown_key')
    : undefined;
  const offset = (pair?.key as Node | undefined)?.range?.[0];
  if (offset === undefined) throw new Error(`corpus: unknown key under ${at.join('.')} not found`);
  return { text: out, line: lines.linePos(offset).line };
}

function unknownKeyCases(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const file of ['streamkap.yaml', 'teams/analytics.yaml']) {
    const text = EXAMPLE_FILES[file] as string;
    parseAllDocuments(text).forEach((doc, docIndex) => {
      for (const at of mapsOf(doc.contents)) {
        const { text: changed, line } = withUnknownKey(text, docIndex, at);
        cases.push({
          id: `unknown-key/${file}#${docIndex}/${at.join('.') || '(root)'}`,
          expect: 'refused',
          files: { ...EXAMPLE_FILES, [file]: changed },
          where: `${file}:${line}`,
        });
      }
    });
  }
  return cases;
}

/** MINI with one line replaced; the case must point at that line. */
function miniEdit(
  id: string,
  find: string,
  replacement: string,
  extra: Record<string, string> = {},
): CorpusCase {
  const line = lineOf(MINI, find);
  const lines = MINI.split('\n');
  const indent = /^\s*/.exec(lines[line - 1] as string)?.[0] ?? '';
  lines[line - 1] = replacement
    .split('\n')
    .map((l) => indent + l)
    .join('\n');
  const last = line + replacement.split('\n').length - 1;
  return { id, expect: 'refused', files: { 'm.yaml': lines.join('\n'), ...extra }, where: `m.yaml:${last}` };
}

const SECOND_SOURCE = `  - name: orders-db
    connector: postgresql
    config:
      database_hostname: other.internal
      database_user: streamkap
      database_password: \${env:ORDERS_DB_PASSWORD}
      database_dbname: other
      schema_include_list: public
      table_include_list: [public.other]
`;

function referenceCases(): CorpusCase[] {
  return [
    miniEdit('dangling/pipeline source', 'source: orders-db', 'source: nope-db'),
    miniEdit('dangling/pipeline destination', 'destination: warehouse', 'destination: nope-dw'),
    miniEdit(
      'dangling/pipeline transform',
      'topics: [public.orders]',
      'topics: [public.orders]\ntransforms: [{name: nope-t}]',
    ),
    miniEdit(
      'dangling/topic auto discovery transform',
      'topics: [public.orders]',
      'topics: [public.orders]\ntopic_auto_discovery: [{transform: nope-t, regex: x}]',
    ),
    miniEdit('dangling/missing env var', 'database_password:', 'database_password: ${env:CORPUS_NEVER_SET}'),
    miniEdit('dangling/malformed env reference', 'database_password:', 'database_password: ${env:}'),
    miniEdit(
      'dangling/file reference syntax',
      'database_password:',
      'database_password: ${file:/etc/passwd}',
    ),
    miniEdit('dangling/a secret as plain text', 'database_password:', 'database_password: hunter2'),
    miniEdit('dangling/unknown connector', 'connector: postgresql', 'connector: postgresqlx'),
    miniEdit(
      'duplicate/previous_names twice',
      'connector: clickhouse',
      'connector: clickhouse\nprevious_names: [orders-db, orders-db]',
    ),
  ];
}

function duplicateCases(): CorpusCase[] {
  const sourcesAt = lineOf(MINI, 'sources:');
  const cases: CorpusCase[] = [
    {
      id: 'duplicate/source in one file',
      expect: 'refused',
      files: { 'm.yaml': MINI.replace('destinations:\n', `${SECOND_SOURCE}destinations:\n`) },
      where: `m.yaml:${lineOf(MINI, 'destinations:')}`,
    },
    {
      id: 'duplicate/source across files',
      expect: 'refused',
      files: { 'm.yaml': MINI, 'n.yaml': `namespace: corpus\nsources:\n${SECOND_SOURCE}` },
      where: 'n.yaml:3',
    },
    {
      id: 'duplicate/destination',
      expect: 'refused',
      files: {
        'm.yaml': MINI.replace(
          'pipelines:\n',
          '  - {name: warehouse, connector: clickhouse, config: {hostname: h, connection_username: u, connection_password: "${env:CLICKHOUSE_PASSWORD}", database: d}}\npipelines:\n',
        ),
      },
      where: `m.yaml:${lineOf(MINI, 'pipelines:')}`,
    },
    {
      id: 'duplicate/pipeline',
      expect: 'refused',
      files: {
        'm.yaml': `${MINI}  - {name: orders-to-warehouse, source: orders-db, destination: warehouse}\n`,
      },
      where: `m.yaml:${MINI.split('\n').length}`,
    },
    {
      id: 'duplicate/tag',
      expect: 'refused',
      files: { 'm.yaml': MINI.replace('sources:\n', '  - name: team-a\nsources:\n') },
      where: `m.yaml:${sourcesAt}`,
    },
    {
      id: 'duplicate/transform across files',
      expect: 'refused',
      files: {
        ...EXAMPLE_FILES,
        'teams/more.yaml':
          'namespace: shop\ntransforms:\n  - name: mask-emails\n    type: topic_router\n    config: {transforms_input_topic_pattern: x, transforms_output_topic_pattern: y}\n',
      },
      where: 'teams/more.yaml:3',
    },
    miniEdit(
      'duplicate/yaml key in a source',
      'connector: postgresql',
      'connector: postgresql\nconnector: mysql',
    ),
    {
      ...miniEdit('duplicate/yaml key at the root', 'sources:', 'namespace: other\nsources:'),
      where: `m.yaml:${sourcesAt}`,
    },
    miniEdit('duplicate/name key twice', '- name: orders-db', '- name: orders-db\n  name: orders-db-2'),
    miniEdit(
      'duplicate/config key and its dotted alias',
      'database_hostname:',
      'database_hostname: a.internal\ndatabase.hostname.user.defined: b.internal',
    ),
    {
      id: 'duplicate/two namespaces across files',
      expect: 'refused',
      files: { 'm.yaml': MINI, 'n.yaml': 'namespace: other\ntags:\n  - name: x\n' },
      where: 'n.yaml:1',
    },
    {
      id: 'duplicate/a second document with another namespace',
      expect: 'refused',
      files: { 'm.yaml': `${MINI}---\nnamespace: other\n` },
      where: `m.yaml:${MINI.split('\n').length + 1}`,
    },
    {
      id: 'duplicate/source and transform sharing a name is fine, sources twice is not',
      expect: 'refused',
      files: { 'm.yaml': MINI.replace('sources:\n', `sources:\n${SECOND_SOURCE}`) },
      where: `m.yaml:${sourcesAt + 1}`,
    },
  ];
  return cases;
}

export function structureCases(): CorpusCase[] {
  return [...unknownKeyCases(), ...referenceCases(), ...duplicateCases()];
}
