/**
 * `GET /tags` (api-notes §3.4): its own `{"tags": [...]}` envelope, every tag at once. That it is
 * unpaged is ASSUMED; the state loader reads it once, so paging would hide tags (an ownership tag
 * among them). Paging shows in the body's keys, or in a smaller answer to `page_size=1`.
 */
import { fail, ok, type ReadCheck } from '../check.js';
import { describeShape } from '../describe-shape.js';
import { field } from '../samples.js';

const PAGING_KEYS = ['page', 'page_size', 'total', 'has_next', 'next', 'cursor'];
const REPORT = 'Report this with doctor --format json.';

function tagsOf(body: unknown): unknown[] | undefined {
  const tags = field(body, 'tags');
  return Array.isArray(tags) ? tags : undefined;
}

export const tagsListCheck: ReadCheck = {
  def: {
    id: 'tags-list',
    group: 'reads',
    title: 'GET /tags',
    assumed: '{"tags": [...]} with every tag at once (unpaged)',
    setting: 'no setting: the tool reads GET /tags once and assumes it is unpaged',
  },
  run: async ({ api }) => {
    const body = await api.get('/tags');
    const tags = tagsOf(body);
    if (!tags) {
      return fail(
        `answered ${describeShape(body)} without a "tags" list`,
        `The tool cannot read tags, so no plan can run. Check --api-url; if it is right: ${REPORT}`,
      );
    }
    const system = tags.filter((t) => field(t, 'system') === true).length;
    const count = `${tags.length} tags (${system} system)`;
    const keys = PAGING_KEYS.filter((k) => field(body, k) !== undefined);
    const small = tagsOf(await api.get('/tags', { page_size: 1 }));
    const honoured = tags.length > 1 && small !== undefined && small.length < tags.length;
    if (keys.length === 0 && !honoured) return ok(`unpaged: ${count}`);
    const paging = keys.map((k) => `${k} ${describeShape(field(body, k))}`).join(', ');
    const parts = [
      `paged: ${count} in the first answer`,
      ...(paging ? [`with ${paging}`] : []),
      ...(honoured ? [`page_size=1 gave ${small.length}`] : []),
    ];
    return fail(
      parts.join('; '),
      `The tool reads only the first page of tags: tags past it (an ownership tag among them) would look absent. ${REPORT}`,
    );
  },
};
