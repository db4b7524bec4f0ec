/**
 * The starter manifest `init` writes: one source, one destination and the pipeline between them,
 * every required key filled with a placeholder (secrets as `${env:NAME}` references), so that it
 * passes `validate --allow-missing-env` before the user has edited anything.
 */
import { getConnector, type ConnectorKind, type FieldSpec } from '../catalogue/index.js';

export interface StarterOptions {
  readonly namespace: string;
  readonly source: string;
  readonly destination: string;
}

export interface StarterManifest {
  readonly text: string;
  /** Every `${env:NAME}` the manifest uses, in order. */
  readonly envNames: readonly string[];
}

const PLAIN = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/** A scalar as YAML: plain when that reads back as the same string, else double-quoted. */
function yamlString(value: string): string {
  return PLAIN.test(value) && !/^(true|false|null|~|[\d.]+)$/i.test(value) ? value : JSON.stringify(value);
}

function placeholderString(name: string): string {
  if (/(^|_)(host|hostname|url|bootstrap|endpoint)(_|$)/.test(name)) return 'change-me.example.com';
  if (/(^|_)user(_?name)?$/.test(name)) return 'streamkap';
  return 'change-me';
}

/** The value line of one required key, and the variable it references if it is a secret. */
function valueOf(f: FieldSpec, envPrefix: string): { text: string; env?: string; todo: boolean } {
  if (f.secret) {
    const env = `${envPrefix}_${f.name.toUpperCase()}`;
    return { text: `\${env:${env}}`, env, todo: false };
  }
  if (f.default !== undefined) return { text: yamlString(String(f.default)), todo: false };
  if (f.enum?.[0] !== undefined) return { text: yamlString(f.enum[0]), todo: true };
  switch (f.type) {
    case 'int':
      return { text: String(f.range?.[0] ?? 1), todo: true };
    case 'bool':
      return { text: 'false', todo: true };
    case 'list<string>':
      return { text: '[change-me]', todo: true };
    case 'map<string,string>':
    case 'map<string,object>':
      return { text: '{}', todo: true };
    default:
      return { text: yamlString(placeholderString(f.name)), todo: true };
  }
}

function resourceBlock(
  kind: ConnectorKind,
  code: string,
  name: string,
  envPrefix: string,
  env: string[],
): string[] {
  const spec = getConnector(kind, code);
  if (spec === undefined) throw new Error(`no ${kind} connector ${code}`);
  const lines = [`  - name: ${name}`, `    connector: ${code}`];
  const required = spec.fields.filter((f) => f.required && f.readOnly !== true);
  if (required.length === 0) return [...lines, '    config: {}'];
  lines.push('    config:');
  for (const f of required) {
    const v = valueOf(f, envPrefix);
    if (v.env !== undefined) env.push(v.env);
    const note =
      v.env !== undefined ? '  # secret: from the environment (.env.example)' : v.todo ? '  # TODO' : '';
    lines.push(`      ${f.name}: ${v.text}${note}`);
  }
  return lines;
}

export function starterManifest(o: StarterOptions): StarterManifest {
  const env: string[] = [];
  const source = `${o.source}-source`;
  const destination = `${o.destination}-destination`;
  const lines = [
    '# yaml-language-server: $schema=../node_modules/streamkap-gitops/schema/streamkap-gitops.schema.json',
    '#',
    `# The Streamkap resources of namespace "${o.namespace}", managed by streamkap-gitops.`,
    '# Fill in the TODOs (`streamkap-gitops connectors <connector>` lists every key), then:',
    '#   npx streamkap-gitops validate streamkap/ --allow-missing-env   # offline',
    '#   npx streamkap-gitops plan streamkap/                           # against the account',
    '',
    `namespace: ${o.namespace}`,
    '',
    'sources:',
    ...resourceBlock('source', o.source, source, 'SOURCE', env),
    '',
    'destinations:',
    ...resourceBlock('destination', o.destination, destination, 'DESTINATION', env),
    '',
    'pipelines:',
    `  - name: ${o.source}-to-${o.destination}`,
    `    source: ${source}`,
    `    destination: ${destination}`,
    '',
  ];
  return { text: lines.join('\n'), envNames: env };
}
