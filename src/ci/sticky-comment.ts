/**
 * One sticky comment per pull/merge request and key: found by a hidden HTML marker on its first
 * line, edited in place on every run instead of adding a new comment each push.
 */

export interface ThreadComment {
  readonly id: number;
  readonly body: string;
}

/** A pull request's (GitHub) or merge request's (GitLab) comments, through the provider's REST API. */
export interface CommentThread {
  /** Every comment, page by page. */
  list(): AsyncIterable<ThreadComment>;
  create(body: string): Promise<{ readonly id: number; readonly url?: string }>;
  update(id: number, body: string): Promise<{ readonly id: number; readonly url?: string }>;
}

/** A provider call that failed: status, method and path only (never headers: they hold the token). */
export class CommentApiError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly method: string,
    readonly path: string,
    detail: string,
  ) {
    super(`${method} ${path} -> ${status === undefined ? 'no response' : `HTTP ${status}`}: ${detail}`);
    this.name = 'CommentApiError';
  }
}

export type StickyOutcome =
  | { readonly action: 'created' | 'updated'; readonly id: number; readonly url?: string }
  | { readonly action: 'no-permission'; readonly message: string };

const KEY = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** A comment key lands inside an HTML comment: lower-case letters, digits, `.`, `_`, `-` only. */
export function isCommentKey(key: string): boolean {
  return KEY.test(key);
}

/** `<!-- streamkap-gitops:comment:plan -->`; the key names one sticky comment of several. */
export function stickyMarker(key: string): string {
  if (!isCommentKey(key)) throw new Error(`comment key "${key}" is not [a-z0-9._-], at most 64 characters`);
  return `<!-- streamkap-gitops:comment:${key} -->`;
}

/** The first comment that carries the marker (on its own line), if any. */
async function findSticky(thread: CommentThread, marker: string): Promise<ThreadComment | undefined> {
  for await (const c of thread.list()) {
    if (c.body.split('\n').some((line) => line.trim() === marker)) return c;
  }
  return undefined;
}

/**
 * Creates or updates the sticky comment. A 403 (a fork's pull request gets a read-only token) is an
 * outcome, not an error: the caller warns and the job goes on. Anything else throws.
 */
export async function upsertSticky(
  thread: CommentThread,
  marker: string,
  body: string,
): Promise<StickyOutcome> {
  const text = body.startsWith(marker) ? body : `${marker}\n${body}`;
  try {
    const existing = await findSticky(thread, marker);
    if (existing === undefined) return { action: 'created', ...(await thread.create(text)) };
    return { action: 'updated', ...(await thread.update(existing.id, text)) };
  } catch (error) {
    if (error instanceof CommentApiError && error.status === 403)
      return { action: 'no-permission', message: error.message };
    throw error;
  }
}
