/** Pipelines (api-notes §3.2, §6): flat transform entries, embedded source and destination, 409 on duplicates. */
import { detail, ok, rawOk, validationError, type PydanticItem, type Reply } from '../http.js';
import type { Call, Router, ServerEnv } from '../router.js';
import { prettyTopic, sourceTopicId } from '../topics.js';
import type { Json, JsonRecord, PipelineTransformEntry, StoredPipeline } from '../types.js';
import { checkBody, type FieldRule } from '../validate-body.js';
import {
  CREATED_FROM_RULE,
  TAGS_RULE,
  byIdEnvelope,
  currentStatus,
  envelope,
  filterByName,
  initialSettle,
  isoNow,
  observeStatus,
  paging,
  secretsReturned,
  tagsFromBody,
} from './common.js';
import { renderConnectorJson } from './connector-view.js';

const PIPELINE_RULES: Record<string, FieldRule> = {
  name: { type: 'string', required: true },
  source: { type: 'object', required: true },
  destination: { type: 'object', required: true },
  transforms: { type: 'array', items: 'object', nullable: true },
  topic_auto_discovery_transforms: { type: 'array', items: 'object', nullable: true },
  snapshot_new_tables: { type: 'boolean', nullable: true },
  tags: TAGS_RULE,
};
const SOURCE_RULES: Record<string, FieldRule> = {
  id: { type: 'string', required: true },
  name: { type: 'string', nullable: true },
  connector: { type: 'string', nullable: true },
  topics: { type: 'array', items: 'string', nullable: true },
};
const DESTINATION_RULES: Record<string, FieldRule> = {
  id: { type: 'string', required: true },
  name: { type: 'string', nullable: true },
  connector: { type: 'string', nullable: true },
};
const TRANSFORM_ENTRY_RULES: Record<string, FieldRule> = {
  id: { type: 'string', required: true },
  name: { type: 'string', nullable: true },
  topic: { type: 'string', nullable: true },
  topic_id: { type: 'string', required: true },
};

interface PipelineBody {
  name: string;
  source: { id: string; topics?: string[] | null };
  destination: { id: string };
  transforms?: JsonRecord[] | null;
  topic_auto_discovery_transforms?: Json[] | null;
  snapshot_new_tables?: boolean | null;
  tags?: unknown;
  created_from?: string;
}

function validate(call: Call, create: boolean): Reply | undefined {
  const rules = create ? { ...PIPELINE_RULES, created_from: CREATED_FROM_RULE } : PIPELINE_RULES;
  const items: PydanticItem[] = checkBody(call.body, rules);
  if (items.length === 0) {
    const b = call.body as PipelineBody;
    items.push(...checkBody(b.source, SOURCE_RULES, ['body', 'source']));
    items.push(...checkBody(b.destination, DESTINATION_RULES, ['body', 'destination']));
    (b.transforms ?? []).forEach((t, i) =>
      items.push(...checkBody(t, TRANSFORM_ENTRY_RULES, ['body', 'transforms', i])),
    );
  }
  return items.length > 0 ? validationError(items) : undefined;
}

/** Referenced entities must exist: 400 with the missing id. */
function missingReference(env: ServerEnv, b: PipelineBody): Reply | undefined {
  if (!env.store.sources.get(b.source.id)) return detail(400, `Source ${b.source.id} not found`);
  if (!env.store.destinations.get(b.destination.id))
    return detail(400, `Destination ${b.destination.id} not found`);
  for (const t of b.transforms ?? []) {
    if (!env.store.transforms.get(t['id'] as string))
      return detail(400, `Transform ${String(t['id'])} not found`);
  }
  return undefined;
}

/** NOTE: the server derives `topic` from `topic_id` (minus its first segment), ignoring the sent `topic`. */
function transformEntries(env: ServerEnv, raw: readonly JsonRecord[]): PipelineTransformEntry[] {
  return raw.map((t) => {
    const id = t['id'] as string;
    const topicId = t['topic_id'] as string;
    return {
      id,
      name: env.store.transforms.get(id)?.name ?? (typeof t['name'] === 'string' ? t['name'] : null),
      start_time: t['start_time'] ?? null,
      topic: prettyTopic(topicId),
      topic_id: topicId,
    };
  });
}

function duplicate(env: ServerEnv, name: string, selfId?: string): Reply | undefined {
  if (env.settings().allowDuplicateNames) return undefined;
  if (!env.store.pipelines.named(name).some((p) => p.id !== selfId)) return undefined;
  return detail(409, `Pipeline with name '${name}' already exists.`);
}

function apply(call: Call, b: PipelineBody, record: StoredPipeline): void {
  record.source = { id: b.source.id, topics: [...(b.source.topics ?? [])] };
  record.destination = { id: b.destination.id };
  record.transforms = transformEntries(call.env, b.transforms ?? []);
  record.topic_auto_discovery_transforms = structuredClone(b.topic_auto_discovery_transforms ?? []);
  if (typeof b.snapshot_new_tables === 'boolean') record.snapshot_new_tables = b.snapshot_new_tables;
}

function create(call: Call): Reply {
  const invalid = validate(call, true);
  if (invalid) return invalid;
  const b = call.body as PipelineBody;
  const problem = duplicate(call.env, b.name) ?? missingReference(call.env, b);
  if (problem) return problem;
  const tags = tagsFromBody(call, b.tags, null);
  if ('kind' in tags) return tags;
  const now = isoNow(call.env);
  const record: StoredPipeline = {
    kind: 'pipeline',
    id: call.env.newId(),
    name: b.name,
    tags: tags.tags,
    created_from: b.created_from ?? 'api',
    created_timestamp: now,
    updated_timestamp: now,
    settle: initialSettle(call, 'Pending'),
    source: { id: '', topics: [] },
    destination: { id: '' },
    transforms: [],
    topic_auto_discovery_transforms: [],
    // NOTE: the backend default is unknown (api-notes §6.1); true follows the Terraform provider.
    snapshot_new_tables: true,
  };
  apply(call, b, record);
  call.env.store.pipelines.add(record);
  call.env.store.linkPipeline(record);
  return rawOk(renderPipelineJson(call.env, record, secretsReturned(call), false));
}

function update(call: Call): Reply {
  const record = call.env.store.pipelines.get(call.params['id'] as string);
  if (!record) return detail(404, 'Pipeline not found');
  const invalid = validate(call, false);
  if (invalid) return invalid;
  const b = call.body as PipelineBody;
  const problem = duplicate(call.env, b.name, record.id) ?? missingReference(call.env, b);
  if (problem) return problem;
  const tags = tagsFromBody(call, b.tags, record.tags);
  if ('kind' in tags) return tags;
  call.env.store.unlinkPipeline(record);
  const previousName = record.name;
  record.name = b.name;
  call.env.store.pipelines.rename(record, previousName);
  apply(call, b, record);
  record.tags = tags.tags;
  record.updated_timestamp = isoNow(call.env);
  record.settle = initialSettle(call, 'Pending Update');
  call.env.store.linkPipeline(record);
  return rawOk(renderPipelineJson(call.env, record, secretsReturned(call), false));
}

function remove(call: Call): Reply {
  const record = call.env.store.pipelines.get(call.params['id'] as string);
  if (!record) return detail(404, 'Pipeline not found');
  call.env.store.unlinkPipeline(record);
  call.env.store.pipelines.delete(record.id);
  return ok({ id: record.id, name: record.name, deleted: true });
}

export function pipelineStatus(env: ServerEnv, p: StoredPipeline, countRead: boolean): string {
  return countRead ? observeStatus(p.settle, env) : currentStatus(p.settle);
}

/** A pipeline as JSON text, its source and destination embedded in full (from the render cache). */
export function renderPipelineJson(
  env: ServerEnv,
  p: StoredPipeline,
  secretReturned: boolean,
  countRead: boolean,
): string {
  const status = pipelineStatus(env, p, countRead);
  const source = env.store.sources.get(p.source.id);
  const destination = env.store.destinations.get(p.destination.id);
  const embedded = { secretReturned, countRead: false };
  const head = JSON.stringify({
    id: p.id,
    name: p.name,
    created_timestamp: p.created_timestamp,
    updated_timestamp: p.updated_timestamp,
    sub_id: env.account.sub_id,
    tenant_id: env.account.tenant_id,
    created_from: p.created_from,
    snapshot_new_tables: p.snapshot_new_tables,
    transforms: p.transforms,
    topic_auto_discovery_transforms: p.topic_auto_discovery_transforms,
    topic_ids: p.source.topics.map((t) => sourceTopicId(p.source.id, t)),
    topics: p.source.topics,
    periodic_audit: { topics: [], timestamp_column: null, interval_minutes: 1440, fix_deletes_only: false },
    status,
    desired_state: status,
    tags: p.tags,
  });
  // NOTE: with `referencedDelete: orphan` the referenced objects may be gone: only their ids remain.
  const sourceJson = source
    ? renderConnectorJson(env, source, embedded, p.source.topics)
    : JSON.stringify({ id: p.source.id, topics: p.source.topics });
  const destinationJson = destination
    ? renderConnectorJson(env, destination, embedded)
    : JSON.stringify({ id: p.destination.id });
  return `${head.slice(0, -1)},"source":${sourceJson},"destination":${destinationJson}}`;
}

function list(call: Call): Reply {
  const p = paging(call);
  if ('kind' in p) return p;
  const secretReturned = secretsReturned(call);
  const items = filterByName(call, call.env.store.pipelines.all());
  return envelope(items, p, (x) => renderPipelineJson(call.env, x, secretReturned, true));
}

function getById(call: Call): Reply {
  const secretReturned = secretsReturned(call);
  const record = call.env.store.pipelines.get(call.params['id'] as string);
  return byIdEnvelope(call, record, 'Pipeline', (x) => renderPipelineJson(call.env, x, secretReturned, true));
}

export function registerPipelineRoutes(router: Router): void {
  router
    .add('GET', '/pipelines', list)
    .add('POST', '/pipelines', create)
    .add('GET', '/pipelines/{id}', getById)
    .add('PUT', '/pipelines/{id}', update)
    .add('DELETE', '/pipelines/{id}', remove);
}
