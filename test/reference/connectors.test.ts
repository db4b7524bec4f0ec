import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getConnector, listConnectors } from '../../src/catalogue/index.js';
import { main } from '../../src/cli/main.js';
import { allConnectorEntries } from '../../src/reference/connector-keys.js';
import { renderConnectorsMarkdown } from '../../src/reference/render-connectors-markdown.js';
import { FORMAT_VERSION } from '../../src/model/index.js';
import { captureIo } from '../helpers/capture-io.js';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(['node', 'streamkap-gitops', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

/** The cells of the table row whose first cell is `key` (columns are two or more spaces apart). */
function row(table: string, key: string): string[] {
  const line = table.split('\n').find((l) => l.startsWith(`${key} `));
  if (line === undefined) throw new Error(`no row ${key} in:\n${table}`);
  return line.split(/\s{2,}/);
}

describe('connectors', () => {
  it('lists every connector of the catalogue once', async () => {
    const r = await cli('connectors');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n').filter((l) => /^(source|destination|transform)\s/.test(l));
    expect(lines).toHaveLength(listConnectors().length);
    expect(row(r.out, 'source').slice(0, 2)).toEqual(['source', 'alloydb']);
  });

  it('shows one connector as a table: key, API key, type, default, allowed values, secret, set-once', async () => {
    const r = await cli('connectors', 'snowflake');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^destination snowflake: \d+ keys/);
    expect(row(r.out, 'KEY')).toEqual([
      'KEY',
      'API KEY',
      'TYPE',
      'REQUIRED',
      'DEFAULT',
      'ALLOWED',
      'SECRET',
      'SET-ONCE',
    ]);
    const ingestion = getConnector('destination', 'snowflake')?.fields.find(
      (f) => f.name === 'ingestion_mode',
    );
    expect(ingestion?.setOnce).toBe(true);
    const cells = row(r.out, 'ingestion_mode');
    expect(cells.slice(0, 3)).toEqual(['ingestion_mode', ingestion?.apiKey, 'string']);
    expect(cells).toContain(JSON.stringify(ingestion?.default));
    expect(cells).toContain(ingestion?.enum?.join(', '));
    expect(cells.at(-1)).toBe('yes'); // set-once
    expect(row(r.out, 'snowflake_private_key')).toEqual([
      'snowflake_private_key',
      'snowflake.private.key',
      'string',
      'yes',
      'yes',
    ]);
  });

  it('shows a name that is both a source and a destination as both', async () => {
    const r = await cli('connectors', 'postgresql');
    expect(r.out).toMatch(/^source postgresql: /m);
    expect(r.out).toMatch(/^destination postgresql: /m);
    const source = await cli('connectors', 'postgresql', '--kind', 'source');
    expect(source.out).not.toMatch(/^destination/m);
  });

  it('prints the same keys as JSON, read-only keys left out', async () => {
    const r = await cli('connectors', 'postgresql', '--kind', 'source', '--format', 'json');
    const doc = JSON.parse(r.out) as { format_version: number; connectors: { keys: { name: string }[] }[] };
    const spec = getConnector('source', 'postgresql');
    expect(doc.format_version).toBe(FORMAT_VERSION);
    expect(doc.connectors[0]?.keys.map((k) => k.name)).toEqual(
      spec?.fields.filter((f) => f.readOnly !== true).map((f) => f.name),
    );
    expect(doc.connectors[0]?.keys.find((k) => k.name === 'database_password')).toMatchObject({
      secret: true,
      required: true,
    });
  });

  it('refuses an unknown connector with the closest name (exit 4)', async () => {
    const r = await cli('connectors', 'postgress');
    expect(r.code).toBe(4);
    expect(r.err).toContain('did you mean "postgresql"?');
    expect(r.out).toBe('');
  });
});

describe('docs/connectors.md', () => {
  it('is current with the catalogue (regenerate with npm run gen:docs)', () => {
    const committed = readFileSync(new URL('../../docs/connectors.md', import.meta.url), 'utf8');
    const fresh = renderConnectorsMarkdown(allConnectorEntries());
    expect(committed === fresh, 'docs/connectors.md is stale: run npm run gen:docs').toBe(true);
  });

  it('has a section for every connector, linked from the index', () => {
    const text = renderConnectorsMarkdown(allConnectorEntries());
    for (const spec of listConnectors()) {
      expect(text).toContain(`### ${spec.kind} \`${spec.code}\``);
      expect(text).toContain(`(#${spec.kind}-${spec.code})`);
    }
  });
});
