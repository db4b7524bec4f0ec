/**
 * What a snapshot request needs to know of a source: its include list (to check the tables typed),
 * its database and whether its tables are named `schema.table` within that database (to build the
 * topic names). Read from the live object's wire config, or from a manifest's friendly config, both
 * through the catalogue (no key is spelled here).
 */
import { fieldByName, shortApiKey } from '../catalogue/index.js';
import type { SourceResource } from '../model/index.js';
import { includeEntries } from './include-list.js';

export interface SourceTables {
  /** Include-list entries; undefined when the source has none (it captures what its schemas hold). */
  readonly includes: readonly string[] | undefined;
  /** The one database the tables live in, when the source names exactly one. */
  readonly database: string | undefined;
  /** Tables are `schema.table` inside `database` (PostgreSQL, SQL Server, Oracle, DB2, …). */
  readonly schemaLevel: boolean;
}

const INCLUDE_FIELDS = ['table_include_list', 'collection_include_list'];
const DATABASE_FIELDS = ['database_dbname', 'database_names'];

function single(value: unknown): string | undefined {
  const entries = includeEntries(value);
  return entries.length === 1 ? entries[0] : undefined;
}

/** From a live source: wire keys, the short `.user.defined`-less twin accepted too (api-notes §5.2). */
export function liveSourceTables(connector: string, config: Readonly<Record<string, unknown>>): SourceTables {
  const read = (names: readonly string[]): unknown => {
    for (const name of names) {
      const f = fieldByName('source', connector, name);
      if (!f) continue;
      const v = config[f.apiKey] ?? config[shortApiKey(f.apiKey)];
      if (v !== undefined && v !== null) return v;
    }
    return undefined;
  };
  const includes = includeEntries(read(INCLUDE_FIELDS));
  return {
    includes: includes.length > 0 ? includes : undefined,
    database: single(read(DATABASE_FIELDS)),
    schemaLevel: fieldByName('source', connector, 'schema_include_list') !== undefined,
  };
}

/** From friendly keys: a manifest's source, or a plan action's desired config. */
export function friendlySourceTables(
  connector: string,
  config: Readonly<Record<string, unknown>>,
): SourceTables {
  const read = (names: readonly string[]): unknown =>
    names.map((n) => config[n]).find((v) => v !== undefined);
  const includes = includeEntries(read(INCLUDE_FIELDS));
  return {
    includes: includes.length > 0 ? includes : undefined,
    database: single(read(DATABASE_FIELDS)),
    schemaLevel: fieldByName('source', connector, 'schema_include_list') !== undefined,
  };
}

export function desiredSourceTables(source: SourceResource): SourceTables {
  return friendlySourceTables(source.connector, source.config);
}
