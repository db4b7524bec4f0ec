/**
 * Where a CI run publishes: GitHub Actions (a pull request's comments, the job summary, step
 * outputs) or GitLab CI (a merge request's notes), read from the variables each CI sets.
 */
import { GITHUB_COMMENT_LIMIT, GITLAB_NOTE_LIMIT } from './fit-comment.js';
import { githubThread } from './github-comment.js';
import { gitlabThread } from './gitlab-note.js';
import type { FetchLike } from './http-json.js';
import type { CommentThread } from './sticky-comment.js';

export type Provider = 'github' | 'gitlab' | 'none';
type Env = Readonly<Record<string, string | undefined>>;

export interface CiContext {
  readonly provider: Provider;
  /** The pull/merge request's comments, when there is one and a token to write with. */
  readonly thread?: CommentThread;
  /** `pull request #12`, `merge request !7`. */
  readonly where?: string;
  /** Why there is no thread (not a pull request, no token). */
  readonly noThread?: string;
  readonly commentLimit: number;
  /** GITHUB_STEP_SUMMARY. */
  readonly summaryFile?: string;
  /** GITHUB_OUTPUT. */
  readonly outputFile?: string;
}

const set = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

export function detectProvider(env: Env): Provider {
  if (env['GITHUB_ACTIONS'] === 'true') return 'github';
  if (env['GITLAB_CI'] === 'true') return 'gitlab';
  return 'none';
}

/** The pull request number of a GitHub event (pull_request, pull_request_target, issue_comment). */
export function pullNumberOf(eventJson: string | undefined, ref: string | undefined): number | undefined {
  try {
    const event = JSON.parse(eventJson ?? 'null') as {
      pull_request?: { number?: unknown };
      issue?: { number?: unknown; pull_request?: unknown };
    } | null;
    const n = event?.pull_request?.number ?? (event?.issue?.pull_request ? event.issue.number : undefined);
    if (typeof n === 'number' && Number.isSafeInteger(n) && n > 0) return n;
  } catch {
    // not JSON: fall back to the ref
  }
  const m = /^refs\/pull\/(\d+)\//.exec(ref ?? '');
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

function github(env: Env, eventJson: string | undefined, fetchImpl: FetchLike | undefined): CiContext {
  const files = {
    ...(set(env['GITHUB_STEP_SUMMARY']) ? { summaryFile: env['GITHUB_STEP_SUMMARY'] } : {}),
    ...(set(env['GITHUB_OUTPUT']) ? { outputFile: env['GITHUB_OUTPUT'] } : {}),
  };
  const base = { provider: 'github' as const, commentLimit: GITHUB_COMMENT_LIMIT, ...files };
  const pullNumber = pullNumberOf(eventJson, env['GITHUB_REF']);
  if (pullNumber === undefined) return { ...base, noThread: 'this run is not for a pull request' };
  const where = `pull request #${pullNumber}`;
  const token = env['GITHUB_TOKEN'];
  const repository = env['GITHUB_REPOSITORY'];
  if (!set(token)) return { ...base, where, noThread: 'GITHUB_TOKEN is not set' };
  if (!set(repository)) return { ...base, where, noThread: 'GITHUB_REPOSITORY is not set' };
  const apiUrl = env['GITHUB_API_URL'] ?? 'https://api.github.com';
  const target = { apiUrl, repository, pullNumber, token };
  return { ...base, where, thread: githubThread(target, fetchImpl) };
}

function gitlab(env: Env, fetchImpl: FetchLike | undefined): CiContext {
  const base = { provider: 'gitlab' as const, commentLimit: GITLAB_NOTE_LIMIT };
  const iid = Number(env['CI_MERGE_REQUEST_IID']);
  if (!Number.isSafeInteger(iid) || iid <= 0)
    return { ...base, noThread: 'this pipeline is not for a merge request' };
  const where = `merge request !${iid}`;
  const token = env['GITLAB_TOKEN'];
  const apiUrl = env['CI_API_V4_URL'];
  const projectId = env['CI_PROJECT_ID'];
  if (!set(token))
    return { ...base, where, noThread: 'GITLAB_TOKEN is not set (a token with the api scope)' };
  if (!set(apiUrl) || !set(projectId))
    return { ...base, where, noThread: 'CI_API_V4_URL or CI_PROJECT_ID is not set' };
  return {
    ...base,
    where,
    thread: gitlabThread({ apiUrl, projectId, mergeRequestIid: iid, token }, fetchImpl),
  };
}

/** The CI context; `eventJson` is the text of GITHUB_EVENT_PATH (read by the caller). */
export function ciContext(
  provider: Provider,
  env: Env,
  eventJson: string | undefined,
  fetchImpl?: FetchLike,
): CiContext {
  if (provider === 'github') return github(env, eventJson, fetchImpl);
  if (provider === 'gitlab') return gitlab(env, fetchImpl);
  return {
    provider: 'none',
    commentLimit: GITHUB_COMMENT_LIMIT,
    noThread: 'no CI provider (--provider none)',
  };
}
