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

function warn(ctx: CiContext, text: string): string {
  return ctx.provider === 'github' ? `::warning::${text}` : `warning: ${text}`;
}

async function comment(
  ctx: CiContext,
  run: WrappedRun,
  body: string,
  options: PublishOptions,
): Promise<boolean> {
  if (!options.comment) return true;
  if (ctx.thread === undefined) {
    options.log(`No comment: ${ctx.noThread ?? 'no pull or merge request'}.`);
    return true;
  }
  const marker = stickyMarker(options.commentKey ?? run.command);
  const fullTextAt = 'The full output is in the job log.';
  try {
    const outcome = await upsertSticky(
      ctx.thread,
      marker,
      fitComment(body, { limit: ctx.commentLimit, fullTextAt }),
    );
    if (outcome.action === 'no-permission')
      options.log(
        warn(
          ctx,
          `could not comment on ${ctx.where} (no write permission; a fork's pull request?): ${outcome.message}`,
        ),
      );
    else
      options.log(
        `${outcome.action === 'created' ? 'Commented on' : 'Updated the comment on'} ${ctx.where}${outcome.url ? `: ${outcome.url}` : ''}`,
      );
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    options.log(
      ctx.provider === 'github'
        ? `::error::could not comment on ${ctx.where}: ${message}`
        : `error: could not comment on ${ctx.where}: ${message}`,
    );
    return false;
  }
}

export async function publishRun(
  ctx: CiContext,
  run: WrappedRun,
  options: PublishOptions,
): Promise<Published> {
  const body = reportBody(run, stickyMarker(options.commentKey ?? run.command));
  const changes = hasChanges(run);
  if (ctx.summaryFile !== undefined)
    await appendFile(
      ctx.summaryFile,
      `${fitComment(body, { limit: GITHUB_SUMMARY_LIMIT, fullTextAt: 'The full output is in the job log.' })}\n`,
    );
  if (ctx.outputFile !== undefined)
    await appendFile(ctx.outputFile, `exit-code=${run.exitCode}\nhas-changes=${changes}\n`);
  const ok = await comment(ctx, run, body, options);
  return { hasChanges: changes, commentFailed: !ok };
}
