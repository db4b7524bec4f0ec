/**
 * Pure: the tables and `--where` tables of a request against a source's include list (live or
 * from the manifest). Every problem is returned, with a "did you mean" from the list's entries.
 */
import { didYouMean, listSome } from '../schema/suggest.js';
import { isIncluded } from './include-list.js';
import type { SnapshotRequestInput } from './snapshot-flags.js';
import type { SourceTables } from './source-tables.js';

export function tableProblems(
  input: SnapshotRequestInput,
  source: SourceTables,
  /** Which list, as a phrase: `the live table include list of source orders-db`. */
  list: string,
): string[] {
  const includes = source.includes;
  if (!includes) return [];
  const problem = (flag: string, table: string): string => {
    const hint = didYouMean(table, includes) ?? `it includes: ${listSome([...includes])}`;
    return `${flag} ${table}: not in ${list}; ${hint}`;
  };
  const out: string[] = [];
  for (const t of input.tables ?? []) if (!isIncluded(includes, t)) out.push(problem('--tables', t));
  // NOTE: with --tables, --where tables were already checked against --tables (snapshot-flags.ts).
  if (input.tables === undefined) {
    for (const c of input.conditions)
      if (!isIncluded(includes, c.table)) out.push(problem('--where', c.table));
  }
  return out;
}
