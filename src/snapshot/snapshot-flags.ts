/**
 * The snapshot command's flags, checked offline (no request is sent when they are wrong):
 * `--tables` a comma list without duplicates, each `--where` a `TABLE=FILTER` with one filter per
 * table, every `--where` table one of `--tables` when that is given, and `--stop` alone.
 */
import { didYouMean } from '../schema/suggest.js';

export interface Condition {
  /** `schema.table` as typed: the `data_collection` of the request. */
  readonly table: string;
  readonly filter: string;
}

export interface SnapshotRequestInput {
  /** undefined = every table of the source. */
  readonly tables: readonly string[] | undefined;
  readonly conditions: readonly Condition[];
}

export interface RawSnapshotFlags {
  readonly tables?: string | undefined;
  readonly where: readonly string[];
  readonly stop: boolean;
  readonly wait: boolean;
}

function parseTables(raw: string, problems: string[]): string[] {
  const tables = raw.split(',').map((t) => t.trim());
  if (tables.every((t) => t === ''))
    problems.push('--tables lists no table (e.g. --tables public.orders,public.customers)');
  const seen = new Set<string>();
  for (const t of tables.filter((x) => x !== '')) {
    if (/\s/.test(t)) problems.push(`--tables: "${t}" contains white space`);
    if (seen.has(t)) problems.push(`--tables lists "${t}" twice`);
    seen.add(t);
  }
  return [...seen];
}

function parseWhere(items: readonly string[], problems: string[]): Condition[] {
  const out: Condition[] = [];
  for (const item of items) {
    const eq = item.indexOf('=');
    const table = eq < 0 ? '' : item.slice(0, eq).trim();
    const filter = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (table === '' || filter === '') {
      problems.push(
        `--where "${item}" is not TABLE=FILTER (e.g. --where "public.orders=created_at > '2026-01-01'")`,
      );
    } else if (out.some((c) => c.table === table)) {
      problems.push(`--where gives two filters for ${table}: combine them into one (AND)`);
    } else out.push({ table, filter });
  }
  return out;
}

/** Every problem with the flags (empty when they are fine) and, when fine, what they ask for. */
export function checkSnapshotFlags(f: RawSnapshotFlags): { problems: string[]; input: SnapshotRequestInput } {
  const problems: string[] = [];
  if (f.stop && (f.tables !== undefined || f.where.length > 0 || f.wait)) {
    problems.push(
      '--stop stops the running snapshot of the whole source: it takes no --tables, --where or --wait',
    );
  }
  const tables = f.tables === undefined ? undefined : parseTables(f.tables, problems);
  const conditions = parseWhere(f.where, problems);
  if (tables && tables.length > 0) {
    for (const c of conditions.filter((x) => !tables.includes(x.table))) {
      const hint = didYouMean(c.table, tables);
      problems.push(
        `--where ${c.table}: not one of the snapshotted tables (--tables ${tables.join(',')})${hint ? `; ${hint}` : ''}`,
      );
    }
  }
  return { problems, input: { tables, conditions } };
}
