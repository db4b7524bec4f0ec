/**
 * `apply --snapshot-added-tables`: the tables each applied source update added to its include
 * list, read from the plan's field change (before → after) of the sources whose update succeeded.
 * Pure. Only literal names are snapshotted: an added regular expression names no table.
 * NOTE: snapshots are actions, never state: this reads the plan, it never adds to it.
 */
import type { ApplyReport } from '../applier/index.js';
import type { Plan, PlanAction } from '../model/index.js';
import { includeEntries } from './include-list.js';
import { friendlySourceTables, type SourceTables } from './source-tables.js';

export interface AddedTables {
  readonly sourceName: string;
  readonly sourceId: string;
  readonly tables: readonly string[];
  /** Added entries that are patterns, not tables: not snapshotted, reported. */
  readonly patterns: readonly string[];
  readonly source: SourceTables;
}

const LIST_PATHS = ['config.table_include_list', 'config.collection_include_list'];
const LITERAL = /^[\w$-]+(\.[\w$-]+)*$/;

function added(action: PlanAction): string[] {
  const change = action.changes.find((c) => LIST_PATHS.includes(c.path));
  if (!change) return [];
  const before = new Set(includeEntries(change.before));
  return includeEntries(change.after).filter((t) => !before.has(t));
}

function record(v: unknown): Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function addedTables(plan: Plan, report: ApplyReport): AddedTables[] {
  const ids = new Map(
    report.results.flatMap((r) =>
      r.status === 'succeeded' && r.resourceId ? [[r.id, r.resourceId] as const] : [],
    ),
  );
  return plan.actions.flatMap((a): AddedTables[] => {
    const sourceId = ids.get(a.id);
    if (a.kind !== 'source' || a.type !== 'update' || sourceId === undefined) return [];
    const entries = added(a);
    if (entries.length === 0) return [];
    const desired = record(a.desired);
    const connector = typeof desired['connector'] === 'string' ? desired['connector'] : '';
    return [
      {
        sourceName: a.name,
        sourceId,
        tables: entries.filter((t) => LITERAL.test(t)),
        patterns: entries.filter((t) => !LITERAL.test(t)),
        source: friendlySourceTables(connector, record(desired['config'])),
      },
    ];
  });
}
