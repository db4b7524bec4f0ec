/**
 * Progress lines for stderr: `[3/12] create pipeline orders …` when an action starts and
 * `[3/12] create pipeline orders ✓ 1.2 s` (or ✗ with the error) when it ends.
 */
import type { ProgressEvent } from './execute-plan.js';
import { printable } from '../render/printable.js';
import { formatDuration, requestIdNote } from './report.js';

/** One progress line, safe to print (names and API error messages are escaped). */
export function renderProgressLine(event: ProgressEvent): string {
  return printable(progressLine(event));
}

function progressLine(event: ProgressEvent): string {
  const { action } = event;
  const width = String(event.total).length;
  const head = `[${String(event.index).padStart(width)}/${event.total}] ${action.type} ${action.kind} ${action.name}`;
  if (event.type === 'start') return `${head} …`;
  const skippedHead = `[${'-'.padStart(width)}/${event.total}] ${action.type} ${action.kind} ${action.name}`;
  const r = event.result;
  const took = r.durationMs === undefined ? '' : ` ${formatDuration(r.durationMs)}`;
  switch (r.status) {
    case 'succeeded':
      return `${head} ✓${took}`;
    case 'failed': {
      const rid = requestIdNote(r.error);
      return `${head} ✗${took}: ${r.error?.message ?? 'failed'}${rid}`;
    }
    case 'skipped':
      return `${skippedHead} ⊘ skipped: ${r.blockedBy ?? 'a dependency'} did not succeed`;
    case 'not_attempted':
      return `${skippedHead} ⊘ not attempted (--fail-fast)`;
  }
}
