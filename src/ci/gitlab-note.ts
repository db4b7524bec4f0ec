/** The sticky merge-request note through GitLab's REST API (v4). */
import { callJson, commentsOf, idOf, type FetchLike } from './http-json.js';
import type { CommentThread, ThreadComment } from './sticky-comment.js';

export interface GitLabTarget {
  /** CI_API_V4_URL, e.g. https://gitlab.com/api/v4. */
  readonly apiUrl: string;
  /** CI_PROJECT_ID (a number, or a URL-encoded path). */
  readonly projectId: string;
  /** CI_MERGE_REQUEST_IID. */
  readonly mergeRequestIid: number;
  /** A project or personal access token with the `api` scope (CI_JOB_TOKEN cannot write notes). */
  readonly token: string;
}

export function gitlabThread(target: GitLabTarget, fetchImpl: FetchLike = fetch): CommentThread {
  const notes = `${target.apiUrl.replace(/\/+$/, '')}/projects/${encodeURIComponent(target.projectId)}/merge_requests/${target.mergeRequestIid}/notes`;
  const headers = { 'private-token': target.token, 'user-agent': 'streamkap-gitops' };
  return {
    async *list(): AsyncIterable<ThreadComment> {
      // NOTE: GitLab says the next page in X-Next-Page (empty on the last page).
      for (let page: string | null = '1'; page !== null && page !== '';) {
        const res = await callJson(fetchImpl, 'GET', `${notes}?sort=asc&per_page=100&page=${page}`, headers);
        yield* commentsOf(res.data, 'GitLab notes');
        const next = res.headers.get('x-next-page');
        page = next !== null && /^\d+$/.test(next) ? next : null;
      }
    },
    async create(body) {
      return idOf((await callJson(fetchImpl, 'POST', notes, headers, { body })).data, 'GitLab note');
    },
    async update(id, body) {
      return idOf(
        (await callJson(fetchImpl, 'PUT', `${notes}/${id}`, headers, { body })).data,
        'GitLab note',
      );
    },
  };
}
