import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gitlabThread } from '../../src/ci/gitlab-note.js';
import { stickyMarker, upsertSticky } from '../../src/ci/sticky-comment.js';
import { FakeGitLab, GITLAB_API, GITLAB_TOKEN } from './fake-gitlab.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let fake: FakeGitLab;
beforeEach(() => {
  fake = new FakeGitLab();
  server.use(...fake.handlers());
});

const thread = () =>
  gitlabThread({ apiUrl: GITLAB_API, projectId: '42', mergeRequestIid: 7, token: GITLAB_TOKEN });
const MARKER = stickyMarker('plan');

describe('the sticky merge-request note (GitLab REST API)', () => {
  it('creates one note, then updates it in place', async () => {
    expect((await upsertSticky(thread(), MARKER, 'one')).action).toBe('created');
    expect((await upsertSticky(thread(), MARKER, 'two')).action).toBe('updated');
    expect(fake.notes).toEqual([{ id: expect.any(Number) as number, body: `${MARKER}\ntwo` }]);
  });

  it('pages through X-Next-Page to find the note', async () => {
    fake.seed(Array.from({ length: 150 }, (_, i) => `note ${i}`));
    fake.seed([`${MARKER}\nold`]);
    expect((await upsertSticky(thread(), MARKER, 'new')).action).toBe('updated');
    expect(fake.notes[150]?.body).toBe(`${MARKER}\nnew`);
    expect(fake.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([
      '/api/v4/projects/42/merge_requests/7/notes?sort=asc&per_page=100&page=1',
      '/api/v4/projects/42/merge_requests/7/notes?sort=asc&per_page=100&page=2',
    ]);
  });

  it('reports 403 as no permission and writes nothing', async () => {
    fake.readOnly = true;
    expect((await upsertSticky(thread(), MARKER, 'x')).action).toBe('no-permission');
    expect(fake.notes).toEqual([]);
  });
});
