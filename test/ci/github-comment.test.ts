import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { githubThread, nextLink } from '../../src/ci/github-comment.js';
import { CommentApiError, stickyMarker, upsertSticky } from '../../src/ci/sticky-comment.js';
import { FakeGitHub, GITHUB_API, GITHUB_TOKEN } from './fake-github.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let fake: FakeGitHub;
beforeEach(() => {
  fake = new FakeGitHub();
  server.use(...fake.handlers());
});

const thread = (token = GITHUB_TOKEN) =>
  githubThread({ apiUrl: GITHUB_API, repository: 'acme/infra', pullNumber: 12, token });
const MARKER = stickyMarker('plan');

describe('the sticky pull-request comment (GitHub REST API)', () => {
  it('creates one comment, then updates that same comment in place', async () => {
    fake.seed(['LGTM', 'please check the pipeline']);
    const first = await upsertSticky(thread(), MARKER, `${MARKER}\nplan one`);
    expect(first).toMatchObject({ action: 'created' });
    const second = await upsertSticky(thread(), MARKER, `${MARKER}\nplan two`);
    expect(second).toMatchObject({ action: 'updated', id: first.action === 'created' ? first.id : -1 });
    expect(fake.comments.filter((c) => c.body.includes(MARKER))).toEqual([
      { id: expect.any(Number) as number, body: `${MARKER}\nplan two` },
    ]);
    expect(fake.comments).toHaveLength(3);
    expect(fake.requests.every((r) => r.auth === `Bearer ${GITHUB_TOKEN}`)).toBe(true);
  });

  it('finds the comment on a later page of a long conversation', async () => {
    fake.seed(Array.from({ length: 230 }, (_, i) => `comment ${i}`));
    fake.seed([`${MARKER}\nold plan`]);
    fake.seed(Array.from({ length: 20 }, (_, i) => `later ${i}`));
    const outcome = await upsertSticky(thread(), MARKER, 'new plan');
    expect(outcome.action).toBe('updated');
    expect(fake.comments[230]?.body).toBe(`${MARKER}\nnew plan`);
    const pages = fake.requests.filter((r) => r.method === 'GET').map((r) => r.path);
    expect(pages).toEqual([
      '/repos/acme/infra/issues/12/comments?per_page=100',
      '/repos/acme/infra/issues/12/comments?per_page=100&page=2',
      '/repos/acme/infra/issues/12/comments?per_page=100&page=3',
    ]);
  });

  it('does not take a comment that only quotes the marker, or one for another key', async () => {
    fake.seed([`I saw \`${MARKER}\` in the source`, `${stickyMarker('drift')}\ndrift report`]);
    expect((await upsertSticky(thread(), MARKER, 'plan')).action).toBe('created');
    expect(fake.comments).toHaveLength(3);
  });

  it("reports a fork's read-only token (403) as an outcome, and writes nothing", async () => {
    fake.readOnly = true;
    const outcome = await upsertSticky(thread(), MARKER, 'plan');
    expect(outcome).toMatchObject({ action: 'no-permission' });
    expect(outcome.action === 'no-permission' && outcome.message).toContain(
      'Resource not accessible by integration',
    );
    expect(fake.comments).toEqual([]);
  });

  it('throws other failures with method, path and status, never the token', async () => {
    const error = await upsertSticky(thread('ghs_WRONG_token'), MARKER, 'plan').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommentApiError);
    expect((error as Error).message).toBe(
      'GET /repos/acme/infra/issues/12/comments -> HTTP 401: Bad credentials',
    );
    expect(String((error as Error).message)).not.toContain('ghs_');
  });

  it('follows a next link only to the same API host (the token goes with it)', () => {
    expect(nextLink(`<${GITHUB_API}/x?page=2>; rel="next"`, GITHUB_API)).toBe(`${GITHUB_API}/x?page=2`);
    expect(nextLink('<https://elsewhere.test/x?page=2>; rel="next"', GITHUB_API)).toBeUndefined();
    expect(nextLink(`<${GITHUB_API}/x?page=9>; rel="last"`, GITHUB_API)).toBeUndefined();
    expect(nextLink(null, GITHUB_API)).toBeUndefined();
  });
});
