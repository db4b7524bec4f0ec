/** Sources and destinations (api-notes §3.1): identical routes under `/sources` and `/destinations`. */
import {
  connectorCodes,
  getConnector,
  parseBool,
  parseInteger,
  shortApiKey,
  type FieldSpec,
} from '../../catalogue/index.js';
import { detail, ok, rawOk, validationError, type PydanticItem, type Reply } from '../http.js';
import type { Call, Router } from '../router.js';
import type { Json, JsonRecord, StoredConnector } from '../types.js';
import { checkBody, type FieldRule } from '../validate-body.js';
import {
  CREATED_FROM_RULE,
  TAGS_RULE,
  byIdEnvelope,
  envelope,
  filterByName,
  initialSettle,
  isoNow,
  paging,
  secretsReturned,
  tagsFromBody,
} from './common.js';
import { renderConnectorJson } from './connector-view.js';
import { refuseOrCascade } from './references.js';

type ConnectorKind = 'source' | 'destination';

/** A create or update body once `validate` has checked its shape (api-notes §3.1). */
interface ConnectorBody {
  name: string;
  connector: string;
  config: JsonRecord;
  kc_cluster_id?: string | null;
  tags?: unknown;
}

const LABEL: Record<ConnectorKind, string> = { source: 'Source', destination: 'Destination' };

function bodyRules(kind: ConnectorKind, create: boolean): Record<string, FieldRule> {
  const rules: Record<string, FieldRule> = {
    name: { type: 'string', required: true },
    connector: { type: 'string', required: true, enum: connectorCodes(kind) },
    config: { type: 'object', required: true },
    kc_cluster_id: { type: 'string', nullable: true },
    tags: TAGS_RULE,
  };
  if (create) rules['created_from'] = CREATED_FROM_RULE;
  return rules;
}

/**
 * The value a body gives a field, and the key it is under: its API key, or (quickstartKeys mode) the
 * short key the quickstart writes instead of the `.user.defined` one.
 */
function bodyValue(config: JsonRecord, field: FieldSpec, quickstart: boolean): [string, Json | undefined] {
  const v = config[field.apiKey];
  const short = shortApiKey(field.apiKey);
  if ((v !== undefined && v !== null) || !quickstart || short === field.apiKey) return [field.apiKey, v];
  return [short, config[short]];
}

/** int/bool config values must be JSON-typed or a text form of them; required keys when asked. */
function configProblems(
  call: Call,
  kind: ConnectorKind,
  code: string,
  config: JsonRecord,
  create: boolean,
): PydanticItem[] {
  const spec = getConnector(kind, code);
  if (!spec) return [];
  const settings = call.env.settings();
  const items: PydanticItem[] = [];
  for (const field of spec.fields) {
    const [key, v] = bodyValue(config, field, settings.quickstartKeys);
    const loc = ['body', 'config', key];
    if (v === undefined || v === null) {
      if (create && field.required && settings.requireConfigKeys) {
        items.push({ type: 'missing', loc, msg: 'Field required', input: null });
      }
      continue;
    }
    if (field.type === 'int' && parseInteger(v) === undefined) {
      items.push({
        type: 'int_parsing',
        loc,
        msg: 'Input should be a valid integer',
        input: field.secret ? null : v,
      });
    }
    if (field.type === 'bool' && parseBool(v) === undefined) {
      items.push({
        type: 'bool_parsing',
        loc,
        msg: 'Input should be a valid boolean',
        input: field.secret ? null : v,
      });
    }
  }
  return items;
}

function duplicate(call: Call, kind: ConnectorKind, name: string, selfId?: string): Reply | undefined {
  const taken =
    !call.env.settings().allowDuplicateNames &&
    call.env.store
      .connectors(kind)
      .named(name)
      .some((c) => c.id !== selfId);
  const hidden = call.env.settings().hiddenNames[kind].includes(name);
  if (!taken && !hidden) return undefined;
  return detail(422, `${LABEL[kind]} with name '${name}' already exists.`);
}

function validate(call: Call, kind: ConnectorKind, create: boolean): Reply | undefined {
  const items = checkBody(call.body, bodyRules(kind, create));
  if (items.length === 0) {
    const b = call.body as { connector: string; config: JsonRecord };
    items.push(...configProblems(call, kind, b.connector, b.config, create));
  }
  return items.length > 0 ? validationError(items) : undefined;
}

function create(kind: ConnectorKind) {
  return (call: Call): Reply => {
    const invalid = validate(call, kind, true);
    if (invalid) return invalid;
    const b = call.body as ConnectorBody & { created_from?: string };
    const dup = duplicate(call, kind, b.name);
    if (dup) return dup;
    const tags = tagsFromBody(call, b.tags, null);
    if ('kind' in tags) return tags;
    const now = isoNow(call.env);
    const record: StoredConnector = {
      kind,
      id: call.env.newId(),
      name: b.name,
      connector: b.connector,
      config: structuredClone(b.config),
      kc_cluster_id: b.kc_cluster_id ? b.kc_cluster_id : null,
      tags: tags.tags,
      created_from: b.created_from ?? 'api',
      created_timestamp: now,
      updated_timestamp: now,
      settle: initialSettle(call, 'Pending'),
    };
    call.env.store.connectors(kind).add(record);
    return rawOk(
      renderConnectorJson(call.env, record, {
        secretReturned: secretsReturned(call),
        countRead: false,
      }),
    );
  };
}

function update(kind: ConnectorKind) {
  return (call: Call): Reply => {
    const collection = call.env.store.connectors(kind);
    const record = collection.get(call.params['id'] as string);
    if (!record) return detail(404, `${LABEL[kind]} not found`);
    const invalid = validate(call, kind, false);
    if (invalid) return invalid;
    const b = call.body as ConnectorBody;
    if (b.connector !== record.connector) {
      return detail(
        400,
        `The connector of a ${kind} cannot be changed (${record.connector} → ${b.connector}); create a new ${kind} instead.`,
      );
    }
    const dup = duplicate(call, kind, b.name, record.id);
    if (dup) return dup;
    const tags = tagsFromBody(call, b.tags, record.tags);
    if ('kind' in tags) return tags;
    const previousName = record.name;
    record.name = b.name;
    collection.rename(record, previousName);
    record.config =
      call.env.settings().putConfig === 'merge'
        ? mergeConfig(record.config, b.config)
        : structuredClone(b.config);
    if (b.kc_cluster_id !== undefined) record.kc_cluster_id = b.kc_cluster_id ? b.kc_cluster_id : null;
    record.tags = tags.tags;
    record.updated_timestamp = isoNow(call.env);
    record.settle = initialSettle(call, 'Pending Update');
    return rawOk(
      renderConnectorJson(call.env, record, {
        secretReturned: secretsReturned(call),
        countRead: false,
      }),
    );
  };
}

/** NOTE: merge mode treats an explicit null as "remove the key" (one plausible reading, ASSUMED). */
function mergeConfig(stored: JsonRecord, patch: JsonRecord): JsonRecord {
  const out: JsonRecord = structuredClone(stored);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = structuredClone(v) as Json;
  }
  return out;
}

function remove(kind: ConnectorKind) {
  return (call: Call): Reply => {
    const record = call.env.store.connectors(kind).get(call.params['id'] as string);
    if (!record) return detail(404, `${LABEL[kind]} not found`);
    const refused = refuseOrCascade(call.env, kind, record.id, `${LABEL[kind]} '${record.name}'`);
    if (refused) return refused;
    call.env.store.connectors(kind).delete(record.id);
    if (kind === 'source') call.env.store.snapshots.delete(record.id);
    return ok({ id: record.id, name: record.name, deleted: true });
  };
}

function list(kind: ConnectorKind) {
  return (call: Call): Reply => {
    const p = paging(call);
    if ('kind' in p) return p;
    const items = filterByName(call, call.env.store.connectors(kind).all());
    const secretReturned = secretsReturned(call);
    return envelope(items, p, (c) => renderConnectorJson(call.env, c, { secretReturned, countRead: true }));
  };
}

function getById(kind: ConnectorKind) {
  return (call: Call): Reply => {
    const record = call.env.store.connectors(kind).get(call.params['id'] as string);
    const secretReturned = secretsReturned(call);
    return byIdEnvelope(call, record, LABEL[kind], (c) =>
      renderConnectorJson(call.env, c, { secretReturned, countRead: true }),
    );
  };
}

/** The routes of sources or destinations (`/sources`, `/destinations`). */
export function registerConnectorRoutes(router: Router, kind: ConnectorKind): void {
  const base = `/${kind}s`;
  router
    .add('GET', base, list(kind))
    .add('POST', base, create(kind))
    .add('GET', `${base}/{id}`, getById(kind))
    .add('PUT', `${base}/{id}`, update(kind))
    .add('DELETE', `${base}/{id}`, remove(kind));
}
