/** `connectors [name]` output: a text table or versioned JSON (docs/connectors.md is Markdown). */
import { formatDefault, type ConnectorEntry } from './connector-keys.js';
import { jsonDocument } from '../render/json-document.js';
import { cut, textTable } from './text-table.js';

const MAX_CELL = 48;

export function renderConnectorListText(entries: readonly ConnectorEntry[]): string {
  const rows = entries.map((e) => [
    e.kind,
    e.code,
    String(e.keys.length),
    String(e.keys.filter((k) => k.required).length),
  ]);
  return (
    textTable(['KIND', 'CONNECTOR', 'KEYS', 'REQUIRED'], rows) +
    '\nThe keys of one: streamkap-gitops connectors <connector>   (e.g. connectors postgresql)\n'
  );
}

function keyRows(entry: ConnectorEntry): { rows: string[][]; wasCut: boolean } {
  let wasCut = false;
  const cell = (text: string): string => {
    const shown = cut(text, MAX_CELL);
    wasCut ||= shown !== text;
    return shown;
  };
  const yes = (b: boolean): string => (b ? 'yes' : '');
  const rows = entry.keys.map((k) => [
    k.name,
    k.apiKey,
    k.type,
    yes(k.required),
    cell(formatDefault(k.default)),
    cell((k.allowed ?? []).join(', ')),
    yes(k.secret),
    yes(k.setOnce),
  ]);
  return { rows, wasCut };
}

function oneConnectorText(entry: ConnectorEntry): string {
  const { rows, wasCut } = keyRows(entry);
  const headers = ['KEY', 'API KEY', 'TYPE', 'REQUIRED', 'DEFAULT', 'ALLOWED', 'SECRET', 'SET-ONCE'];
  const notes = [
    ...entry.deprecated.map((d) => `${d.name} is a deprecated spelling of ${d.canonical}.`),
    ...(wasCut ? ['Long values are shortened here; --format json has them in full.'] : []),
  ];
  return [
    `${entry.kind} ${entry.code}: ${entry.keys.length} keys under config: (secret keys take \${env:NAME} references)`,
    '',
    textTable(headers, rows) + (notes.length > 0 ? `\n${notes.join('\n')}\n` : ''),
  ].join('\n');
}

export function renderConnectorKeysText(entries: readonly ConnectorEntry[]): string {
  return entries.map(oneConnectorText).join('\n');
}

export function renderConnectorsJson(entries: readonly ConnectorEntry[], withKeys: boolean): string {
  const connectors = entries.map((e) =>
    withKeys
      ? e
      : {
          kind: e.kind,
          code: e.code,
          keys: e.keys.length,
          required: e.keys.filter((k) => k.required).length,
        },
  );
  return jsonDocument({ connectors });
}
