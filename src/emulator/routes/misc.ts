/** Connector catalogue endpoints (served from the bundled catalogue) and consumer-group resets. */
import {
  getConnector,
  isReadOnly,
  listConnectors,
  type ConnectorSpec,
  type FieldSpec,
} from '../../catalogue/index.js';
import { detail, ok, validationError, type Reply } from '../http.js';
import type { Call, Router } from '../router.js';
import type { Json, JsonRecord } from '../types.js';
import { checkBody } from '../validate-body.js';
import { displayName } from './connector-view.js';

function controlType(f: FieldSpec): string {
  if (f.secret) return 'password';
  if (f.enum) return 'one-select';
  if (f.range) return 'slider';
  if (f.type === 'bool') return 'toggle';
  if (f.type === 'int') return 'number';
  if (f.type.startsWith('map') || f.type === 'list<string>' || f.type === 'json-string') return 'json';
  return 'string';
}

function describeField(f: FieldSpec): JsonRecord {
  const out: JsonRecord = {
    name: f.apiKey,
    display_name: f.name,
    required: f.required,
    user_defined: !isReadOnly(f),
    encrypt: f.secret,
    value: { control: controlType(f), default: f.default ?? null } as Json,
  };
  if (f.enum) (out['value'] as JsonRecord)['raw_values'] = [...f.enum];
  if (f.range) (out['value'] as JsonRecord)['range'] = [...f.range];
  if (f.setOnce) out['set_once'] = true;
  return out;
}

function describeConnector(spec: ConnectorSpec): JsonRecord {
  return {
    connector: spec.code,
    display_name: displayName(spec.code),
    kind: spec.kind,
    config: spec.fields.map(describeField),
  };
}

function catalogue(kind: 'source' | 'destination') {
  return (call: Call): Reply => {
    const code = call.query.get('connector_code');
    const specs =
      code === null
        ? listConnectors(kind)
        : [getConnector(kind, code)].filter((s): s is ConnectorSpec => s !== undefined);
    if (code !== null && specs.length === 0) return detail(404, `Unknown ${kind} connector '${code}'`);
    const result = specs.map(describeConnector);
    return ok({ result, page: 1, page_size: result.length, total: result.length, has_next: false });
  };
}

function resetOffsets(call: Call): Reply {
  const items = checkBody(call.body, {
    topics: { type: 'array', items: 'string', required: true },
    strategy: { type: 'string', required: true, enum: ['earliest', 'latest', 'timestamp', 'offset'] },
  });
  if (items.length > 0) return validationError(items);
  return ok({});
}

export function registerMiscRoutes(router: Router): void {
  router
    .add('GET', '/sources/connectors', catalogue('source'))
    .add('GET', '/destinations/connectors', catalogue('destination'))
    .add('POST', '/consumer-groups/{group_id}/reset-offsets', resetOffsets, false);
}
