import { decode, shortApiKey } from '../../catalogue/index.js';
import type { Config, FieldChange, JsonValue } from '../../model/index.js';
import { sortedUnique } from '../canonical.js';
import type { ManagedField } from './managed-keys.js';

/** The key of the tables a source captures: the user's list, and its short twin (api-notes §5.2). */
const TABLE_LIST_KEY = 'table.include.list.user.defined';
const SHORT_TABLE_LIST_KEY = shortApiKey(TABLE_LIST_KEY);

function entries(list: unknown): string[] {
  if (typeof list !== 'string') return [];
  return list
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/**
 * Adding tables never stops capturing others (api-notes §5.2, §5.5). The quickstart adds tables by
 * sending `table.include.list.user.defined` next to the existing `table.include.list`; which of the
 * two the backend follows is not known. So when an update changes the table list, every table the
 * live source captures today under either reading (its `.user.defined` list, or the short list held
 * next to it or instead of it) and the new list leaves out is a table the update may stop capturing:
 * returned here (sorted), for the plan to mark the update destructive.
 */
export function droppedTables(
  fields: readonly ManagedField[],
  changes: readonly FieldChange[],
  live: Config,
  liveShortKeys: Readonly<Record<string, JsonValue>> | undefined,
): string[] {
  const field = fields.find((f) => f.spec.apiKey === TABLE_LIST_KEY);
  const change = field && changes.find((c) => c.path === `config.${field.name}`);
  if (!field || !change) return [];
  const wanted = new Set(entries(change.after));
  const short = decode(field.spec, liveShortKeys?.[SHORT_TABLE_LIST_KEY]);
  const captured = [...entries(live[field.name]), ...entries(short.ok ? short.value : undefined)];
  return sortedUnique(captured.filter((t) => !wanted.has(t)));
}
