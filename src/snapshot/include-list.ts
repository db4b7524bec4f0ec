/**
 * A source's table include list, as the manifest or the API holds it: a comma-separated string or
 * a list. Debezium reads each entry as a regular expression matched against the whole qualified
 * name, so `public\.orders_.*` includes `public.orders_2026`; an entry that is not a valid
 * expression is compared literally.
 */
export function includeEntries(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return items.flatMap((v) => (typeof v === 'string' && v.trim() !== '' ? [v.trim()] : []));
}

function matches(entry: string, table: string): boolean {
  if (entry === table) return true;
  try {
    return new RegExp(`^(?:${entry})$`).test(table);
  } catch {
    return false;
  }
}

export function isIncluded(entries: readonly string[], table: string): boolean {
  return entries.some((e) => matches(e, table));
}
