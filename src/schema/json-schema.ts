/**
 * The manifest's JSON Schema (2020-12), built from the kind registry (one section and one `$defs`
 * item schema per kind, in the registry's display order) and the connector catalogue. Two modes:
 * - `runtime`: the shape ajv checks while loading (config maps are checked in code, see config-values.ts);
 * - `editor`: the same plus every connector's config keys, for yaml-language-server completion. This
 *   one is committed as schema/streamkap-gitops.schema.json and printed by `streamkap-gitops schema`.
 */
import { registry } from '../kinds/registry.js';
import type { JsonObject } from '../model/index.js';
import { ENV_REF_PATTERN } from './json-schema-config.js';
import { NAMES, NAMESPACE_PATTERN, type SchemaMode } from './json-schema-parts.js';

export type { SchemaMode } from './json-schema-parts.js';

function list(ref: string, description: string): JsonObject {
  return { type: 'array', items: { $ref: `#/$defs/${ref}` }, description };
}

/** `external:` lists, by section key, the kinds other kinds refer to. */
function externalSchema(): JsonObject {
  const referred = registry.kinds.filter((k) => registry.referrers(k.kind).length > 0);
  return {
    type: 'object',
    description: 'Resources referenced by name but never written by this namespace.',
    properties: Object.fromEntries(referred.map((k) => [k.manifest.key, NAMES])),
    additionalProperties: false,
  };
}

/** Builds the schema; `runtime` is compiled once by validate-structure.ts. */
export function buildManifestSchema(mode: SchemaMode): JsonObject {
  const kinds = registry.kinds;
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
      ...Object.fromEntries(kinds.map((k) => [k.manifest.key, list(k.kind, k.manifest.description)])),
      external: externalSchema(),
    },
    additionalProperties: false,
    $defs: {
      envRef: { type: 'string', pattern: ENV_REF_PATTERN, description: 'An environment reference.' },
      ...Object.fromEntries(kinds.map((k) => [k.kind, k.manifest.schema(mode)])),
    },
  };
}

/** The editor schema as committed in schema/streamkap-gitops.schema.json (2-space JSON, trailing newline). */
export function renderEditorSchema(): string {
  return `${JSON.stringify(buildManifestSchema('editor'), null, 2)}\n`;
}
