/**
 * Editor-only JSON Schema for `config` maps, one per connector, generated from the catalogue so that
 * yaml-language-server can complete key names and show types, defaults and allowed values. At run time
 * config is checked in code (config-values.ts), which also knows aliases, quoted numbers and ${env:…}.
 */
import type { ConnectorSpec, FieldSpec } from '../catalogue/index.js';
import type { JsonObject, JsonValue } from '../model/index.js';
import { BOOLEAN_TEXTS, isCommaListField, isReadOnly } from '../catalogue/index.js';

export const ENV_REF_PATTERN = '^\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}$';
const ENV_REF: JsonObject = { $ref: '#/$defs/envRef' };

function valueSchema(f: FieldSpec): JsonObject {
  if (f.secret) return ENV_REF;
  switch (f.type) {
    case 'int': {
      const num: Record<string, JsonValue> = { type: 'integer' };
      if (f.range) {
        num['minimum'] = f.range[0];
        num['maximum'] = f.range[1];
      }
      return { anyOf: [num, { type: 'string', pattern: '^[+-]?\\d+$' }, ENV_REF] };
    }
    case 'bool':
      return {
        anyOf: [{ type: 'boolean' }, { enum: [...BOOLEAN_TEXTS.true, ...BOOLEAN_TEXTS.false] }, ENV_REF],
      };
    case 'list<string>':
      return { type: ['array', 'string'], items: { type: 'string' } };
    case 'map<string,string>':
    case 'map<string,object>':
      return { type: ['object', 'string'] };
    case 'json-string':
      return { type: 'string' };
    case 'string':
      if (f.enum) return { anyOf: [{ enum: [...f.enum] }, ENV_REF] };
      return isCommaListField(f)
        ? { type: ['string', 'array'], items: { type: 'string' } }
        : { type: 'string' };
  }
}

function describe(f: FieldSpec): string {
  const parts = [`API key "${f.apiKey}" (${f.type}).`];
  if (f.required) parts.push('Required.');
  if (f.secret) parts.push('Secret: write ${env:NAME}.');
  if (f.setOnce) parts.push('Set once: changing it replaces the connector.');
  if (f.default !== undefined) parts.push(`Default: ${JSON.stringify(f.default)}.`);
  return parts.join(' ');
}

function fieldSchema(f: FieldSpec): JsonObject {
  const out: Record<string, JsonValue> = { description: describe(f), ...valueSchema(f) };
  if (f.default !== undefined) out['default'] = f.default;
  return out;
}

/** `{type: object, properties: {friendly: …, alias: deprecated …}}` for one connector. */
export function editorConfigSchema(spec: ConnectorSpec): JsonObject {
  const properties: Record<string, JsonValue> = {};
  for (const f of spec.fields) {
    if (isReadOnly(f)) continue;
    properties[f.name] = fieldSchema(f);
  }
  for (const a of spec.deprecatedAliases) {
    const target = spec.fields.find((f) => f.name === a.canonical);
    if (!target) continue;
    properties[a.name] = {
      ...fieldSchema(target),
      deprecated: true,
      description: `Deprecated: use "${a.canonical}".`,
    };
  }
  return {
    type: 'object',
    properties,
    // NOTE: the API's dotted keys are accepted aliases; the editor lets any dotted key through.
    patternProperties: { '\\.': {} },
    additionalProperties: false,
  };
}
