/**
 * Transforms CRUD (api-notes §3.3) with the irregular paths: `PUT /transforms` (id in the body),
 * `DELETE /transforms?id=`, name taken from `config["transforms.name"]`.
 */
import { connectorCodes } from '../../catalogue/index.js';
import { detail, ok, validationError, type Reply } from '../http.js';
import type { Call, Router } from '../router.js';
import type { Json, JsonRecord, StoredTransform } from '../types.js';
import { checkBody, type FieldRule } from '../validate-body.js';
import {
  CREATED_FROM_RULE,
  TAGS_RULE,
  activeSettle,
  envelope,
  filterByName,
  isoNow,
  paging,
  secretsReturned,
  tagsFromBody,
} from './common.js';
import { refuseOrCascade } from './references.js';
import { TRANSFORM_NAME_KEY, renderTransform, transformName, unwind } from './transform-view.js';

function rules(create: boolean): Record<string, FieldRule> {
  const r: Record<string, FieldRule> = {
    transform: { type: 'string', required: true, enum: connectorCodes('transform') },
    config: { type: 'object', required: true },
    tags: TAGS_RULE,
  };
  if (create) r['created_from'] = CREATED_FROM_RULE;
  else r['id'] = { type: 'string', required: true };
  return r;
}

interface TransformBody {
  id?: string;
  transform: string;
  config: JsonRecord;
  implementation?: Json;
  tags?: unknown;
  created_from?: string;
}

function validate(call: Call, create: boolean): Reply | undefined {
  const items = checkBody(call.body, rules(create));
  if (items.length === 0) {
    items.push(
      ...checkBody(
        (call.body as TransformBody).config,
        { [TRANSFORM_NAME_KEY]: { type: 'string', required: true } },
        ['body', 'config'],
      ),
    );
  }
  return items.length > 0 ? validationError(items) : undefined;
}

function duplicate(call: Call, name: string, selfId?: string): Reply | undefined {
  if (call.env.settings().allowDuplicateNames) return undefined;
  if (!call.env.store.transforms.named(name).some((t) => t.id !== selfId)) return undefined;
  return detail(422, `Transform with name '${name}' already exists.`);
}

function create(call: Call): Reply {
  const invalid = validate(call, true);
  if (invalid) return invalid;
  const b = call.body as TransformBody;
  const name = transformName(b.config) as string;
  const dup = duplicate(call, name);
  if (dup) return dup;
  const tags = tagsFromBody(call, b.tags, null);
  if ('kind' in tags) return tags;
  const now = isoNow(call.env);
  const implementation = b.implementation ?? null;
  const record: StoredTransform = {
    kind: 'transform',
    id: call.env.newId(),
    name,
    transform_type: b.transform,
    config: structuredClone(b.config),
    implementation: structuredClone(implementation),
    versions:
      implementation === null
        ? []
        : [
            {
              version_id: '1',
              description: null,
              implementation: structuredClone(implementation),
              config: null,
              created_at: now,
            },
          ],
    job: null,
    topics: [],
    topic_ids: [],
    tags: tags.tags,
    created_from: b.created_from ?? 'api',
    created_timestamp: now,
    updated_timestamp: now,
    settle: activeSettle(),
  };
  call.env.store.transforms.add(record);
  return ok(renderTransform(call.env, record, secretsReturned(call)));
}

function update(call: Call): Reply {
  const invalid = validate(call, false);
  if (invalid) return invalid;
  const b = call.body as TransformBody;
  const record = call.env.store.transforms.get(b.id as string);
  if (!record) return detail(404, 'Transform not found');
  if (b.transform !== record.transform_type) {
    return detail(
      400,
      `The type of a transform cannot be changed (${record.transform_type} → ${b.transform}).`,
    );
  }
  const name = transformName(b.config) as string;
  const dup = duplicate(call, name, record.id);
  if (dup) return dup;
  const tags = tagsFromBody(call, b.tags, record.tags);
  if ('kind' in tags) return tags;
  const previousName = record.name;
  record.name = name;
  call.env.store.transforms.rename(record, previousName);
  record.config = structuredClone(b.config);
  // NOTE: the real API erases the implementation when a PUT omits it (api-notes §3.3, CONFIRMED).
  record.implementation = structuredClone(b.implementation ?? null);
  record.tags = tags.tags;
  record.updated_timestamp = isoNow(call.env);
  return ok(renderTransform(call.env, record, secretsReturned(call)));
}

function remove(call: Call): Reply {
  const id = call.query.get('id');
  if (!id) {
    return validationError([{ type: 'missing', loc: ['query', 'id'], msg: 'Field required', input: null }]);
  }
  const record = call.env.store.transforms.get(id);
  if (!record) return detail(404, 'Transform not found');
  const refused = refuseOrCascade(call.env, 'transform', id, `Transform '${record.name}'`);
  if (refused) return refused;
  call.env.store.transforms.delete(id);
  return ok({ id, name: record.name, deleted: true });
}

function list(call: Call): Reply {
  const p = paging(call);
  if ('kind' in p) return p;
  const secretReturned = secretsReturned(call);
  const items = filterByName(call, call.env.store.transforms.all());
  const withCode = call.env.settings().listImplementation;
  return envelope(items, p, (t) => {
    const row = renderTransform(call.env, t, secretReturned);
    // NOTE: a list row may not carry `implementation` (api-notes §3.3): only GET by id is sure to.
    if (!withCode) delete row['implementation'];
    return JSON.stringify(row);
  });
}

function getById(call: Call): Reply {
  const record = call.env.store.transforms.get(call.params['id'] as string);
  if (!record && call.env.settings().missingById === '404') return detail(404, 'Transform not found');
  const rows = record ? [renderTransform(call.env, record, secretsReturned(call))] : [];
  const unwound = call.query.get('unwind_topics')?.toLowerCase() === 'false' ? rows : rows.flatMap(unwind);
  return ok({ result: unwound, page: 1, page_size: 10, total: unwound.length, has_next: false });
}

export function registerTransformRoutes(router: Router): void {
  router
    .add('GET', '/transforms', list)
    .add('POST', '/transforms', create)
    .add('PUT', '/transforms', update)
    .add('DELETE', '/transforms', remove)
    .add('GET', '/transforms/{id}', getById);
}
