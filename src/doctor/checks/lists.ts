/**
 * The list envelope and paging (api-notes §2.1, §2.2): the envelope's keys and types on every
 * listed kind, whether `page`/`page_size` are honoured, what a page size above 100 gets, and what
 * GET by id answers for an unknown id and for a listed one.
 */
import { describeShape } from '../describe-shape.js';
import { fail, notChecked, ok, warn, type ReadCheck, type ReadContext, type Verdict } from '../check.js';
import { LISTED_KINDS, field, type ListedKind } from '../samples.js';

const ENVELOPE_KEYS = ['result', 'page', 'page_size', 'total', 'has_next'] as const;
const PAGING_SETTING =
  'STREAMKAP_PAGE_SIZE (1 to 100, default 100): the page size of every list call; the tool stops on a short page and caps a listing at 1000 pages';

/** An id no object has: 24 hex digits, like the API's ObjectIds. */
export const UNKNOWN_ID = 'ffffffffffffffffffffffff';

interface FirstPage {
  readonly kind: ListedKind;
  readonly body: unknown;
}

function firstPages(ctx: ReadContext): Promise<FirstPage[]> {
  return Promise.all(
    LISTED_KINDS.map(async (kind) => {
      const { path } = ctx.samples.endpoint(kind);
      return { kind, body: await ctx.api.get(path, { page: 1, page_size: 1 }) };
    }),
  );
}

/** `result array, page number(integer), ...` for one envelope. */
function envelopeShape(body: unknown): string {
  return ENVELOPE_KEYS.map((k) => {
    const v = field(body, k);
    return `${k} ${k === 'result' && Array.isArray(v) ? 'array' : describeShape(v)}`;
  }).join(', ');
}

/** The envelope shapes, kinds that share one named together: `sources, destinations: result array, ...`. */
function groupedShapes(pages: readonly FirstPage[]): string[] {
  const byShape = new Map<string, string[]>();
  for (const p of pages) {
    const shape = envelopeShape(p.body);
    byShape.set(shape, [...(byShape.get(shape) ?? []), `${p.kind}s`]);
  }
  return [...byShape].map(([shape, kinds]) => `${kinds.join(', ')}: ${shape}`);
}

function envelopeVerdict(pages: readonly FirstPage[]): Verdict {
  const broken = pages.filter((p) => !Array.isArray(field(p.body, 'result')));
  const shapes = groupedShapes(pages);
  if (broken.length > 0) {
    return fail(
      `${broken.map((p) => `GET /${p.kind}s`).join(', ')} answered without a "result" list; ${shapes.join('; ')}`,
      'The tool cannot list these kinds. Check --api-url; if it is right, report this with doctor --format json.',
    );
  }
  const ignored = pages.filter((p) => (field(p.body, 'result') as unknown[]).length > 1);
  const unreported = ignored.filter((p) => typeof field(p.body, 'page_size') !== 'number');
  if (unreported.length > 0) {
    return fail(
      `page_size=1 was ignored and the page size not reported (${unreported.map((p) => p.kind).join(', ')}); ${shapes.join('; ')}`,
      'The tool would take the first page for a short one and miss objects. Report this with doctor --format json.',
    );
  }
  const seen = `page_size=1 asked: ${shapes.join('; ')}`;
  if (ignored.length > 0) {
    return warn(
      `${seen}; page_size ignored by ${ignored.map((p) => p.kind).join(', ')} (the page size served is reported)`,
      'The tool pages by the page size the server reports, so listings stay complete; report it all the same.',
    );
  }
  return ok(seen);
}

export const listEnvelopeCheck: ReadCheck = {
  def: {
    id: 'list-envelope',
    group: 'reads',
    title: 'List envelope',
    assumed:
      '{result, page, page_size, total, has_next} on every list (total and has_next may be null); page_size is honoured',
    setting: PAGING_SETTING,
  },
  run: async (ctx) => envelopeVerdict(await firstPages(ctx)),
};

/** The first listed kind with two objects or more, with its first two ids (page 1 and page 2 of size 1). */
async function pagedKind(ctx: ReadContext): Promise<{ kind: ListedKind; ids: string[] } | undefined> {
  for (const kind of LISTED_KINDS) {
    const ids = (await ctx.samples.rows(kind))
      .map((r) => field(r, 'id'))
      .filter((id) => typeof id === 'string');
    if (new Set(ids).size >= 2) return { kind, ids: ids as string[] };
  }
  return undefined;
}

export const pagingCheck: ReadCheck = {
  def: {
    id: 'paging',
    group: 'reads',
    title: 'Paging',
    assumed: 'page=2 gives the next objects; a short page ends a listing (total and has_next are only hints)',
    setting: PAGING_SETTING,
  },
  run: async (ctx) => {
    const found = await pagedKind(ctx);
    if (!found) return notChecked('no kind has two objects or more');
    const { path } = ctx.samples.endpoint(found.kind);
    const [one, two] = await Promise.all([
      ctx.api.get(path, { page: 1, page_size: 1 }),
      ctx.api.get(path, { page: 2, page_size: 1 }),
    ]);
    const idOf = (body: unknown): unknown =>
      field((field(body, 'result') as unknown[] | undefined)?.[0], 'id');
    const seen = `GET /${found.kind}s page 1 and page 2 of size 1 (${found.ids.length} ${found.kind}s): has_next ${describeShape(field(one, 'has_next'))} then ${describeShape(field(two, 'has_next'))}`;
    if (idOf(one) === undefined || idOf(two) === undefined || idOf(one) === idOf(two)) {
      return fail(
        `${seen}; page 2 did not give the next object`,
        'The tool would read the same page again and stop at its 1000-page cap. Report this with doctor --format json.',
      );
    }
    return ok(`${seen}; page 2 gave the next object`);
  },
};

export const pageSizeLimitCheck: ReadCheck = {
  def: {
    id: 'page-size-limit',
    group: 'reads',
    title: 'page_size above 100',
    assumed:
      'unknown whether a page_size above 100 is clamped or refused (422); the tool never asks for more',
    setting: PAGING_SETTING,
  },
  run: async (ctx) => {
    const answer = await ctx.api.tryGet(ctx.samples.endpoint('source').path, { page: 1, page_size: 101 });
    if (!answer.ok) {
      if (answer.status === 422) return ok('refused with 422 (a validation error)');
      return warn(
        `answered ${answer.status ?? 'no status'}: ${answer.error.message}`,
        'Unexpected, though harmless: the tool never asks for more than 100. Report it.',
      );
    }
    const served = field(answer.body, 'page_size');
    if (served === 100) return ok('accepted and clamped: page_size 100 served');
    return ok(
      `accepted: page_size ${typeof served === 'number' ? `${served}` : describeShape(served)} served`,
    );
  },
};

const BY_ID_SETTING =
  'no setting: the tool reads a 200 with an empty result, and a 404, as "absent" (GET by id before a transform PUT, stale-plan checks)';

/** What GET by id answered, in words; undefined when it is neither an envelope nor an object. */
function byIdShape(body: unknown): { shape: string; items: unknown[] | undefined } {
  const result = field(body, 'result');
  if (Array.isArray(result)) return { shape: `200, an envelope of ${result.length} item(s)`, items: result };
  if (field(body, 'id') !== undefined) return { shape: '200, a bare object (no envelope)', items: [body] };
  return { shape: `200, ${describeShape(body)}`, items: undefined };
}

async function unknownId(ctx: ReadContext): Promise<Verdict> {
  const answer = await ctx.api.tryGet(`${ctx.samples.endpoint('source').path}/${UNKNOWN_ID}`);
  if (!answer.ok) {
    if (answer.status === 404) return ok('an unknown id: 404');
    return fail(
      `an unknown id: ${answer.status ?? 'no status'} (${answer.error.message})`,
      'The tool would fail where it looks up a deleted object. Report this with doctor --format json.',
    );
  }
  const { shape, items } = byIdShape(answer.body);
  if (items?.length === 0) return ok('an unknown id: 200 with an empty result');
  return fail(
    `an unknown id: ${shape}`,
    'The tool would take the answer for an existing object. Report this with doctor --format json.',
  );
}

async function knownId(ctx: ReadContext, kind: ListedKind): Promise<string | undefined> {
  const id = field((await ctx.samples.rows(kind))[0], 'id');
  if (typeof id !== 'string') return undefined;
  const body = await ctx.api.get(`${ctx.samples.endpoint(kind).path}/${encodeURIComponent(id)}`);
  const { shape, items } = byIdShape(body);
  const same = items?.length === 1 && field(items[0], 'id') === id;
  return `a listed ${kind}: ${shape}${same ? '' : ', not the object asked for'}`;
}

export const getByIdCheck: ReadCheck = {
  def: {
    id: 'get-by-id',
    group: 'reads',
    title: 'GET by id',
    assumed:
      'GET /sources/{id} answers the list envelope with 0 or 1 items; an unknown id gives an empty result (or 404)',
    setting: BY_ID_SETTING,
  },
  run: async (ctx) => {
    const unknown = await unknownId(ctx);
    const known = await knownId(ctx, 'source');
    if (known === undefined) return { ...unknown, seen: `${unknown.seen}; no source to read by id` };
    if (known.endsWith('not the object asked for')) {
      return fail(`${unknown.seen}; ${known}`, 'Report this with doctor --format json.');
    }
    return { ...unknown, seen: `${unknown.seen}; ${known}` };
  },
};
