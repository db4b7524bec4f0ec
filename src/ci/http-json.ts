import { CommentApiError } from './sticky-comment.js';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** The path of a URL, for messages (no query: it is the provider's, and paging noise). */
function pathOf(url: string): string {
  return new URL(url).pathname;
}

/** One JSON call; a non-2xx status becomes a CommentApiError with the provider's message. */
export async function callJson(
  fetchImpl: FetchLike,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ readonly data: unknown; readonly headers: Headers }> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new CommentApiError(
      undefined,
      method,
      pathOf(url),
      error instanceof Error ? error.message : String(error),
    );
  }
  const text = await response.text();
  let data: unknown = text;
  try {
    data = text === '' ? null : JSON.parse(text);
  } catch {
    // a proxy's HTML page: kept as text for the message
  }
  if (!response.ok) {
    const message =
      typeof data === 'object' && data !== null && 'message' in data
        ? String(data.message)
        : text.slice(0, 200);
    throw new CommentApiError(response.status, method, pathOf(url), message);
  }
  return { data, headers: response.headers };
}

/** Parses `[{id, body}, ...]` from a list page, refusing anything else. */
export function commentsOf(data: unknown, what: string): { id: number; body: string }[] {
  if (!Array.isArray(data)) throw new Error(`${what}: expected a JSON array of comments`);
  return data.flatMap((c: unknown) => {
    if (typeof c !== 'object' || c === null) return [];
    const { id, body } = c as { id?: unknown; body?: unknown };
    return typeof id === 'number' && typeof body === 'string' ? [{ id, body }] : [];
  });
}

/** `{id, html_url}` (GitHub) or `{id}` (GitLab) of a created or updated comment. */
export function idOf(data: unknown, what: string): { id: number; url?: string } {
  const { id, html_url: url } = (data ?? {}) as { id?: unknown; html_url?: unknown };
  if (typeof id !== 'number') throw new Error(`${what}: the response has no comment id`);
  return typeof url === 'string' ? { id, url } : { id };
}
