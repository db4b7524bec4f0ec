/**
 * The shapes Streamkap's quickstart writes, which a manifest spells differently, each with a message
 * that says exactly what to write instead (issue 8.11): a pipeline's source as `{id|name, connector}`,
 * an include list separated by spaces, a missing `schema_include_list`.
 */
import type { ConfigValue } from '../model/index.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `source: {name: orders-db, connector: postgresql}` → `write "source: orders-db"`. */
export function pipelineReferenceHint(field: string, value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const name = typeof value['name'] === 'string' ? value['name'] : undefined;
  const what = `a pipeline names its ${field} by its manifest name; the connector comes from the ${field} itself`;
  if (name !== undefined) return `write "${field}: ${name}": ${what}`;
  return `write "${field}: <the ${field}'s name>" (ids are not used in manifests): ${what}; one made outside these manifests is listed under external: ${field}s: [name]`;
}

/** `public.orders public.customers` (no commas): the entries the user meant, or undefined. */
export function spaceSeparatedEntries(value: ConfigValue | undefined): string[] | undefined {
  // NOTE: line breaks alone are coerce-value's warning; this is one line of space-separated entries.
  if (typeof value !== 'string' || value.includes(',') || value.trim().includes('\n')) return undefined;
  const entries = value.trim().split(/\s+/);
  return entries.length > 1 ? entries : undefined;
}

/** The schemas a literal `table_include_list` names (`public.orders, sales.x` → `public, sales`). */
export function schemasOfTables(tables: ConfigValue | undefined): string | undefined {
  if (typeof tables !== 'string') return undefined;
  const schemas = new Set<string>();
  for (const t of tables.split(/[,\s]+/)) {
    const dot = t.indexOf('.');
    if (dot > 0 && !/[*()[\]\\^$|?+]/.test(t.slice(0, dot))) schemas.add(t.slice(0, dot));
  }
  return schemas.size > 0 ? [...schemas].join(', ') : undefined;
}
