/** Tags (api-notes §3.4): their own `{"tags": [...]}` envelope, id filters, shuffled `type`, usage-guarded deletes. */
import { detail, isRecord, ok, validationError, type Reply } from '../http.js';
import type { Call, Router, ServerEnv } from '../router.js';
import type { StoredTag } from '../types.js';
import { checkBody, type FieldRule } from '../validate-body.js';
import { CREATED_FROM_RULE, isoNow, paging } from './common.js';

export const TAG_TYPES = [
  'environment',
  'general',
  'sources',
  'destinations',
  'pipelines',
  'transforms',
  'topics',
  'services',
  'users',
  'tenant',
] as const;
const RESERVED_TYPES = new Set(['environment', 'general']);
export const DUPLICATE_TAG = 'A tag with identical properties already exists.';

/** System tags every account has (the Development id is CONFIRMED upstream; the others are made up). */
export const SYSTEM_TAGS: readonly Omit<StoredTag, 'created_timestamp'>[] = [
  {
    kind: 'tag',
    id: '670e5ca40afe1d3983ce0c21',
    name: 'Production',
    description: null,
    type: ['environment'],
    system: true,
    custom: false,
  },
  {
    kind: 'tag',
    id: '670e5ca40afe1d3983ce0c22',
    name: 'Development',
    description: null,
    type: ['environment'],
    system: true,
    custom: false,
  },
  {
    kind: 'tag',
    id: '670e5ca40afe1d3983ce0c23',
    name: 'Staging',
    description: null,
    type: ['environment'],
    system: true,
    custom: false,
  },
];

export function seedSystemTags(env: ServerEnv): void {
  const now = isoNow(env);
  for (const t of SYSTEM_TAGS) {
    if (!env.store.tags.get(t.id)) env.store.tags.add({ ...t, type: [...t.type], created_timestamp: now });
  }
}

const TAG_RULES: Record<string, FieldRule> = {
  name: { type: 'string', required: true },
  description: { type: 'string', nullable: true },
  type: { type: 'array', required: true, items: 'string' },
};

export function renderTag(env: ServerEnv, t: StoredTag): Record<string, unknown> {
  // NOTE: the real API returns `type` in no particular order; a seeded shuffle keeps runs replayable.
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    type: env.rng.shuffle(t.type),
    system: t.system,
    custom: t.custom,
  };
}

interface TagFilter {
  ids: string[];
  name: string | null;
  type: string | null;
}

function filtered(env: ServerEnv, f: TagFilter): Reply {
  return ok({ tags: matching(env, f).map((t) => renderTag(env, t)) });
}

function matching(env: ServerEnv, f: TagFilter): readonly StoredTag[] {
  let items: readonly StoredTag[];
  if (f.ids.length > 0)
    items = f.ids.map((id) => env.store.tags.get(id)).filter((t): t is StoredTag => t !== undefined);
  else items = env.store.tags.all();
  const name = f.name?.toLowerCase();
  if (name) items = items.filter((t) => t.name.toLowerCase().includes(name));
  if (f.type) items = items.filter((t) => t.type.includes(f.type as string));
  return items;
}

/**
 * `GET /tags` when `tagsPageSize` is set: one page of the matches in the tags envelope, with the
 * list envelope's paging keys beside it (ASSUMED shape of a paged tag list).
 */
function pagedTags(call: Call, f: TagFilter, pageSize: number): Reply {
  const p = paging(call, pageSize);
  if ('kind' in p) return p;
  const items = matching(call.env, f);
  const start = (p.page - 1) * p.pageSize;
  const slice = items.slice(start, start + p.pageSize);
  return ok({
    tags: slice.map((t) => renderTag(call.env, t)),
    page: p.page,
    page_size: p.pageSize,
    total: items.length,
    has_next: start + slice.length < items.length,
  });
}

function splitIds(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function list(call: Call): Reply {
  const filter = {
    ids: splitIds(call.query.getAll('tag_ids')),
    name: call.query.get('tag_name'),
    type: call.query.get('tag_type'),
  };
  const pageSize = call.env.settings().tagsPageSize;
  return pageSize === null ? filtered(call.env, filter) : pagedTags(call, filter, pageSize);
}

function search(call: Call): Reply {
  const items = checkBody(call.body ?? {}, {
    tag_ids: { type: 'array', items: 'string', nullable: true },
    tag_name: { type: 'string', nullable: true },
    tag_type: { type: 'string', nullable: true },
  });
  if (items.length > 0) return validationError(items);
  const b = (isRecord(call.body) ? call.body : {}) as {
    tag_ids?: string[] | null;
    tag_name?: string | null;
    tag_type?: string | null;
  };
  return filtered(call.env, {
    ids: splitIds(b.tag_ids ?? []),
    name: b.tag_name ?? null,
    type: b.tag_type ?? null,
  });
}

function checkTagBody(call: Call, create: boolean, selfId?: string): Reply | undefined {
  const rules = create ? { ...TAG_RULES, created_from: CREATED_FROM_RULE } : TAG_RULES;
  const items = checkBody(call.body, {
    ...rules,
    type: { ...TAG_RULES['type'], enum: TAG_TYPES } as FieldRule,
  });
  if (items.length > 0) return validationError(items);
  const b = call.body as { name: string; type: string[] };
  const reserved = b.type.filter((t) => RESERVED_TYPES.has(t));
  if (reserved.length > 0) {
    return detail(400, `Custom tags cannot use the reserved type(s): ${reserved.join(', ')}.`);
  }
  if (call.env.store.tags.named(b.name).some((t) => t.id !== selfId)) return detail(400, DUPLICATE_TAG);
  return undefined;
}

function create(call: Call): Reply {
  const problem = checkTagBody(call, true);
  if (problem) return problem;
  const b = call.body as { name: string; description?: string | null; type: string[] };
  const tag: StoredTag = {
    kind: 'tag',
    id: call.env.newId(),
    name: b.name,
    description: b.description ?? null,
    type: [...new Set(b.type)],
    system: false,
    custom: true,
    created_timestamp: isoNow(call.env),
  };
  call.env.store.tags.add(tag);
  return ok(renderTag(call.env, tag));
}

function update(call: Call): Reply {
  const tag = call.env.store.tags.get(call.params['id'] as string);
  if (!tag) return detail(404, 'Tag not found');
  if (tag.system) return detail(400, 'System tags cannot be modified.');
  const problem = checkTagBody(call, false, tag.id);
  if (problem) return problem;
  const b = call.body as { name: string; description?: string | null; type: string[] };
  const previousName = tag.name;
  tag.name = b.name;
  call.env.store.tags.rename(tag, previousName);
  if (b.description !== undefined) tag.description = b.description;
  tag.type = [...new Set(b.type)];
  return ok(renderTag(call.env, tag));
}

function remove(call: Call): Reply {
  const tag = call.env.store.tags.get(call.params['id'] as string);
  if (!tag) return detail(404, 'Tag not found');
  if (tag.system) return detail(400, 'System tags cannot be deleted.');
  const used = call.env.store.tagUsage(tag.id);
  if (used > 0) return detail(400, `Tag is used by ${used} entities`);
  call.env.store.tags.delete(tag.id);
  return ok({ id: tag.id, deleted: true });
}

export function registerTagRoutes(router: Router): void {
  router
    .add('GET', '/tags', list)
    .add('POST', '/tags/search', search, false)
    .add('POST', '/tags', create)
    .add('PUT', '/tags/{id}', update)
    .add('DELETE', '/tags/{id}', remove);
}
