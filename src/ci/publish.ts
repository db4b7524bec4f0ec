/** Publishes a wrapped run: job summary, step outputs, and the sticky comment. */
import { appendFile } from 'node:fs/promises';
import type { CiContext } from './ci-context.js';
import { fitComment, GITHUB_SUMMARY_LIMIT } from './fit-comment.js';
import { hasChanges, reportBody, type WrappedRun } from './report-body.js';
import { stickyMarker, upsertSticky } from './sticky-comment.js';

export interface PublishOptions {
  readonly comment: boolean;
  /** Names the sticky comment; default: the command. */
  readonly commentKey?: string;
  /** One line for the CI log (stderr). */
  readonly log: (line: string) => void;
}

export interface Published {
  readonly hasChanges: boolean;
  /** The comment could not be written for a reason other than a missing permission. */
  readonly commentFailed: boolean;
}

const FULL_TEXT_AT = 'The full output is in the job log.';

/** A GitHub annotation (`::warning::`), its data escaped as the runner wants; plain elsewhere. */
function annotation(ctx: CiContext, level: 'warning' | 'error', text: string): string {
  if (ctx.provider !== 'github') return `${level}: ${text}`;
  return `::${level}::${text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`;
}

/** Creates or updates the comment; false when that failed for a reason other than permission. */
async function comment(
  ctx: CiContext,
  marker: string,
  body: string,
  log: (line: string) => void,
): Promise<boolean> {
  if (ctx.thread === undefined) {
    log(`No comment: ${ctx.noThread ?? 'no pull or merge request'}.`);
    return true;
  }
  const where = ctx.where ?? 'the request';
  try {
    const fitted = fitComment(body, { limit: ctx.commentLimit, fullTextAt: FULL_TEXT_AT });
    const outcome = await upsertSticky(ctx.thread, marker, fitted);
    if (outcome.action === 'no-permission') {
      const why = `could not comment on ${where} (no write permission; a fork's pull request?): ${outcome.message}`;
      log(annotation(ctx, 'warning', why));
    } else {
      const verb = outcome.action === 'created' ? 'Commented on' : 'Updated the comment on';
      log(`${verb} ${where}${outcome.url === undefined ? '' : `: ${outcome.url}`}`);
    }
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(annotation(ctx, 'error', `could not comment on ${where}: ${message}`));
    return false;
  }
}

export async function publishRun(
  ctx: CiContext,
  run: WrappedRun,
  options: PublishOptions,
): Promise<Published> {
  const marker = stickyMarker(options.commentKey ?? run.command);
  const body = reportBody(run, marker);
  const changes = hasChanges(run);
  if (ctx.summaryFile !== undefined) {
    const summary = fitComment(body, { limit: GITHUB_SUMMARY_LIMIT, fullTextAt: FULL_TEXT_AT });
    await appendFile(ctx.summaryFile, `${summary}\n`);
  }
  if (ctx.outputFile !== undefined)
    await appendFile(ctx.outputFile, `exit-code=${run.exitCode}\nhas-changes=${changes}\n`);
  const ok = options.comment ? await comment(ctx, marker, body, options.log) : true;
  return { hasChanges: changes, commentFailed: !ok };
}
