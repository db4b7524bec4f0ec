/**
 * `apply --snapshot-added-tables`: once the apply succeeded, an incremental snapshot of exactly the
 * tables each source update added (for sources whose pipelines do not snapshot new tables). Each
 * source is tried; failures (a 409: one already runs) are collected into one error (exit 1) after
 * the others were started. Text goes to stdout, or stderr when stdout carries the JSON report.
 */
import type { ApiClient } from '../../api/types.js';
import type { ApplyReport } from '../../applier/index.js';
import { GitopsError, OperationError } from '../../errors/index.js';
import type { Plan } from '../../model/index.js';
import { addedTables } from '../../snapshot/added-tables.js';
import { startBody } from '../../snapshot/request-body.js';
import { startSnapshot } from '../../snapshot/send-snapshot.js';
import { printable } from '../../render/printable.js';
import { plural } from '../../render/plural.js';
import type { CommandContext } from '../context.js';

export async function snapshotAddedTables(
  ctx: CommandContext,
  client: ApiClient,
  plan: Plan,
  report: ApplyReport,
  json: boolean,
): Promise<void> {
  const out = json ? ctx.io.stderr : ctx.io.stdout;
  const todo = addedTables(plan, report);
  if (todo.length === 0)
    out.write('--snapshot-added-tables: no source update added tables; no snapshot started.\n');
  const failed: GitopsError[] = [];
  for (const t of todo) {
    for (const p of t.patterns)
      out.write(`  ${printable(`${t.sourceName}: ${p}`)} is a pattern, not a table: not snapshotted\n`);
    if (t.tables.length === 0) continue;
    const body = startBody(t.sourceId, t.source, { tables: t.tables, conditions: [] });
    try {
      await startSnapshot(client, t.sourceName, body);
      out.write(
        `${printable(`Started an incremental snapshot of ${t.sourceName}, the added ${(body.topic_names ?? []).length === 1 ? 'table' : 'tables'}: ${(body.topic_names ?? []).join(', ')}.`)}\n`,
      );
    } catch (error) {
      if (!(error instanceof GitopsError)) throw error;
      out.write(`${printable(`Could not snapshot the tables added to ${t.sourceName}: ${error.message}`)}\n`);
      failed.push(error);
    }
  }
  const first = failed[0];
  if (first) {
    throw new OperationError(
      `the apply succeeded, but ${plural(failed.length, 'snapshot')} of added tables did not start`,
      {
        cause: first,
        hint: first.hint ?? 'start them with `streamkap-gitops snapshot <source> --tables ...`',
      },
    );
  }
}
