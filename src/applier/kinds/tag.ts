/**
 * Tags (api-notes §3.4): `POST /tags`, `PUT /tags/{id}` with `{name, description, type}`. Tags are
 * never deleted by the tool: ownership of a tag cannot be proven (other teams may use it).
 */
import { InternalError } from '../../errors/index.js';
import type { RunContext } from '../run-context.js';
import { idOf, isRecord, type KindWriter, type WriteInput } from './common.js';

function tagBody({ desired }: WriteInput<'tag'>): Record<string, unknown> {
  return { name: desired.name, description: desired.description, type: [...desired.types] };
}

/** A tag is only a name: if our lost create landed, the tag with that exact name is it. */
function tagLookup(ctx: RunContext, name: string): () => Promise<unknown> {
  return async () => {
    const res = await ctx.client.request('GET', '/tags', { query: { tag_name: name } });
    const tags = isRecord(res) && Array.isArray(res['tags']) ? res['tags'] : [];
    return tags.find((t) => isRecord(t) && t['name'] === name);
  };
}

export const tagWriter: KindWriter<'tag'> = {
  async create(input) {
    const body = { ...tagBody(input), created_from: 'api' };
    const res = await input.ctx.client.request('POST', '/tags', {
      body,
      lookupAfterFailure: tagLookup(input.ctx, input.action.name),
    });
    const id = idOf(res, 'POST /tags');
    input.ctx.rememberTag(input.action.name, id);
    return id;
  },
  async update(input, live) {
    const res = await input.ctx.client.request('PUT', `/tags/${live.live.id}`, { body: tagBody(input) });
    const id = isRecord(res) && typeof res['id'] === 'string' ? res['id'] : live.live.id;
    input.ctx.rememberTag(input.action.name, id);
    return id;
  },
  delete(action) {
    return Promise.reject(
      new InternalError(`${action.id}: the plan deletes a tag, which streamkap-gitops never does`),
    );
  },
};
