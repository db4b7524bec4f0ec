/** The sticky pull-request comment through GitHub's REST API (issue comments of the pull request). */
import { callJson, commentsOf, idOf, type FetchLike } from './http-json.js';
import type { CommentThread, ThreadComment } from './sticky-comment.js';

export interface GitHubTarget {
  /** GITHUB_API_URL: https://api.github.com, or a GitHub Enterprise server's /api/v3. */
  readonly apiUrl: string;
  /** GITHUB_REPOSITORY: `owner/name`. */
  readonly repository: string;
  readonly pullNumber: number;
  readonly token: string;
}

/** The `rel="next"` URL of a Link header, only when it points at the same API (the token goes there). */
export function nextLink(link: string | null, apiUrl: string): string | undefined {
  const match = /<([^>]+)>;\s*rel="next"/.exec(link ?? '');
  if (match?.[1] === undefined) return undefined;
  const next = new URL(match[1]);
  return next.origin === new URL(apiUrl).origin ? next.href : undefined;
}

export function githubThread(target: GitHubTarget, fetchImpl: FetchLike = fetch): CommentThread {
  const api = target.apiUrl.replace(/\/+$/, '');
  const repo = target.repository.split('/').map(encodeURIComponent).join('/');
  const headers = {
    accept: 'application/vnd.github+json',
    authorization: `Bearer ${target.token}`,
    'x-github-api-version': '2022-11-28',
    'user-agent': 'streamkap-gitops',
  };
  return {
    async *list(): AsyncIterable<ThreadComment> {
      let url: string | undefined = `${api}/repos/${repo}/issues/${target.pullNumber}/comments?per_page=100`;
      while (url !== undefined) {
        const page = await callJson(fetchImpl, 'GET', url, headers);
        yield* commentsOf(page.data, 'GitHub comments');
        url = nextLink(page.headers.get('link'), api);
      }
    },
    async create(body) {
      const url = `${api}/repos/${repo}/issues/${target.pullNumber}/comments`;
      return idOf((await callJson(fetchImpl, 'POST', url, headers, { body })).data, 'GitHub comment');
    },
    async update(id, body) {
      const url = `${api}/repos/${repo}/issues/comments/${id}`;
      return idOf((await callJson(fetchImpl, 'PATCH', url, headers, { body })).data, 'GitHub comment');
    },
  };
}
