/**
 * A change to a list-valued field (tags, topics, a comma-separated `table_include_list`) as what
 * was added and what was removed, rather than two full lists a reviewer has to compare by eye.
 */
import type { FieldChange, JsonValue } from '../model/index.js';
import { isCommaListName } from '../catalogue/index.js';

type Item = string | number | boolean;

export interface ListDelta {
  /** Items only the new list has, in its order. */
  readonly added: readonly Item[];
  /** Items only the old list has, in its order. */
  readonly removed: readonly Item[];
  /** How many distinct items both lists have. */
  readonly kept: number;
}

function isItem(v: JsonValue): v is Item {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function items(value: JsonValue | undefined, path: string): readonly Item[] | undefined {
  if (Array.isArray(value)) return value.every(isItem) ? value : undefined;
  // NOTE: config strings that hold a comma-separated list on the wire, by the schema's own rule.
  if (typeof value === 'string' && path.startsWith('config.') && isCommaListName(path.slice(7)))
    return value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  return undefined;
}

// NOTE: 1 and "1" are different items, as they are different values.
const key = (v: Item): string => JSON.stringify(v);

/** The items of `list` that `other` (keys) lacks, each once, in `list`'s order. */
function onlyIn(list: readonly Item[], other: ReadonlySet<string>): Item[] {
  const out = new Map<string, Item>();
  for (const v of list) if (!other.has(key(v)) && !out.has(key(v))) out.set(key(v), v);
  return [...out.values()];
}

/**
 * The delta of a change from one list of scalars to another; undefined for any other change, for a
 * sensitive one, and when nothing was added or removed (only the order or duplicates changed: then
 * the two full lists say more).
 */
export function listDelta(change: FieldChange): ListDelta | undefined {
  if (change.sensitive) return undefined;
  const before = items(change.before, change.path);
  const after = items(change.after, change.path);
  if (before === undefined || after === undefined) return undefined;
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  const added = onlyIn(after, had);
  const removed = onlyIn(before, has);
  if (added.length === 0 && removed.length === 0) return undefined;
  return { added, removed, kept: [...has].filter((k) => had.has(k)).length };
}

/** `1 added, 2 removed, 3 unchanged`. */
export function deltaCounts(d: ListDelta): string {
  return [
    ...(d.added.length > 0 ? [`${d.added.length} added`] : []),
    ...(d.removed.length > 0 ? [`${d.removed.length} removed`] : []),
    `${d.kept} unchanged`,
  ].join(', ');
}
