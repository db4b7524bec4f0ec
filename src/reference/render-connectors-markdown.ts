/** docs/connectors.md: the connector reference, generated (scripts/generate-connectors-doc.ts). */
import type { ConnectorKind } from '../catalogue/index.js';
import { formatDefault, type ConnectorEntry, type ConnectorKey } from './connector-keys.js';

const KIND_TITLE: Readonly<Record<ConnectorKind, string>> = {
  source: 'Sources',
  destination: 'Destinations',
  transform: 'Transforms',
};

/** A value as inline code that is safe inside a table cell. */
function code(text: string): string {
  if (text === '') return '';
  const escaped = text.replace(/\|/g, '\\|');
  return escaped.includes('`') ? `\`\` ${escaped} \`\`` : `\`${escaped}\``;
}

const anchor = (e: ConnectorEntry): string => `${e.kind}-${e.code}`;

function indexTables(entries: readonly ConnectorEntry[]): string[] {
  const lines: string[] = [];
  for (const kind of ['source', 'destination', 'transform'] as const) {
    const ofKind = entries.filter((e) => e.kind === kind);
    if (ofKind.length === 0) continue;
    lines.push(`## ${KIND_TITLE[kind]}`, '', '| Connector | Keys | Required keys |', '|---|---:|---:|');
    for (const e of ofKind)
      lines.push(
        `| [\`${e.code}\`](#${anchor(e)}) | ${e.keys.length} | ${e.keys.filter((k) => k.required).length} |`,
      );
    lines.push('');
  }
  return lines;
}

function keyRow(k: ConnectorKey): string {
  const yes = (b: boolean): string => (b ? 'yes' : '');
  const allowed = (k.allowed ?? []).map(code).join(', ');
  return `| ${code(k.name)} | ${code(k.apiKey)} | ${k.type} | ${yes(k.required)} | ${code(formatDefault(k.default))} | ${allowed} | ${yes(k.secret)} | ${yes(k.setOnce)} |`;
}

function connectorSection(e: ConnectorEntry): string[] {
  const field = e.kind === 'transform' ? 'type' : 'connector';
  const lines = [
    `### ${e.kind} \`${e.code}\``,
    '',
    `\`${field}: ${e.code}\` · ${e.keys.length} keys · \`streamkap-gitops connectors ${e.code}\``,
    '',
  ];
  if (e.keys.length > 0) {
    lines.push(
      '| Key | API key | Type | Required | Default | Allowed | Secret | Set once |',
      '|---|---|---|---|---|---|---|---|',
      ...e.keys.map(keyRow),
      '',
    );
  }
  for (const d of e.deprecated) lines.push(`- \`${d.name}\`: deprecated spelling of \`${d.canonical}\``);
  if (e.deprecated.length > 0) lines.push('');
  return lines;
}

export function renderConnectorsMarkdown(entries: readonly ConnectorEntry[]): string {
  return [
    '# Connector reference',
    '',
    '<!-- GENERATED from the connector catalogue (src/catalogue) by scripts/generate-connectors-doc.ts.',
    '     Do not edit by hand: npm run gen:docs. A test fails when this file is stale. -->',
    '',
    'The keys a manifest may set under `config:` for each connector, as the bundled catalogue knows them.',
    'The CLI prints the same: `streamkap-gitops connectors` lists the connectors, and',
    '`streamkap-gitops connectors <connector>` shows one as a table (`--format json` for scripts).',
    '',
    '- **Key** is the manifest spelling; the **API key** (the wire name) and its short form without',
    '  `.user.defined` are accepted too.',
    '- **Secret** keys must be `${env:NAME}` references, never literal values.',
    '- **Set once** keys cannot change in place: a new value replaces the resource (a source re-snapshots).',
    '- A key without a default and not required is left to the server when the manifest omits it.',
    '- Server-generated, read-only keys are not listed: a manifest cannot set them.',
    '',
    ...indexTables(entries),
    ...entries.flatMap(connectorSection),
  ].join('\n');
}
