/**
 * A stateful fake of GitLab's merge-request notes API (v4): list (paged with X-Next-Page, as GitLab
 * does), create, update; `readOnly` answers writes with 403. One Fetch handler, mounted in msw or
 * served over real HTTP.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { FakeComment } from './fake-github.js';

export const GITLAB_API = 'https://gitlab.test/api/v4';
export const GITLAB_TOKEN = 'glpat-PLANTED-token-51e2';

export class FakeGitLab {
  readonly notes: FakeComment[] = [];
  readonly requests: { method: string; path: string }[] = [];
  readOnly = false;
  pageSize = 100;
  #nextId = 500;

  constructor(
    readonly project = '42',
    readonly iid = 7,
  ) {}

  seed(bodies: readonly string[]): void {
    for (const body of bodies) this.notes.push({ id: this.#nextId++, body });
  }

  handlers(base = GITLAB_API): HttpHandler[] {
    return [http.all(`${base}/*`, ({ request }) => this.handle(request))];
  }

  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    this.requests.push({ method: request.method, path: url.pathname + url.search });
    if (request.headers.get('private-token') !== GITLAB_TOKEN)
      return HttpResponse.json({ message: '401 Unauthorized' }, { status: 401 });
    const notes = `/api/v4/projects/${this.project}/merge_requests/${this.iid}/notes`;
    const one = url.pathname.startsWith(`${notes}/`)
      ? Number(url.pathname.slice(notes.length + 1))
      : undefined;
    if (url.pathname === notes && request.method === 'GET') return this.#list(url);
    if (this.readOnly && request.method !== 'GET')
      return HttpResponse.json({ message: '403 Forbidden' }, { status: 403 });
    if (url.pathname === notes && request.method === 'POST') {
      const note = { id: this.#nextId++, body: ((await request.json()) as { body: string }).body };
      this.notes.push(note);
      return HttpResponse.json(note, { status: 201 });
    }
    const found = this.notes.find((n) => n.id === one);
    if (found !== undefined && request.method === 'PUT') {
      found.body = ((await request.json()) as { body: string }).body;
      return HttpResponse.json(found);
    }
    return HttpResponse.json({ message: '404 Not found' }, { status: 404 });
  }

  #list(url: URL): Response {
    const page = Number(url.searchParams.get('page') ?? '1');
    const start = (page - 1) * this.pageSize;
    const more = start + this.pageSize < this.notes.length;
    return HttpResponse.json(this.notes.slice(start, start + this.pageSize), {
      headers: { 'x-next-page': more ? String(page + 1) : '' },
    });
  }
}
