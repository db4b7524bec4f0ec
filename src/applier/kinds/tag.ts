/**
 * Tags (api-notes §3.4): `POST /tags`, `PUT /tags/{id}` with `{name, description, type}`. A
 * manifest tag's description is written with the namespace's owner marker (model/tag-owner.ts) on
 * every create and update; the tool's own tags (`gitops:*`) are written as they are. Tags are never
 * deleted by the tool: other teams' objects may carry one (docs/manifest.md, "Tags").
 */
import { InternalError } from '../../errors/index.js';
import { isToolTagName, markedTagDescription, splitTagDescription } from '../../model/index.js';
import type { RunContext } from '../run-context.js';
import { tagsNamed } from '../tags-named.js';
import { idOf, isRecord, type KindWriter, type WriteInput } from './common.js';

function tagBody({ desired, ctx }: WriteInput<'tag'>): Record<string, unknown> {
  const description = isToolTagName(desired.name)
    ? desired.description
    : markedTagDescription(desired.description, ctx.namespace);
  return { name: desired.name, description, type: [...desired.types] };
}

/**
 * If our lost create landed, the tag with that exact name is it, when it carries our marker (the
 * tool's own tags carry none): a namesake someone else made meanwhile is not ours, and the retry
 * then fails with the duplicate error.
 */
function tagLookup(ctx: RunContext, name: string): () => Promise<unknown> {
  const ours = (description: unknown): boolean =>
    isToolTagName(name) ||
    (typeof description === 'string' && splitTagDescription(description).owner === ctx.namespace);
  return async () => (await tagsNamed(ctx.client, name)).find((t) => ours(t['description']));
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
