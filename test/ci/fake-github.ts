/**
 * A stateful fake of the GitHub REST API's issue comments: list (paged with a Link header, as
 * GitHub does), create, update. `readOnly` answers writes with 403, as GitHub does for the read-only
 * token of a fork's pull request. One Fetch handler, mounted in msw or served over real HTTP.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';

export const GITHUB_API = 'https://api.github.test';
export const GITHUB_TOKEN = 'ghs_PLANTED_token_7c1d';

export interface FakeComment {
  id: number;
  body: string;
}

export class FakeGitHub {
  readonly comments: FakeComment[] = [];
  readonly requests: { method: string; path: string; auth: string | null }[] = [];
  readOnly = false;
  /** Page size the fake uses whatever per_page asks (GitHub caps it at 100). */
  pageSize = 100;
  #nextId = 1000;

  constructor(
    readonly repo = 'acme/infra',
    readonly pull = 12,
    /** The token it accepts (the leak test plants its own). */
    readonly token = GITHUB_TOKEN,
  ) {}

  seed(bodies: readonly string[]): void {
    for (const body of bodies) this.comments.push({ id: this.#nextId++, body });
  }

  handlers(base = GITHUB_API): HttpHandler[] {
    return [http.all(`${base}/*`, ({ request }) => this.handle(request))];
  }

  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const auth = request.headers.get('authorization');
    this.requests.push({ method: request.method, path: url.pathname + url.search, auth });
    if (auth !== `Bearer ${this.token}`)
      return HttpResponse.json({ message: 'Bad credentials' }, { status: 401 });
    const list = `/repos/${this.repo}/issues/${this.pull}/comments`;
    const one = new RegExp(`^/repos/${this.repo}/issues/comments/(\\d+)$`).exec(url.pathname);
    if (url.pathname === list && request.method === 'GET') return this.#list(url);
    if (this.readOnly && (request.method === 'POST' || request.method === 'PATCH'))
      return HttpResponse.json({ message: 'Resource not accessible by integration' }, { status: 403 });
    if (url.pathname === list && request.method === 'POST') return this.#create(request, url);
    if (one !== null && request.method === 'PATCH') return this.#update(request, url, Number(one[1]));
    return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
  }

  #view(c: FakeComment, url: URL): object {
    return {
      ...c,
      html_url: `https://github.test/${this.repo}/pull/${this.pull}#issuecomment-${c.id}`,
      url: url.origin,
    };
  }

  #list(url: URL): Response {
    const page = Number(url.searchParams.get('page') ?? '1');
    const start = (page - 1) * this.pageSize;
    const more = start + this.pageSize < this.comments.length;
    const self = `${url.origin}${url.pathname}`;
    const headers: Record<string, string> = more
      ? { link: `<${self}?per_page=100&page=${page + 1}>; rel="next", <${self}?page=99>; rel="last"` }
      : {};
    const items = this.comments.slice(start, start + this.pageSize).map((c) => this.#view(c, url));
    return HttpResponse.json(items, { headers });
  }

  async #create(request: Request, url: URL): Promise<Response> {
    const { body } = (await request.json()) as { body: string };
    const created = { id: this.#nextId++, body };
    this.comments.push(created);
    return HttpResponse.json(this.#view(created, url), { status: 201 });
  }

  async #update(request: Request, url: URL, id: number): Promise<Response> {
    const found = this.comments.find((c) => c.id === id);
    if (found === undefined) return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
    found.body = ((await request.json()) as { body: string }).body;
    return HttpResponse.json(this.#view(found, url));
  }
}
