/**
 * The manifest's JSON Schema (2020-12), built from the connector catalogue. Two modes:
 * - `runtime`: the shape ajv checks while loading (config maps are checked in code, see config-values.ts);
 * - `editor`: the same plus every connector's config keys, for yaml-language-server completion. This
 *   one is committed as schema/streamkap-gitops.schema.json and printed by `streamkap-gitops schema`.
 */
import { listConnectors, type ConnectorKind } from '../catalogue/index.js';
import type { JsonObject, JsonValue } from '../model/index.js';
import { TRANSFORM_TYPES } from '../model/index.js';
import { editorConfigSchema, ENV_REF_PATTERN } from './json-schema-config.js';

export type SchemaMode = 'runtime' | 'editor';

export const NAMESPACE_PATTERN = '^[a-z0-9][a-z0-9-]{0,40}$';

const NAME: JsonObject = { type: 'string', minLength: 1, maxLength: 255, pattern: '\\S' };
const NAMES: JsonObject = { type: 'array', items: NAME, uniqueItems: true };

const COMMON: Record<string, JsonObject> = {
  name: { ...NAME, description: 'Unique per kind across all manifests.' },
  tags: { ...NAMES, description: 'Tag names. Absent: the tool leaves the live tags alone.' },
  protected: { type: 'boolean', description: 'Refuse to delete or replace this resource.' },
  previous_names: { ...NAMES, description: 'Former names: a rename updates instead of recreating.' },
  extra_config: {
    type: 'object',
    description: 'Wire keys the catalogue does not know, sent as-is (with a warning).',
  },
};

function branches(kind: ConnectorKind, tag: string, mode: SchemaMode): JsonValue[] {
  return listConnectors(kind).map((spec) => ({
    properties: {
      [tag]: { const: spec.code },
      config: mode === 'editor' ? editorConfigSchema(spec) : { type: 'object' },
    },
  }));
}

function connectorResource(kind: 'source' | 'destination', mode: SchemaMode): JsonObject {
  return {
    type: 'object',
    required: ['name', 'connector'],
    properties: {
      ...COMMON,
      connector: { type: 'string', description: `The ${kind} connector code from the catalogue.` },
      config: { type: 'object' },
    },
    additionalProperties: false,
    discriminator: { propertyName: 'connector' },
    oneOf: branches(kind, 'connector', mode),
  };
}

function transformResource(mode: SchemaMode): JsonObject {
  const known = new Set<string>(TRANSFORM_TYPES);
  return {
    type: 'object',
    required: ['name', 'type'],
    properties: {
      ...COMMON,
      type: { type: 'string', description: 'The transform type.' },
      config: { type: 'object' },
      implementation_file: {
        type: 'string',
        minLength: 1,
        description: 'Path to the code, relative to this manifest file.',
      },
    },
    additionalProperties: false,
    discriminator: { propertyName: 'type' },
    oneOf: branches('transform', 'type', mode).filter((b) => {
      const code = ((b as JsonObject)['properties'] as JsonObject)['type'] as JsonObject;
      return known.has(String(code['const']));
    }),
  };
}

const PIPELINE: JsonObject = {
  type: 'object',
  required: ['name', 'source', 'destination'],
  properties: {
    ...COMMON,
    source: { ...NAME, description: 'Source name (declared in sources or listed in external.sources).' },
    destination: { ...NAME, description: 'Destination name.' },
    topics: {
      type: 'array',
      items: NAME,
      uniqueItems: true,
      description: "Pretty topic names (public.orders). Default: every table of the source's table_include_list.",
    },
    transforms: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'topics'],
        properties: { name: NAME, topics: { type: 'array', items: NAME, minItems: 1, uniqueItems: true } },
        additionalProperties: false,
      },
    },
    topic_auto_discovery: {
      type: 'array',
      items: {
        type: 'object',
        required: ['transform', 'regex'],
        properties: { transform: NAME, regex: { type: 'string', minLength: 1 } },
        additionalProperties: false,
      },
    },
    snapshot_new_tables: { type: 'boolean', description: 'Default true.' },
  },
  additionalProperties: false,
};

const TAG: JsonObject = {
  type: 'object',
  required: ['name'],
  properties: { name: NAME, description: { type: ['string', 'null'] } },
  additionalProperties: false,
};

const EXTERNAL: JsonObject = {
  type: 'object',
  description: 'Resources referenced by name but never written by this namespace.',
  properties: { sources: NAMES, destinations: NAMES, transforms: NAMES },
  additionalProperties: false,
};

function list(ref: string, description: string): JsonObject {
  return { type: 'array', items: { $ref: `#/$defs/${ref}` }, description };
}

/** Builds the schema; `runtime` is compiled once by validate-structure.ts. */
export function buildManifestSchema(mode: SchemaMode): JsonObject {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'streamkap-gitops manifest',
    type: 'object',
    properties: {
      namespace: {
        type: 'string',
        pattern: NAMESPACE_PATTERN,
        description: 'Ownership scope; required once across all files.',
      },
      sources: list('source', 'Sources this namespace manages. [] = none.'),
      destinations: list('destination', 'Destinations this namespace manages.'),
      transforms: list('transform', 'Transforms this namespace manages.'),
      pipelines: list('pipeline', 'Pipelines this namespace manages.'),
      tags: list('tag', 'Custom tags this namespace manages.'),
      external: EXTERNAL,
    },
    additionalProperties: false,
    $defs: {
      envRef: { type: 'string', pattern: ENV_REF_PATTERN, description: 'An environment reference.' },
      source: connectorResource('source', mode),
      destination: connectorResource('destination', mode),
      transform: transformResource(mode),
      pipeline: PIPELINE,
      tag: TAG,
    },
  };
}

/** The editor schema as committed in schema/streamkap-gitops.schema.json (2-space JSON, trailing newline). */
export function renderEditorSchema(): string {
  return `${JSON.stringify(buildManifestSchema('editor'), null, 2)}\n`;
}
